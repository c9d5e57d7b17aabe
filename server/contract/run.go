package contract

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"vigie/server"
	"vigie/wasm/trust"
	"vigie/wasm/trust/sign"
)

// Run checks the whole contract against tgt, whose store must be empty.
// Subtests run in order and build on each other's state.
func Run(t *testing.T, tgt Target) {
	c := NewClient(t, tgt)
	s := NewSigner(t, tgt.Root)
	relA, relB := NewRoot(t), NewRoot(t)
	year := time.Now().Add(365 * 24 * time.Hour).UTC().Truncate(time.Second)
	both := []string{"stable", "beta"}
	b1, b2 := Bundle(t, "1"), Bundle(t, "2")
	sha1 := trust.SHA256Hex(b1)

	step := func(name string, f func(t *testing.T)) {
		if !t.Run(name, f) {
			t.FailNow()
		}
	}
	// rejected checks a refused release upload changed nothing.
	rejected := func(t *testing.T, body []byte, status int, code string) {
		t.Helper()
		before := c.state("stable")
		want(t, c.Admin("POST", "/v1/admin/releases", body), status, code)
		if after := c.state("stable"); after != before {
			t.Fatalf("rejected upload changed the store: got %+v, want %+v", after, before)
		}
	}

	step("healthz", func(t *testing.T) {
		want(t, c.Do("GET", "/healthz", nil), http.StatusOK, "")
	})
	step("empty store", func(t *testing.T) {
		want(t, c.Do("GET", "/v1/keys", nil), http.StatusNotFound, "not_found")
		want(t, c.Do("GET", "/v1/channels/stable/latest", nil), http.StatusNotFound, "not_found")
		want(t, c.Do("GET", "/v1/bundles/"+sha1, nil), http.StatusNotFound, "not_found")
		want(t, c.Do("GET", "/no/such/route", nil), http.StatusNotFound, "not_found")
		rejected(t, Publish(s.Manifest(relA, "stable", 1, b1, nil), b1), http.StatusUnprocessableEntity, "no_keys")
	})
	step("unauthorized", func(t *testing.T) {
		body := Publish(s.Manifest(relA, "stable", 1, b1, nil), b1)
		for name, hdr := range map[string][]string{
			"no token":    {"Content-Type", "application/json"},
			"wrong token": {"Content-Type", "application/json", "Authorization", "Bearer nope"},
			"basic auth":  {"Content-Type", "application/json", "Authorization", "Basic " + tgt.Token},
		} {
			t.Run(name, func(t *testing.T) {
				r := c.Do("POST", "/v1/admin/releases", body, hdr...)
				want(t, r, http.StatusUnauthorized, "unauthorized")
				want(t, c.Do("GET", "/v1/admin/audit", nil, hdr...), http.StatusUnauthorized, "unauthorized")
				want(t, c.Do("POST", "/v1/admin/keys", s.Keys(1, year, both, relA), hdr...), http.StatusUnauthorized, "unauthorized")
			})
		}
	})
	step("keys", func(t *testing.T) {
		other := NewSigner(t, NewRoot(t))
		tampered := bytes.Replace(s.Keys(1, year, both, relA), []byte(`"payload":"`), []byte(`"payload":"AAAA`), 1)
		for _, tt := range []struct {
			name   string
			doc    []byte
			status int
			code   string
		}{
			{"other root", other.Keys(1, year, both, relA), 422, "unknown_key"},
			{"bad signature", tampered, 422, "bad_signature"},
			{"expired", s.Keys(1, time.Now().Add(-time.Hour), both, relA), 422, "keys_expired"},
			{"malformed", []byte(`{"payload":"e30=","signatures":[]}`), 422, "malformed"},
		} {
			t.Run(tt.name, func(t *testing.T) {
				want(t, c.Admin("POST", "/v1/admin/keys", tt.doc), tt.status, tt.code)
				want(t, c.Do("GET", "/v1/keys", nil), http.StatusNotFound, "not_found")
			})
		}
		doc := s.Keys(1, year, both, relA)
		want(t, c.Admin("POST", "/v1/admin/keys", doc), http.StatusCreated, "")
		want(t, c.Admin("POST", "/v1/admin/keys", doc), http.StatusConflict, "keys_version")
		r := c.Do("GET", "/v1/keys", nil)
		want(t, r, http.StatusOK, "")
		if !bytes.Equal(r.Body, doc) {
			t.Fatalf("got keys %.100s, want the uploaded bytes", r.Body)
		}
	})

	var m1 []byte
	step("publish and fetch", func(t *testing.T) {
		m1 = s.Manifest(relA, "stable", 1, b1, nil)
		r := c.Admin("POST", "/v1/admin/releases", Publish(m1, b1))
		want(t, r, http.StatusCreated, "")
		var info server.ReleaseInfo
		if err := json.Unmarshal(r.Body, &info); err != nil || info.Version != 1 || info.SHA256 != sha1 {
			t.Fatalf("got %s (%v), want version 1 of %s", r.Body, err, sha1)
		}
		r = c.Do("GET", "/v1/channels/stable/latest", nil)
		want(t, r, http.StatusOK, "")
		if !bytes.Equal(r.Body, m1) {
			t.Fatalf("latest: got %.100s, want the signed bytes verbatim", r.Body)
		}
		tag := r.Header.Get("ETag")
		if !strings.HasPrefix(tag, `"`) || r.Header.Get("Cache-Control") == "" {
			t.Fatalf("got ETag %q Cache-Control %q, want a strong ETag and a Cache-Control", tag, r.Header.Get("Cache-Control"))
		}
		r = c.Do("GET", "/v1/channels/stable/latest", nil, "If-None-Match", tag)
		if r.Status != http.StatusNotModified || len(r.Body) != 0 || r.Header.Get("ETag") != tag {
			t.Fatalf("If-None-Match: got %d %q ETag %q, want 304, empty, %q", r.Status, r.Body, r.Header.Get("ETag"), tag)
		}
		want(t, c.Do("GET", "/v1/channels/stable/latest", nil, "If-None-Match", `"other"`), http.StatusOK, "")
		r = c.Do("GET", "/v1/bundles/"+sha1, nil)
		want(t, r, http.StatusOK, "")
		if !bytes.Equal(r.Body, b1) || !strings.Contains(r.Header.Get("Cache-Control"), "immutable") {
			t.Fatalf("bundle: got %d bytes, Cache-Control %q; want the %d uploaded bytes, immutable", len(r.Body), r.Header.Get("Cache-Control"), len(b1))
		}
		want(t, c.Do("GET", "/v1/channels/beta/latest", nil), http.StatusNotFound, "not_found")
	})

	step("rejected releases store nothing", func(t *testing.T) {
		expired := func(m *trust.Manifest) {
			m.PublishedAt = m.PublishedAt.Add(-30 * 24 * time.Hour)
			m.ExpiresAt = time.Now().Add(-time.Hour)
		}
		bigger := func(m *trust.Manifest) { m.Bundle.Size++ }
		smaller := func(m *trust.Manifest) { m.Bundle.Size-- }
		wrongSHA := func(m *trust.Manifest) { m.Bundle.SHA256 = trust.SHA256Hex([]byte("x")) }
		lowEngine := func(m *trust.Manifest) { m.MinEngine = "0.1" }
		notJSON := []byte("not a bundle at all")
		badSchema := bytes.Replace(b1, []byte(`"schema":1`), []byte(`"schema":9`), 1)
		badRegex := bytes.Replace(b1, []byte(`VG-[0-9]{6}`), []byte(`VG-[0-9`), 1)
		badExample := bytes.Replace(b1, []byte(`VG-[0-9]{6}`), []byte(`VG-[0-9]{7}`), 1)
		tampered := bytes.Replace(s.Manifest(relA, "stable", 2, b1, nil), []byte(`"payload":"`), []byte(`"payload":"AAAA`), 1)
		for _, tt := range []struct {
			name   string
			body   []byte
			status int
			code   string
		}{
			{"same version", Publish(s.Manifest(relA, "stable", 1, b2, nil), b2), 409, "version_conflict"},
			{"replayed manifest", Publish(m1, b1), 409, "version_conflict"},
			{"unknown key", Publish(s.Manifest(relB, "stable", 2, b1, nil), b1), 422, "unknown_key"},
			{"bad signature", Publish(tampered, b1), 422, "bad_signature"},
			{"key not allowed for channel", Publish(s.Manifest(relA, "nightly", 1, b1, nil), b1), 422, "key_channel"},
			{"expired manifest", Publish(s.Manifest(relA, "stable", 2, b1, expired), b1), 422, "manifest_expired"},
			{"bundle bigger than manifest", Publish(s.Manifest(relA, "stable", 2, b1, smaller), b1), 422, "size_over"},
			{"bundle smaller than manifest", Publish(s.Manifest(relA, "stable", 2, b1, bigger), b1), 422, "size_mismatch"},
			{"sha256 mismatch", Publish(s.Manifest(relA, "stable", 2, b1, wrongSHA), b1), 422, "sha256_mismatch"},
			{"bundle not JSON", Publish(s.Manifest(relA, "stable", 2, notJSON, nil), notJSON), 422, "bundle_invalid"},
			{"bundle schema", Publish(s.Manifest(relA, "stable", 2, badSchema, nil), badSchema), 422, "bundle_invalid"},
			{"rule does not compile", Publish(s.Manifest(relA, "stable", 2, badRegex, nil), badRegex), 422, "bundle_invalid"},
			{"failing example", Publish(s.Manifest(relA, "stable", 2, badExample, nil), badExample), 422, "bundle_invalid"},
			{"min engine below bundle's", Publish(s.Manifest(relA, "stable", 2, b1, lowEngine), b1), 422, "min_engine"},
			{"bundle missing", Publish(s.Manifest(relA, "stable", 2, b2, nil), nil), 422, "bundle_missing"},
			{"invalid manifest", Publish(s.Manifest(relA, "stable", 2, b1, func(m *trust.Manifest) { m.Rollout = 101 }), b1), 422, "malformed"},
			{"malformed JSON", []byte(`{"manifest":`), 400, "bad_request"},
			{"unknown field", []byte(`{"manifest":"","x":1}`), 400, "bad_request"},
			{"JSON array", []byte(`[]`), 400, "bad_request"},
			{"truncated JSON", Publish(s.Manifest(relA, "stable", 2, b1, nil), b1)[:200], 400, "bad_request"},
			{"huge body", bytes.Repeat([]byte(" "), server.DefaultMaxBody+1), 413, "too_large"},
		} {
			t.Run(tt.name, func(t *testing.T) { rejected(t, tt.body, tt.status, tt.code) })
		}
		t.Run("wrong content type", func(t *testing.T) {
			body := Publish(s.Manifest(relA, "stable", 2, b1, nil), b1)
			for _, ct := range []string{"text/plain", "application/x-www-form-urlencoded", ""} {
				r := c.Do("POST", "/v1/admin/releases", body, "Authorization", "Bearer "+tgt.Token, "Content-Type", ct)
				want(t, r, http.StatusUnsupportedMediaType, "unsupported_media_type")
			}
			if got := c.state("stable"); got.releases != 1 {
				t.Fatalf("got %d releases, want 1", got.releases)
			}
		})
		t.Run("truncated body", func(t *testing.T) {
			host := strings.TrimPrefix(strings.TrimPrefix(c.base, "http://"), "https://")
			status := RawRequest(t, c.base, "POST /v1/admin/releases HTTP/1.1\r\nHost: "+host+
				"\r\nAuthorization: Bearer "+tgt.Token+"\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n{\"manifest\":\"abc")
			// The Go server answers 400. Under wrangler dev the local proxy
			// answers 503 itself, the Worker never seeing the cut request.
			if !strings.Contains(status, " 4") && !strings.Contains(status, " 503 ") {
				t.Fatalf("got %q, want a 4xx status (503 from a proxy)", status)
			}
			want(t, c.Do("GET", "/healthz", nil), http.StatusOK, "")
			if got := c.state("stable"); got.releases != 1 {
				t.Fatalf("got %d releases, want 1", got.releases)
			}
		})
	})

	step("bad ids and paths", func(t *testing.T) {
		for _, tt := range []struct {
			path   string
			status int
		}{
			{"/v1/bundles/..%2F..%2Fetc%2Fpasswd", 400},
			{"/v1/bundles/" + strings.ToUpper(sha1), 400},
			{"/v1/bundles/" + sha1 + "x", 400},
			{"/v1/bundles/%2e%2e", 400},
			{"/v1/channels/..%2Fkeys/latest", 400},
			{"/v1/channels/Stable/latest", 400},
			{"/v1/channels/" + strings.Repeat("a", 40) + "/latest", 400},
		} {
			t.Run(tt.path, func(t *testing.T) {
				r := c.Do("GET", tt.path, nil)
				if r.Status < 400 || r.Status > 499 {
					t.Fatalf("got %d, want 4xx", r.Status)
				}
				if r.Status == 400 {
					want(t, r, 400, "bad_request")
				}
			})
		}
		want(t, c.Admin("GET", "/v1/admin/releases?channel=..%2F", nil), 400, "bad_request")
		want(t, c.Admin("GET", "/v1/admin/releases", nil), 400, "bad_request")
	})

	step("rollout reuses the stored bundle", func(t *testing.T) {
		half := func(m *trust.Manifest) { m.Rollout = 50 }
		want(t, c.Admin("POST", "/v1/admin/releases", Publish(s.Manifest(relA, "stable", 2, b1, half), nil)), 201, "")
		_, m, err := trust.ParseManifest(c.Do("GET", "/v1/channels/stable/latest", nil).Body)
		if err != nil || m.Version != 2 || m.Rollout != 50 {
			t.Fatalf("got %+v (%v), want version 2 at 50%%", m, err)
		}
	})

	step("rollback republishes older bytes", func(t *testing.T) {
		want(t, c.Admin("POST", "/v1/admin/releases", Publish(s.Manifest(relA, "stable", 3, b2, nil), b2)), 201, "")
		want(t, c.Admin("POST", "/v1/admin/releases", Publish(s.Manifest(relA, "stable", 4, b1, nil), nil)), 201, "")
		_, m, err := trust.ParseManifest(c.Do("GET", "/v1/channels/stable/latest", nil).Body)
		if err != nil || m.Version != 4 || m.Bundle.SHA256 != sha1 {
			t.Fatalf("got %+v (%v), want version 4 with bundle %s", m, err, sha1)
		}
		rejected(t, Publish(s.Manifest(relA, "stable", 3, b1, nil), nil), 409, "version_conflict")
		want(t, c.Do("GET", "/v1/bundles/"+trust.SHA256Hex(b2), nil), 200, "")
	})

	step("concurrent publishes of one version", func(t *testing.T) {
		const n = 8
		bodies := make([][]byte, n)
		for i := range bodies {
			bodies[i] = Publish(s.Manifest(relA, "stable", 5, b2, nil), b2)
		}
		statuses := c.Concurrent(bodies)
		if count(statuses, 201) != 1 || count(statuses, 409) != n-1 {
			t.Fatalf("got statuses %s, want exactly one 201 and %d 409", fmtStatuses(statuses), n-1)
		}
		if st := c.state("stable"); st.latestVersion != 5 || st.releases != 5 {
			t.Fatalf("got %+v, want latest 5 and 5 releases", st)
		}
	})

	step("key rotation", func(t *testing.T) {
		want(t, c.Admin("POST", "/v1/admin/keys", s.Keys(2, year, both, relB)), 201, "")
		rejected(t, Publish(s.Manifest(relA, "stable", 6, b1, nil), nil), 422, "unknown_key")
		want(t, c.Admin("POST", "/v1/admin/releases", Publish(s.Manifest(relB, "stable", 6, b1, nil), nil)), 201, "")
		want(t, c.Admin("POST", "/v1/admin/keys", s.Keys(1, year, both, relA)), 409, "keys_version")
		// A release key past its expiry may no longer sign.
		expiredKey := &trust.Keys{Schema: trust.KeysSchema, Version: 3, Expires: year, ReleaseKeys: []trust.ReleaseKey{{
			ID: trust.KeyID(relA.Public().(ed25519.PublicKey)), PublicKey: relA.Public().(ed25519.PublicKey),
			Channels: both, Expires: time.Now().Add(-time.Minute).UTC(),
		}}}
		doc, err := sign.Keys(expiredKey, tgt.Root)
		if err != nil {
			t.Fatal(err)
		}
		want(t, c.Admin("POST", "/v1/admin/keys", doc), 201, "")
		rejected(t, Publish(s.Manifest(relA, "stable", 7, b1, nil), nil), 422, "key_expired")
		_, k, err := trust.ParseKeys(c.Do("GET", "/v1/keys", nil).Body)
		if err != nil || k.Version != 3 {
			t.Fatalf("got keys %+v (%v), want version 3", k, err)
		}
	})

	step("audit", func(t *testing.T) {
		r := c.Admin("GET", "/v1/admin/audit?limit=1000", nil)
		want(t, r, 200, "")
		var entries []server.AuditInfo
		if err := json.Unmarshal(r.Body, &entries); err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		for _, e := range entries {
			if e.ID == "" || e.At.IsZero() || e.TokenID == "" {
				t.Fatalf("incomplete audit entry %+v", e)
			}
			seen[fmt.Sprintf("%s %s %s", e.Action, e.Outcome, e.Code)]++
		}
		for _, k := range []string{
			"publish_release accepted ", "publish_release rejected version_conflict", "publish_release rejected bad_signature",
			"publish_release rejected unauthorized", "publish_keys accepted ", "publish_keys rejected keys_version",
			"publish_release rejected bundle_invalid", "publish_release rejected key_expired",
		} {
			if seen[k] == 0 {
				t.Errorf("no audit entry %q in %v", k, seen)
			}
		}
		if got := seen["publish_release accepted "]; got != 6 {
			t.Errorf("got %d accepted releases in the audit log, want 6", got)
		}
	})
}

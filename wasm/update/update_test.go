package update

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/uuid"

	"vigie/wasm/engine"
	"vigie/wasm/jsonv"
	"vigie/wasm/rules"
	"vigie/wasm/trust"
	"vigie/wasm/trust/sign"
)

// memberRule is a fictitious membership number only bundle v2 knows.
const memberRule = `{
  "id": "member-vig", "type": "NATIONAL_ID", "locales": ["*"], "anchor": "digits",
  "pattern": "VIG-[0-9]{3}-[0-9]{3}", "score": 0.9,
  "explain": {"fr": "Numéro d'adhérent fictif.", "en": "Fictitious membership number."},
  "examples": {
    "positive": [{"text": "adhérent VIG-123-456 merci", "match": "VIG-123-456"}, {"text": "n° VIG-654-321.", "match": "VIG-654-321"}],
    "negative": ["VIG-12-456 trop court", "rien ici 2026"]
  }
}`

const memberText = "mon numéro VIG-123-456"

func key(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

func pub(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

var (
	rootKey, releaseKey, otherKey = key(1), key(2), key(3)
	now                           = time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	installID                     = []byte("0123456789abcdef")
)

// pack builds a bundle from the embedded email rule (and the shared word
// lists) plus extra rule files.
func pack(t *testing.T, extra ...string) []byte {
	t.Helper()
	email, err := fs.ReadFile(rules.Embedded(), "detectors/email.json")
	if err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"detectors/email.json": {Data: email}}
	lists, err := fs.Glob(rules.Embedded(), "lists/*.json") // the email rule's veto words
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range lists {
		data, err := fs.ReadFile(rules.Embedded(), name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: data}
	}
	for _, r := range extra {
		var head struct{ ID string }
		if err := json.Unmarshal([]byte(r), &head); err != nil {
			t.Fatal(err)
		}
		fsys["detectors/"+head.ID+".json"] = &fstest.MapFile{Data: []byte(r)}
	}
	b, err := rules.Pack(fsys, rules.Meta{Version: "test", CreatedAt: "2026-11-26T00:00:00Z"})
	if err != nil {
		t.Fatal(err)
	}
	data, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func keysDoc(t *testing.T, edit func(*trust.Keys)) []byte {
	t.Helper()
	k := &trust.Keys{
		Schema: trust.KeysSchema, Version: 3, Expires: now.Add(365 * 24 * time.Hour),
		ReleaseKeys: []trust.ReleaseKey{{
			ID: trust.KeyID(pub(releaseKey)), PublicKey: pub(releaseKey),
			Channels: []string{"stable", "beta"}, Expires: now.Add(180 * 24 * time.Hour),
		}},
	}
	if edit != nil {
		edit(k)
	}
	d, err := sign.Keys(k, rootKey)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func manifest(t *testing.T, bundle []byte, signer ed25519.PrivateKey, edit func(*trust.Manifest)) []byte {
	t.Helper()
	m := &trust.Manifest{
		Schema: trust.ManifestSchema, Channel: "stable", Version: 7,
		ReleaseID: trust.UUID(uuid.MustParse("0b7e6f0c-95a4-4a8b-9f6e-0d6b6f3f1a11")),
		Bundle:    trust.BundleRef{SHA256: trust.SHA256Hex(bundle), Size: int64(len(bundle))},
		Rollout:   100, MinEngine: engine.Version,
		PublishedAt: now.Add(-time.Hour), ExpiresAt: now.Add(trust.DefaultManifestTTL),
	}
	if edit != nil {
		edit(m)
	}
	d, err := sign.Manifest(m, signer)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// bucketOf is this install's bucket for a bundle.
func bucketOf(t *testing.T, bundle []byte) int {
	b, err := trust.Bucket(installID, trust.SHA256Hex(bundle))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func detects(e *engine.Engine, text string) bool {
	for _, f := range e.Scan(text) {
		if f.Rule == "member-vig" {
			return true
		}
	}
	return false
}

// TestApply runs one update per row from a current engine on bundle v1;
// every refusal must keep v1 (same engine, member number not detected) and
// give its reason code.
func TestApply(t *testing.T) {
	v1 := pack(t)
	v2 := pack(t, memberRule)
	cur, err := engine.Load(v1)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(memberRule, `"VIG-[0-9]{3}-[0-9]{3}"`, `"VIG-([0-9]{3}"`, 1)
	failing := strings.Replace(memberRule, `"match": "VIG-654-321"`, `"match": "n° VIG"`, 1)
	tampered := bytes.Replace(v2, []byte("VIG-[0-9]{3}"), []byte("VIG-[0-9]{2}"), 1)

	tests := []struct {
		name   string
		keys   func(*trust.Keys)
		man    func(*trust.Manifest)
		signer ed25519.PrivateKey // default releaseKey
		req    func(*Request)
		bundle []byte // default v2
		want   string
	}{
		{name: "ok", want: CodeOK},
		{name: "keys bad signature", req: func(r *Request) { r.KeysDoc = flipPayload(t, r.KeysDoc, `"version":3`, `"version":4`) }, want: CodeBadSignature},
		{name: "keys not signed by the pinned root", req: func(r *Request) { r.Root = pub(otherKey) }, want: CodeUnknownKey},
		{name: "keys document expired", keys: func(k *trust.Keys) { k.Expires = now }, want: CodeKeysExpired},
		{name: "keys version decreased", req: func(r *Request) { r.LastKeysVersion = 4 }, want: CodeKeysVersion},
		{name: "manifest bad signature", req: func(r *Request) { r.Manifest = flipPayload(t, r.Manifest, `"rollout":100`, `"rollout":99`) }, want: CodeBadSignature},
		{name: "manifest unknown key", signer: otherKey, want: CodeUnknownKey},
		{name: "release key expired", keys: func(k *trust.Keys) { k.ReleaseKeys[0].Expires = now }, want: CodeKeyExpired},
		{name: "key not allowed for the channel", keys: func(k *trust.Keys) { k.ReleaseKeys[0].Channels = []string{"beta"} }, want: CodeKeyChannel},
		{name: "wrong channel", man: func(m *trust.Manifest) { m.Channel = "beta" }, want: CodeWrongChannel},
		{name: "manifest expired", man: func(m *trust.Manifest) { m.ExpiresAt = now }, want: CodeManifestExpired},
		{name: "rollback equal version", req: func(r *Request) { r.LastVersion = 7 }, want: CodeRollback},
		{name: "rollback lower version", req: func(r *Request) { r.LastVersion = 8 }, want: CodeRollback},
		{name: "rollout bucket out", man: func(m *trust.Manifest) { m.Rollout = bucketOf(t, v2) }, want: CodeRolloutOut},
		{name: "rollout bucket in", man: func(m *trust.Manifest) { m.Rollout = bucketOf(t, v2) + 1 }, want: CodeOK},
		{name: "size over the manifest", bundle: append(bytes.Clone(v2), ' '), man: func(m *trust.Manifest) { m.Bundle.SHA256, m.Bundle.Size = trust.SHA256Hex(v2), int64(len(v2)) }, want: CodeSizeOver},
		{name: "size under the manifest", bundle: v2[:len(v2)-1], man: func(m *trust.Manifest) { m.Bundle.Size = int64(len(v2)) }, want: CodeSizeMismatch},
		{name: "sha256 mismatch", bundle: tampered, man: func(m *trust.Manifest) { m.Bundle.SHA256 = trust.SHA256Hex(v2) }, want: CodeDigest},
		{name: "min engine too high", man: func(m *trust.Manifest) { m.MinEngine = "99.0" }, want: CodeMinEngine},
		{name: "rule does not compile", bundle: pack(t, broken), want: CodeRules},
		{name: "failing example", bundle: pack(t, failing), want: CodeExamples},
		{name: "not a bundle", bundle: []byte(`{"schema":1,"rules":"x"}`), want: CodeRules},
		{name: "bad install id", req: func(r *Request) { r.InstallID = installID[:8] }, want: CodeBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bundle := tt.bundle
			if bundle == nil {
				bundle = v2
			}
			signer := tt.signer
			if signer == nil {
				signer = releaseKey
			}
			r := &Request{
				Root: pub(rootKey), Channel: "stable", InstallID: installID, LastVersion: 6, LastKeysVersion: 3, Now: now,
				KeysDoc: keysDoc(t, tt.keys), Manifest: manifest(t, bundle, signer, tt.man), Bundle: bundle,
			}
			if tt.req != nil {
				tt.req(r)
			}
			next, rep, err := Apply(cur, r)
			if got := Code(err); got != tt.want {
				t.Fatalf("got %q (%v), want %q", got, err, tt.want)
			}
			if tt.want == CodeOK {
				if next == cur || !detects(next, memberText) {
					t.Fatal("got the old rules, want v2 applied")
				}
				if rep.Manifest == nil || rep.Manifest.Version != 7 {
					t.Fatalf("got report %+v, want version 7", rep)
				}
				return
			}
			if next != cur || detects(next, memberText) {
				t.Fatal("the current rules changed on a refused update")
			}
			if !detects(cur, "x") && len(cur.Scan("écrivez à marie.dupont@gmail.com")) != 1 {
				t.Fatal("the current rules stopped working")
			}
		})
	}
}

// TestOrder checks that when several steps would fail, the first one in
// the documented order is the one reported.
func TestOrder(t *testing.T) {
	v2 := pack(t, memberRule)
	cur, err := engine.Load(pack(t))
	if err != nil {
		t.Fatal(err)
	}
	order := []struct {
		code string
		keys func(*trust.Keys)
		man  func(*trust.Manifest)
		req  func(*Request)
	}{
		{code: CodeKeysExpired, keys: func(k *trust.Keys) { k.Expires = now }},
		{code: CodeKeyChannel, keys: func(k *trust.Keys) { k.ReleaseKeys[0].Channels = []string{"stable"} }},
		{code: CodeWrongChannel, req: func(r *Request) { r.Channel = "stable" }},
		{code: CodeManifestExpired, man: func(m *trust.Manifest) { m.ExpiresAt = now }},
		{code: CodeRollback, req: func(r *Request) { r.LastVersion = 7 }},
		{code: CodeRolloutOut, man: func(m *trust.Manifest) { m.Rollout = 0 }},
		{code: CodeDigest, req: func(r *Request) { r.Bundle = bytes.Replace(r.Bundle, []byte("VIG-"), []byte("VIH-"), 1) }},
		{code: CodeMinEngine, man: func(m *trust.Manifest) { m.MinEngine = "99.0" }},
	}
	// Row i enables failures i..end; the report must name failure i.
	for i := range order {
		t.Run(order[i].code, func(t *testing.T) {
			r := &Request{
				Root: pub(rootKey), Channel: "stable", InstallID: installID, LastVersion: 6, LastKeysVersion: 3, Now: now,
				Bundle: v2,
				KeysDoc: keysDoc(t, func(k *trust.Keys) {
					for _, o := range order[i:] {
						if o.keys != nil {
							o.keys(k)
						}
					}
				}),
				Manifest: manifest(t, v2, releaseKey, func(m *trust.Manifest) {
					m.Channel = "beta" // allowed for the key unless the key-channel row is on
					for _, o := range order[i:] {
						if o.man != nil {
							o.man(m)
						}
					}
				}),
			}
			r.Channel = "beta"
			for _, o := range order[i:] {
				if o.req != nil {
					o.req(r)
				}
			}
			next, _, err := Apply(cur, r)
			if got := Code(err); got != order[i].code {
				t.Fatalf("got %q (%v), want %q", got, err, order[i].code)
			}
			if next != cur {
				t.Fatal("the current rules changed on a refused update")
			}
		})
	}
}

// flipPayload changes the signed payload of an envelope, keeping its
// signatures.
func flipPayload(t *testing.T, envelope []byte, from, to string) []byte {
	t.Helper()
	env, err := trust.ParseEnvelope(envelope)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(env.Payload, []byte(from)) {
		t.Fatalf("payload %s has no %s", env.Payload, from)
	}
	env.Payload = bytes.Replace(env.Payload, []byte(from), []byte(to), 1)
	out, err := env.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestCheckStopsBeforeTheBundle(t *testing.T) {
	v2 := pack(t, memberRule)
	r := &Request{
		Root: pub(rootKey), Channel: "stable", InstallID: installID, Now: now,
		KeysDoc: keysDoc(t, nil), Manifest: manifest(t, v2, releaseKey, nil),
	}
	rep, err := Check(r)
	if err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	if rep.Manifest.Bundle.SHA256 != trust.SHA256Hex(v2) || rep.Keys.Version != 3 || rep.Bucket != bucketOf(t, v2) {
		t.Fatalf("got %+v", rep)
	}
}

func TestFrameRoundTrip(t *testing.T) {
	in := &Request{Root: pub(rootKey), Channel: "stable", InstallID: installID, KeysDoc: []byte("k"), Manifest: []byte("m"), Bundle: nil}
	out, err := DecodeFrame(EncodeFrame(in), 5, 2, now)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Root, in.Root) || out.Channel != "stable" || !bytes.Equal(out.InstallID, installID) ||
		string(out.KeysDoc) != "k" || string(out.Manifest) != "m" || len(out.Bundle) != 0 ||
		out.LastVersion != 5 || out.LastKeysVersion != 2 || !out.Now.Equal(now) {
		t.Fatalf("got %+v", out)
	}
	for _, bad := range [][]byte{nil, {1, 0, 0}, {9, 0, 0, 0, 1}, append(EncodeFrame(in), 0)} {
		if _, err := DecodeFrame(bad, 0, 0, now); !errors.Is(err, ErrBadRequest) {
			t.Errorf("DecodeFrame(%v): got %v, want %v", bad, err, ErrBadRequest)
		}
	}
}

func TestAppendReport(t *testing.T) {
	v2 := pack(t, memberRule)
	r := &Request{
		Root: pub(rootKey), Channel: "stable", InstallID: installID, Now: now,
		KeysDoc: keysDoc(t, nil), Manifest: manifest(t, v2, releaseKey, func(m *trust.Manifest) { m.Rollout = 0 }),
	}
	rep, err := Check(r)
	out := AppendReport(nil, rep, err, false)
	v, perr := jsonv.Parse(out)
	if perr != nil {
		t.Fatalf("report %s: %v", out, perr)
	}
	got := map[string]string{}
	_ = jsonv.Fields(v, func(k string, val jsonv.Value) error {
		got[k] = string(val.Raw())
		return nil
	})
	for k, want := range map[string]string{"ok": "false", "code": `"rollout_out"`, "applied": "false", "keys_version": "3"} {
		if got[k] != want {
			t.Errorf("%s: got %s, want %s", k, got[k], want)
		}
	}
	if !strings.Contains(got["release"], `"version":7`) || !strings.Contains(got["release"], `"rollout":0`) {
		t.Errorf("release: got %s", got["release"])
	}
}

// FuzzDecodeFrame: arbitrary frames never panic and decode only when the
// lengths add up exactly.
func FuzzDecodeFrame(f *testing.F) {
	f.Add(EncodeFrame(&Request{Root: pub(rootKey), Channel: "stable", InstallID: installID}))
	f.Add([]byte{255, 255, 255, 255})
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeFrame(data, 0, 0, now)
		if err != nil {
			return
		}
		if !bytes.Equal(EncodeFrame(r), data) {
			t.Fatalf("frame %v does not round-trip", data)
		}
	})
}

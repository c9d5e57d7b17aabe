// Package contract is the rule server's HTTP contract, written once and run
// against every runtime: the native server on SQLite (cmd/vigie-server
// tests) and the worker on D1 under `wrangler dev` (worker_test.go). It
// talks HTTP only, so it checks what extensions and vigie-admin see.
package contract

import (
	"bytes"
	"crypto/ed25519"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"vigie/server"
	"vigie/wasm/engine"
	"vigie/wasm/rules"
	"vigie/wasm/trust"
	"vigie/wasm/trust/sign"
)

//go:embed testdata/rules
var testRules embed.FS

// Target is a running rule server with an empty store that trusts Root
// and accepts Token.
type Target struct {
	URL   string
	Token string
	Root  ed25519.PrivateKey
}

// NewRoot returns a fresh root key for a Target.
func NewRoot(t testing.TB) ed25519.PrivateKey {
	t.Helper()
	_, k, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// PackBundle packs the small test rule tree (one fictitious membership
// number rule) with the given version label; a different label gives
// different bytes.
func PackBundle(version string) ([]byte, error) {
	sub, err := fs.Sub(testRules, "testdata/rules")
	if err != nil {
		return nil, err
	}
	b, err := rules.Pack(sub, rules.Meta{Version: version, CreatedAt: "2026-11-26T00:00:00Z"})
	if err != nil {
		return nil, err
	}
	return json.Marshal(b)
}

// Bundle is PackBundle for tests.
func Bundle(t testing.TB, version string) []byte {
	t.Helper()
	data, err := PackBundle(version)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Signer holds keys and signs documents the way vigie-admin does.
type Signer struct {
	t    testing.TB
	Root ed25519.PrivateKey
}

// NewSigner returns a Signer for the given root key.
func NewSigner(t testing.TB, root ed25519.PrivateKey) *Signer { return &Signer{t: t, Root: root} }

// Keys signs a keys document listing each release key for channels.
func (s *Signer) Keys(version uint64, expires time.Time, channels []string, keys ...ed25519.PrivateKey) []byte {
	s.t.Helper()
	k := &trust.Keys{Schema: trust.KeysSchema, Version: version, Expires: expires}
	for _, rk := range keys {
		pub := rk.Public().(ed25519.PublicKey)
		k.ReleaseKeys = append(k.ReleaseKeys, trust.ReleaseKey{ID: trust.KeyID(pub), PublicKey: pub, Channels: channels, Expires: expires})
	}
	doc, err := sign.Keys(k, s.Root)
	if err != nil {
		s.t.Fatal(err)
	}
	return doc
}

// Manifest signs a manifest for bundle; edit may change fields first.
func (s *Signer) Manifest(key ed25519.PrivateKey, channel string, version uint64, bundle []byte, edit func(*trust.Manifest)) []byte {
	s.t.Helper()
	now := time.Now().UTC().Truncate(time.Second)
	m := &trust.Manifest{
		Schema: trust.ManifestSchema, Channel: channel, Version: version, ReleaseID: trust.UUID(uuid.New()),
		Bundle:  trust.BundleRef{SHA256: trust.SHA256Hex(bundle), Size: int64(len(bundle))},
		Rollout: 100, MinEngine: engine.Version, PublishedAt: now, ExpiresAt: now.Add(trust.DefaultManifestTTL),
	}
	if edit != nil {
		edit(m)
	}
	payload, err := json.Marshal(m)
	if err != nil {
		s.t.Fatal(err)
	}
	// Sign without Validate so tests can send invalid manifests.
	env, err := sign.Envelope(trust.ContextManifest, payload, key)
	if err != nil {
		s.t.Fatal(err)
	}
	return env
}

// Publish is the JSON body of a release upload.
func Publish(manifest, bundle []byte) []byte {
	body, _ := json.Marshal(server.PublishRequest{Manifest: manifest, Bundle: bundle})
	return body
}

// Response is what a request returned.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// Error decodes a JSON error body.
func (r *Response) Error() server.Error {
	var e server.Error
	_ = json.Unmarshal(r.Body, &e)
	return e
}

// Client sends raw requests to a Target.
type Client struct {
	t     testing.TB
	base  string
	token string
	http  *http.Client
}

// NewClient returns a client for tgt.
func NewClient(t testing.TB, tgt Target) *Client {
	return &Client{t: t, base: strings.TrimSuffix(tgt.URL, "/"), token: tgt.Token, http: &http.Client{Timeout: time.Minute}}
}

// Do sends a request; header pairs are name, value.
func (c *Client) Do(method, path string, body []byte, header ...string) *Response {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	return &Response{Status: resp.StatusCode, Header: resp.Header, Body: data}
}

// Admin sends an authenticated JSON request.
func (c *Client) Admin(method, path string, body []byte) *Response {
	c.t.Helper()
	return c.Do(method, path, body, "Authorization", "Bearer "+c.token, "Content-Type", "application/json")
}

// want fails unless r has the status and, for errors, the code.
func want(t testing.TB, r *Response, status int, code string) {
	t.Helper()
	if r.Status != status {
		t.Fatalf("got status %d, want %d (body %.300s)", r.Status, status, r.Body)
	}
	if code != "" {
		e := r.Error()
		if e.Code != code || e.Message == "" {
			t.Fatalf("got error %+v, want code %q with a message", e, code)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Fatalf("got Content-Type %q, want application/json", ct)
		}
	}
}

// state is what the server should hold; checked after every rejection.
type state struct {
	latestVersion uint64
	releases      int
}

func (c *Client) state(channel string) state {
	c.t.Helper()
	r := c.Admin("GET", "/v1/admin/releases?channel="+channel, nil)
	want(c.t, r, http.StatusOK, "")
	var rels []server.ReleaseInfo
	if err := json.Unmarshal(r.Body, &rels); err != nil {
		c.t.Fatal(err)
	}
	s := state{releases: len(rels)}
	if len(rels) > 0 {
		s.latestVersion = rels[0].Version
	}
	return s
}

// RawRequest writes req verbatim on a new TCP connection, half-closes it
// and returns the status line (for truncated bodies no HTTP client sends).
func RawRequest(t testing.TB, base, req string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.DialTimeout("tcp", u.Host, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(30 * time.Second))
	if _, err := io.WriteString(conn, req); err != nil {
		t.Fatal(err)
	}
	conn.(*net.TCPConn).CloseWrite()
	line, _ := io.ReadAll(io.LimitReader(conn, 4096))
	status, _, _ := strings.Cut(string(line), "\r\n")
	return status
}

// Concurrent publishes n manifests of the same version at once and
// returns the statuses.
func (c *Client) Concurrent(bodies [][]byte) []int {
	statuses := make([]int, len(bodies))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, body := range bodies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			req, _ := http.NewRequest("POST", c.base+"/v1/admin/releases", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+c.token)
			req.Header.Set("Content-Type", "application/json")
			resp, err := c.http.Do(req)
			if err != nil {
				statuses[i] = -1
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	close(start)
	wg.Wait()
	return statuses
}

func count(xs []int, x int) int {
	n := 0
	for _, v := range xs {
		if v == x {
			n++
		}
	}
	return n
}

func fmtStatuses(xs []int) string { return fmt.Sprint(xs) }

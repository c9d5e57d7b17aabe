package trust

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/google/uuid"
)

// fixture holds deterministic keys so failures reproduce.
type fixture struct {
	root, release, other ed25519.PrivateKey
	now                  time.Time
	bundle               []byte
}

func key(seed byte) ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{seed}, ed25519.SeedSize))
}

func newFixture() *fixture {
	return &fixture{
		root: key(1), release: key(2), other: key(3),
		now:    time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC),
		bundle: []byte(`{"schema":1,"rules":[]}`),
	}
}

func pub(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

func (f *fixture) keys() *Keys {
	return &Keys{
		Schema: KeysSchema, Version: 3, Expires: f.now.Add(365 * 24 * time.Hour),
		ReleaseKeys: []ReleaseKey{{
			ID: KeyID(pub(f.release)), PublicKey: pub(f.release),
			Channels: []string{"stable", "beta"}, Expires: f.now.Add(180 * 24 * time.Hour),
		}},
	}
}

func (f *fixture) manifest() *Manifest {
	return &Manifest{
		Schema: ManifestSchema, Channel: "stable", Version: 7,
		ReleaseID: UUID(uuid.MustParse("0b7e6f0c-95a4-4a8b-9f6e-0d6b6f3f1a11")),
		Bundle:    BundleRef{SHA256: SHA256Hex(f.bundle), Size: int64(len(f.bundle))},
		Rollout:   100, MinEngine: "1.0.0",
		PublishedAt: f.now.Add(-time.Hour), ExpiresAt: f.now.Add(DefaultManifestTTL),
	}
}

func mustSign(t *testing.T) func([]byte, error) []byte {
	return func(data []byte, err error) []byte {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
}

// tamper re-encodes an envelope after changing its payload, keeping the
// original signatures.
func tamper(t *testing.T, envelope []byte, edit func(payload []byte) []byte) []byte {
	t.Helper()
	var env Envelope
	if err := json.Unmarshal(envelope, &env); err != nil {
		t.Fatal(err)
	}
	env.Payload = edit(env.Payload)
	out, err := json.Marshal(env)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestVerifyRelease(t *testing.T) {
	f := newFixture()
	installID := []byte("0123456789abcdef")
	tests := []struct {
		name   string
		keys   func(*Keys)                       // edits the keys document before the root signs it
		man    func(*Manifest)                   // edits the manifest before signing
		sign   func(k, m []byte) (kd, md []byte) // edits the signed bytes
		policy func(*Policy)
		want   error
	}{
		{name: "ok"},
		{name: "keys bad signature", sign: func(k, m []byte) ([]byte, []byte) {
			return tamper(t, k, func(p []byte) []byte { return bytes.Replace(p, []byte(`"version":3`), []byte(`"version":4`), 1) }), m
		}, want: ErrBadSignature},
		{name: "keys signed by another root", policy: func(p *Policy) { p.Root = pub(f.other) }, want: ErrUnknownKey},
		{name: "keys expired", keys: func(k *Keys) { k.Expires = f.now.Add(-time.Second) }, want: ErrKeysExpired},
		{name: "keys version decreased", policy: func(p *Policy) { p.KeysVersion = 4 }, want: ErrKeysVersion},
		{name: "manifest bad signature", sign: func(k, m []byte) ([]byte, []byte) {
			return k, tamper(t, m, func(p []byte) []byte { return bytes.Replace(p, []byte(`"rollout":100`), []byte(`"rollout":99`), 1) })
		}, want: ErrBadSignature},
		{name: "manifest signed with root context swap", sign: func(k, m []byte) ([]byte, []byte) {
			var env Envelope
			_ = json.Unmarshal(m, &env)
			// A valid keys-context signature by the release key must not pass as a manifest one.
			out, _ := Sign(ContextKeys, env.Payload, f.release)
			return k, out
		}, want: ErrBadSignature},
		{name: "unknown key", sign: func(k, m []byte) ([]byte, []byte) {
			var env Envelope
			_ = json.Unmarshal(m, &env)
			out, _ := Sign(ContextManifest, env.Payload, f.other)
			return k, out
		}, want: ErrUnknownKey},
		{name: "release key expired", keys: func(k *Keys) { k.ReleaseKeys[0].Expires = f.now }, want: ErrKeyExpired},
		{name: "key not allowed for channel", keys: func(k *Keys) { k.ReleaseKeys[0].Channels = []string{"beta"} }, want: ErrKeyChannel},
		{name: "wrong channel", man: func(m *Manifest) { m.Channel = "beta" }, want: ErrWrongChannel},
		{name: "manifest expired", man: func(m *Manifest) { m.ExpiresAt = f.now }, want: ErrManifestExpired},
		{name: "rollback equal version", policy: func(p *Policy) { p.ManifestVersion = 7 }, want: ErrRollback},
		{name: "rollback lower version", man: func(m *Manifest) { m.Version = 2 }, policy: func(p *Policy) { p.ManifestVersion = 6 }, want: ErrRollback},
		{name: "rollout bucket out", man: func(m *Manifest) { m.Rollout = 0 }, want: ErrRolloutOut},
		{name: "malformed manifest", man: func(m *Manifest) { m.Rollout = 101 }, want: ErrMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, m := f.keys(), f.manifest()
			if tt.keys != nil {
				tt.keys(k)
			}
			if tt.man != nil {
				tt.man(m)
			}
			kd := mustSign(t)(SignKeys(k, f.root))
			var md []byte
			if m.Validate() == nil {
				md = mustSign(t)(SignManifest(m, f.release))
			} else {
				payload, _ := json.Marshal(m)
				md = mustSign(t)(Sign(ContextManifest, payload, f.release))
			}
			if tt.sign != nil {
				kd, md = tt.sign(kd, md)
			}
			p := &Policy{Root: pub(f.root), Channel: "stable", Engine: "1.0.0", InstallID: installID, KeysVersion: 3, ManifestVersion: 6}
			if tt.policy != nil {
				tt.policy(p)
			}
			_, got, err := p.VerifyRelease(kd, md, f.now)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v, want nil", err)
				}
				if got.Version != 7 {
					t.Fatalf("got version %d, want 7", got.Version)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestVerifyBundle(t *testing.T) {
	f := newFixture()
	tests := []struct {
		name   string
		bundle []byte
		man    func(*Manifest)
		policy func(*Policy)
		want   error
	}{
		{name: "ok", bundle: f.bundle},
		{name: "size over manifest", bundle: append(bytes.Clone(f.bundle), ' '), want: ErrSizeOver},
		{name: "size over cap", bundle: f.bundle, policy: func(p *Policy) { p.MaxBundle = 4 }, want: ErrSizeOver},
		{name: "size under manifest", bundle: f.bundle[:len(f.bundle)-1], want: ErrSizeMismatch},
		{name: "sha256 mismatch", bundle: bytes.Replace(f.bundle, []byte("1"), []byte("2"), 1), want: ErrDigest},
		{name: "min engine too high", bundle: f.bundle, man: func(m *Manifest) { m.MinEngine = "1.10" }, policy: func(p *Policy) { p.Engine = "1.9.9" }, want: ErrMinEngine},
		{name: "min engine equal", bundle: f.bundle, man: func(m *Manifest) { m.MinEngine = "1.10" }, policy: func(p *Policy) { p.Engine = "1.10.0" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := f.manifest()
			if tt.man != nil {
				tt.man(m)
			}
			p := &Policy{Engine: "1.0.0"}
			if tt.policy != nil {
				tt.policy(p)
			}
			err := p.VerifyBundle(m, tt.bundle)
			if tt.want == nil && err != nil || !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
}

func TestVerifyKeysStrictlyNewer(t *testing.T) {
	f := newFixture()
	kd := mustSign(t)(SignKeys(f.keys(), f.root))
	if _, err := VerifyKeys(kd, pub(f.root), f.now, 4); !errors.Is(err, ErrKeysVersion) {
		t.Fatalf("got %v, want %v", err, ErrKeysVersion)
	}
	if _, err := VerifyKeys(kd, pub(f.root), f.now, 3); err != nil {
		t.Fatalf("got %v, want nil", err)
	}
}

func TestBucket(t *testing.T) {
	// The bucket is deterministic, within 0..99 and spread across installs.
	sha := SHA256Hex([]byte("bundle"))
	seen := map[int]int{}
	for i := range 2000 {
		b, err := Bucket([]byte(fmt.Sprintf("install-%d", i)), sha)
		if err != nil {
			t.Fatal(err)
		}
		if b < 0 || b > 99 {
			t.Fatalf("got bucket %d, want 0..99", b)
		}
		seen[b]++
	}
	if len(seen) < 95 {
		t.Fatalf("got %d distinct buckets over 2000 installs, want >= 95", len(seen))
	}
	a, _ := Bucket([]byte("x"), sha)
	b, _ := Bucket([]byte("x"), sha)
	if a != b {
		t.Fatalf("got %d then %d for the same install", a, b)
	}
	if _, err := Bucket([]byte("x"), "zz"); !errors.Is(err, ErrMalformed) {
		t.Fatalf("got %v, want %v", err, ErrMalformed)
	}
}

func TestParseEnvelope(t *testing.T) {
	sig := `"` + string(bytes.Repeat([]byte("A"), 86)) + `=="`
	tests := []struct {
		name, in string
		ok       bool
	}{
		{"ok", `{"payload":"eyJ9","signatures":[{"keyid":"k","sig":` + sig + `}]}`, true},
		{"not json", `{`, false},
		{"unknown field", `{"payload":"eyJ9","signatures":[{"keyid":"k","sig":` + sig + `}],"x":1}`, false},
		{"trailing data", `{"payload":"eyJ9","signatures":[{"keyid":"k","sig":` + sig + `}]}{}`, false},
		{"trailing brace", `{"payload":"eyJ9","signatures":[{"keyid":"k","sig":` + sig + `}]}}`, false},
		{"no signature", `{"payload":"eyJ9","signatures":[]}`, false},
		{"short signature", `{"payload":"eyJ9","signatures":[{"keyid":"k","sig":"AAAA"}]}`, false},
		{"no payload", `{"signatures":[{"keyid":"k","sig":` + sig + `}]}`, false},
		{"bad base64", `{"payload":"!!","signatures":[{"keyid":"k","sig":` + sig + `}]}`, false},
		{"huge", `{"payload":"` + string(bytes.Repeat([]byte("A"), MaxEnvelopeSize)) + `"}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseEnvelope([]byte(tt.in))
			if tt.ok != (err == nil) {
				t.Fatalf("got %v, want ok=%v", err, tt.ok)
			}
			if err != nil && !errors.Is(err, ErrMalformed) {
				t.Fatalf("got %v, want %v", err, ErrMalformed)
			}
		})
	}
}

func TestValidChannel(t *testing.T) {
	for in, want := range map[string]bool{"stable": true, "beta-eu": true, "b2": true, "": false, "-x": false, "Stable": false, "../x": false, "a/b": false, "abcdefghijklmnopqrstuvwxyz0123456": false} {
		if got := ValidChannel(in); got != want {
			t.Errorf("ValidChannel(%q): got %v, want %v", in, got, want)
		}
	}
}

// FuzzParseManifest feeds arbitrary envelopes to the parsers and the
// verifier: they must never panic, and whatever verifies must round-trip.
func FuzzParseManifest(f *testing.F) {
	fx := newFixture()
	kd, _ := SignKeys(fx.keys(), fx.root)
	md, _ := SignManifest(fx.manifest(), fx.release)
	f.Add(md)
	f.Add(kd)
	f.Add([]byte(`{"payload":"e30=","signatures":[{"keyid":"x","sig":""}]}`))
	f.Add([]byte(`{}`))
	keys, err := VerifyKeys(kd, pub(fx.root), fx.now, 0)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, _ = ParseKeys(data)
		_, pm, perr := ParseManifest(data)
		m, err := VerifyManifest(data, keys, "", fx.now, 0)
		if err != nil {
			return
		}
		if perr != nil || pm.Version != m.Version {
			t.Fatalf("verified but parse gives %v", perr)
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("verified manifest fails Validate: %v", err)
		}
	})
}

package sign

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"vigie/wasm/trust"
)

func TestSignedDocumentsVerify(t *testing.T) {
	root := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{1}, 32))
	rel := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{2}, 32))
	relPub := rel.Public().(ed25519.PublicKey)
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	kd, err := Keys(&trust.Keys{Schema: trust.KeysSchema, Version: 1, Expires: now.Add(time.Hour),
		ReleaseKeys: []trust.ReleaseKey{{ID: trust.KeyID(relPub), PublicKey: relPub, Channels: []string{"stable"}, Expires: now.Add(time.Hour)}}}, root)
	if err != nil {
		t.Fatal(err)
	}
	keys, err := trust.VerifyKeys(kd, root.Public().(ed25519.PublicKey), now, 1)
	if err != nil {
		t.Fatalf("keys: got %v, want nil", err)
	}
	m := &trust.Manifest{Schema: trust.ManifestSchema, Channel: "stable", Version: 1, ReleaseID: trust.UUID{1},
		Bundle: trust.BundleRef{SHA256: trust.SHA256Hex([]byte("b")), Size: 1}, Rollout: 100, MinEngine: "1.0",
		PublishedAt: now, ExpiresAt: now.Add(time.Hour)}
	md, err := Manifest(m, rel)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := trust.VerifyManifest(md, keys, "stable", now, 0); err != nil {
		t.Fatalf("manifest: got %v, want nil", err)
	}
	// The root's keys-context signature is no manifest signature.
	if _, err := trust.VerifyManifest(kd, keys, "stable", now, 0); err == nil {
		t.Fatal("a keys document verified as a manifest")
	}
	m.Rollout = 101
	if _, err := Manifest(m, rel); !errors.Is(err, trust.ErrMalformed) {
		t.Fatalf("got %v, want %v", err, trust.ErrMalformed)
	}
	if _, err := Envelope(trust.ContextKeys, []byte("x")); err == nil {
		t.Fatal("signed with no key")
	}
}

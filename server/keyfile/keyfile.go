// Package keyfile reads and writes Ed25519 keys as one line of standard
// base64: the 32-byte seed for a private key (file mode 0600), the 32-byte
// key for a public one.
package keyfile

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"os"
	"strings"
)

// WritePrivate writes key's seed to path, readable by the owner only. It
// refuses to overwrite an existing file.
func WritePrivate(path string, key ed25519.PrivateKey) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("private key: %w", err)
	}
	_, werr := f.WriteString(base64.StdEncoding.EncodeToString(key.Seed()) + "\n")
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("private key %s: %w", path, werr)
	}
	return nil
}

// WritePublic writes pub to path.
func WritePublic(path string, pub ed25519.PublicKey) error {
	if err := os.WriteFile(path, []byte(EncodePublic(pub)+"\n"), 0o644); err != nil {
		return fmt.Errorf("public key: %w", err)
	}
	return nil
}

// ReadPrivate reads a private key file.
func ReadPrivate(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("private key: %w", err)
	}
	seed, err := base64.StdEncoding.DecodeString(strings.TrimSpace(string(data)))
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, fmt.Errorf("private key %s: want %d bytes of base64", path, ed25519.SeedSize)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

// ReadPublic reads a public key file.
func ReadPublic(path string) (ed25519.PublicKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("public key: %w", err)
	}
	pub, err := ParsePublic(string(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return pub, nil
}

// EncodePublic returns pub in the form ParsePublic reads.
func EncodePublic(pub ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(pub) }

// ParsePublic decodes a base64 public key (surrounding space ignored).
func ParsePublic(s string) (ed25519.PublicKey, error) {
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil || len(b) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("public key: want %d bytes of base64", ed25519.PublicKeySize)
	}
	return ed25519.PublicKey(b), nil
}

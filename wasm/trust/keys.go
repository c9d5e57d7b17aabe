package trust

import (
	"crypto/ed25519"
	"encoding/json"
	"fmt"
	"slices"
	"time"
)

// KeysSchema is the keys document schema this package reads.
const KeysSchema = 1

// Keys is the root-signed keys document: which release keys exist and
// which channels each may sign.
type Keys struct {
	Schema      int          `json:"schema"`
	Version     uint64       `json:"version"`
	Expires     time.Time    `json:"expires"`
	ReleaseKeys []ReleaseKey `json:"release_keys"`
}

// ReleaseKey is one key allowed to sign manifests.
type ReleaseKey struct {
	ID        string            `json:"id"`
	PublicKey ed25519.PublicKey `json:"public_key"`
	Channels  []string          `json:"channels"`
	Expires   time.Time         `json:"expires"`
}

// Validate checks the document's fields, not its signature.
func (k *Keys) Validate() error {
	if k.Schema != KeysSchema {
		return fmt.Errorf("%w: keys schema %d, want %d", ErrMalformed, k.Schema, KeysSchema)
	}
	if k.Version == 0 || k.Version > MaxVersion {
		return fmt.Errorf("%w: keys version %d out of range 1..%d", ErrMalformed, k.Version, uint64(MaxVersion))
	}
	if err := checkTime(k.Expires, "keys expires"); err != nil {
		return err
	}
	if len(k.ReleaseKeys) == 0 {
		return fmt.Errorf("%w: keys document lists no release key", ErrMalformed)
	}
	seen := map[string]bool{}
	for _, rk := range k.ReleaseKeys {
		if len(rk.PublicKey) != ed25519.PublicKeySize {
			return fmt.Errorf("%w: release key %q: public key is not %d bytes", ErrMalformed, rk.ID, ed25519.PublicKeySize)
		}
		if rk.ID != KeyID(rk.PublicKey) {
			return fmt.Errorf("%w: release key id %q, want %q", ErrMalformed, rk.ID, KeyID(rk.PublicKey))
		}
		if seen[rk.ID] {
			return fmt.Errorf("%w: release key %s listed twice", ErrMalformed, rk.ID)
		}
		seen[rk.ID] = true
		if len(rk.Channels) == 0 {
			return fmt.Errorf("%w: release key %s: no channel", ErrMalformed, rk.ID)
		}
		for _, c := range rk.Channels {
			if !ValidChannel(c) {
				return fmt.Errorf("%w: release key %s: bad channel %q", ErrMalformed, rk.ID, c)
			}
		}
		if err := checkTime(rk.Expires, "release key expires"); err != nil {
			return err
		}
	}
	return nil
}

// SignKeys validates k and signs it with the root key.
func SignKeys(k *Keys, root ed25519.PrivateKey) ([]byte, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	payload, err := json.Marshal(k)
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	return Sign(ContextKeys, payload, root)
}

// ParseKeys decodes a keys envelope and its payload without verifying the
// signature; use VerifyKeys to trust it.
func ParseKeys(data []byte) (*Envelope, *Keys, error) {
	env, err := ParseEnvelope(data)
	if err != nil {
		return nil, nil, err
	}
	var k Keys
	if err := decodeStrict(env.Payload, &k); err != nil {
		return nil, nil, fmt.Errorf("%w: keys: %v", ErrMalformed, err)
	}
	if err := k.Validate(); err != nil {
		return nil, nil, err
	}
	return env, &k, nil
}

// VerifyKeys checks a keys envelope against the pinned root public key, in
// this order: a valid root signature, not expired at now, and a version no
// lower than minVersion (the last accepted one; pass it plus one to demand
// a strictly newer document).
func VerifyKeys(data []byte, root ed25519.PublicKey, now time.Time, minVersion uint64) (*Keys, error) {
	env, err := ParseEnvelope(data)
	if err != nil {
		return nil, err
	}
	rootID := KeyID(root)
	signed := false
	for _, s := range env.Signatures {
		if s.KeyID == rootID && verifyWith(root, ContextKeys, env.Payload, s.Sig) {
			signed = true
			break
		}
	}
	if !signed {
		if !slices.ContainsFunc(env.Signatures, func(s Signature) bool { return s.KeyID == rootID }) {
			return nil, fmt.Errorf("%w: keys document not signed by root %s", ErrUnknownKey, rootID)
		}
		return nil, fmt.Errorf("%w: keys document", ErrBadSignature)
	}
	_, k, err := ParseKeys(data)
	if err != nil {
		return nil, err
	}
	if !now.Before(k.Expires) {
		return nil, fmt.Errorf("%w: version %d expired %s", ErrKeysExpired, k.Version, k.Expires.Format(time.RFC3339))
	}
	if k.Version < minVersion {
		return nil, fmt.Errorf("%w: version %d, need at least %d", ErrKeysVersion, k.Version, minVersion)
	}
	return k, nil
}

// key returns the release key with the given id, or nil.
func (k *Keys) key(id string) *ReleaseKey {
	for i := range k.ReleaseKeys {
		if k.ReleaseKeys[i].ID == id {
			return &k.ReleaseKeys[i]
		}
	}
	return nil
}

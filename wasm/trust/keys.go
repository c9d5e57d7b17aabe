package trust

import (
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
	ID        string    `json:"id"`
	PublicKey []byte    `json:"public_key"` // Ed25519
	Channels  []string  `json:"channels"`
	Expires   time.Time `json:"expires"`
}

// Validate checks the document's fields, not its signature.
func (k *Keys) Validate() error {
	if k.Schema != KeysSchema {
		return failf(ErrMalformed, "keys schema ", itoa(int64(k.Schema)), ", want ", itoa(KeysSchema))
	}
	if k.Version == 0 || k.Version > MaxVersion {
		return failf(ErrMalformed, "keys version ", utoa(k.Version), " out of range 1..", utoa(MaxVersion))
	}
	if err := checkTime(k.Expires, "keys expires"); err != nil {
		return err
	}
	if len(k.ReleaseKeys) == 0 {
		return failf(ErrMalformed, "keys document lists no release key")
	}
	seen := map[string]bool{}
	for _, rk := range k.ReleaseKeys {
		if len(rk.PublicKey) != PublicKeySize {
			return failf(ErrMalformed, "release key ", quote(rk.ID), ": public key is not ", itoa(PublicKeySize), " bytes")
		}
		if rk.ID != KeyID(rk.PublicKey) {
			return failf(ErrMalformed, "release key id ", quote(rk.ID), ", want ", quote(KeyID(rk.PublicKey)))
		}
		if seen[rk.ID] {
			return failf(ErrMalformed, "release key ", rk.ID, " listed twice")
		}
		seen[rk.ID] = true
		if len(rk.Channels) == 0 {
			return failf(ErrMalformed, "release key ", rk.ID, ": no channel")
		}
		for _, c := range rk.Channels {
			if !ValidChannel(c) {
				return failf(ErrMalformed, "release key ", rk.ID, ": bad channel ", quote(c))
			}
		}
		if err := checkTime(rk.Expires, "release key expires"); err != nil {
			return err
		}
	}
	return nil
}

// ParseKeys decodes a keys envelope and its payload without verifying the
// signature; use VerifyKeys to trust it.
func ParseKeys(data []byte) (*Envelope, *Keys, error) {
	env, err := ParseEnvelope(data)
	if err != nil {
		return nil, nil, err
	}
	k, err := decodeKeys(env.Payload)
	if err != nil {
		return nil, nil, failf(ErrMalformed, "keys: ", err.Error())
	}
	if err := k.Validate(); err != nil {
		return nil, nil, err
	}
	return env, k, nil
}

// VerifyKeys checks a keys envelope against the pinned root public key, in
// this order: a valid root signature, not expired at now, and a version no
// lower than minVersion (the last accepted one; pass it plus one to demand
// a strictly newer document).
func VerifyKeys(data []byte, root []byte, now time.Time, minVersion uint64) (*Keys, error) {
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
			return nil, failf(ErrUnknownKey, "keys document not signed by root ", rootID)
		}
		return nil, failf(ErrBadSignature, "keys document")
	}
	_, k, err := ParseKeys(data)
	if err != nil {
		return nil, err
	}
	if !now.Before(k.Expires) {
		return nil, failf(ErrKeysExpired, "version ", utoa(k.Version), " expired ", stamp(k.Expires))
	}
	if k.Version < minVersion {
		return nil, failf(ErrKeysVersion, "version ", utoa(k.Version), ", need at least ", utoa(minVersion))
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

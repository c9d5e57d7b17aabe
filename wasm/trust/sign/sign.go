// Package sign makes the signed documents of package trust: envelopes, the
// root-signed keys document and release manifests. Only the admin tools and
// tests sign; it is kept out of package trust so that the wasm core, which
// only verifies, does not link crypto/ed25519 (see trust's package comment).
package sign

import (
	"crypto/ed25519"
	"errors"

	"vigie/wasm/trust"
)

// Envelope wraps payload in an envelope signed under context by each key.
func Envelope(context string, payload []byte, keys ...ed25519.PrivateKey) ([]byte, error) {
	if len(keys) == 0 {
		return nil, errors.New("sign: no key")
	}
	env := trust.Envelope{Payload: payload}
	msg := trust.SignedMessage(context, payload)
	for _, k := range keys {
		if len(k) != ed25519.PrivateKeySize {
			return nil, errors.New("sign: not an Ed25519 private key")
		}
		pub := k.Public().(ed25519.PublicKey)
		env.Signatures = append(env.Signatures, trust.Signature{KeyID: trust.KeyID(pub), Sig: ed25519.Sign(k, msg)})
	}
	return env.MarshalJSON()
}

// Keys validates k and signs it with the root key.
func Keys(k *trust.Keys, root ed25519.PrivateKey) ([]byte, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	payload, err := k.MarshalJSON()
	if err != nil {
		return nil, errors.New("keys: " + err.Error())
	}
	return Envelope(trust.ContextKeys, payload, root)
}

// Manifest validates m and signs it with a release key.
func Manifest(m *trust.Manifest, key ed25519.PrivateKey) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	payload, err := m.MarshalJSON()
	if err != nil {
		return nil, errors.New("manifest: " + err.Error())
	}
	return Envelope(trust.ContextManifest, payload, key)
}

package trust

import (
	"crypto/ed25519"
	"errors"
)

// Test signers: package sign imports this one, so these tests sign with
// crypto/ed25519 directly, through the same SignedMessage.

func Sign(context string, payload []byte, keys ...ed25519.PrivateKey) ([]byte, error) {
	if len(keys) == 0 {
		return nil, errors.New("no key")
	}
	env := Envelope{Payload: payload}
	for _, k := range keys {
		pub := k.Public().(ed25519.PublicKey)
		env.Signatures = append(env.Signatures, Signature{KeyID: KeyID(pub), Sig: ed25519.Sign(k, SignedMessage(context, payload))})
	}
	return env.MarshalJSON()
}

func SignKeys(k *Keys, root ed25519.PrivateKey) ([]byte, error) {
	if err := k.Validate(); err != nil {
		return nil, err
	}
	payload, _ := k.MarshalJSON()
	return Sign(ContextKeys, payload, root)
}

func SignManifest(m *Manifest, key ed25519.PrivateKey) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	payload, _ := m.MarshalJSON()
	return Sign(ContextManifest, payload, key)
}

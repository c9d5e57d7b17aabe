// Package trust holds the signed documents that carry rule updates — the
// envelope, the release manifest and the root-signed keys document — and
// their verification. The rule server, the admin CLI and the extension's
// wasm core all use it, so it depends on the standard library and uuid only.
//
// The model follows The Update Framework (TUF, theupdateframework.io): an
// offline root key signs a versioned keys document naming the release keys
// and the channels each may sign; release keys sign manifests; a manifest
// pins one bundle by SHA-256 and size. Signatures are Ed25519 (RFC 8032)
// over a fixed context string followed by the exact payload bytes, so a
// signature made for one kind of document can never verify as another and
// no canonical JSON is needed: the verifier checks the bytes it received.
package trust

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Contexts prefix the payload before signing (domain separation).
const (
	ContextManifest = "vigie/v1/manifest\x00"
	ContextKeys     = "vigie/v1/keys\x00"
)

// MaxEnvelopeSize bounds any envelope this package parses; real ones are
// well under 4 KiB.
const MaxEnvelopeSize = 64 << 10

// MaxBundleSize is the hard cap on a bundle. Cloudflare D1 limits a row to
// 2,000,000 bytes (developers.cloudflare.com/d1/platform/limits), and the
// bundle is stored in one row.
const MaxBundleSize = 1_800_000

// MaxVersion bounds manifest and keys versions: D1 hands integers to
// JavaScript as doubles, exact only up to 2^53-1.
const MaxVersion = 1<<53 - 1

// Errors returned by verification, one per reason a document is refused.
// They are wrapped with details; test them with errors.Is.
var (
	ErrMalformed       = errors.New("malformed document")
	ErrBadSignature    = errors.New("bad signature")
	ErrUnknownKey      = errors.New("unknown key")
	ErrKeyExpired      = errors.New("release key expired")
	ErrKeyChannel      = errors.New("key not allowed for channel")
	ErrManifestExpired = errors.New("manifest expired")
	ErrKeysExpired     = errors.New("keys document expired")
	ErrKeysVersion     = errors.New("keys version decreased")
	ErrWrongChannel    = errors.New("wrong channel")
	ErrRollback        = errors.New("version not greater than the current one")
	ErrSizeOver        = errors.New("bundle size over the limit")
	ErrSizeMismatch    = errors.New("bundle size differs from the manifest")
	ErrDigest          = errors.New("bundle sha256 mismatch")
	ErrMinEngine       = errors.New("engine too old for this bundle")
	ErrRolloutOut      = errors.New("install outside the rollout")
)

// Signature is one Ed25519 signature and the id of the key that made it.
type Signature struct {
	KeyID string `json:"keyid"`
	Sig   []byte `json:"sig"`
}

// Envelope carries signed payload bytes verbatim (base64 in JSON).
type Envelope struct {
	Payload    []byte      `json:"payload"`
	Signatures []Signature `json:"signatures"`
}

// KeyID names a public key: the first 16 hex digits of its SHA-256.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// Sign wraps payload in an envelope signed under context by each key.
func Sign(context string, payload []byte, keys ...ed25519.PrivateKey) ([]byte, error) {
	if len(keys) == 0 {
		return nil, errors.New("sign: no key")
	}
	env := Envelope{Payload: payload}
	msg := signedMessage(context, payload)
	for _, k := range keys {
		if len(k) != ed25519.PrivateKeySize {
			return nil, errors.New("sign: not an Ed25519 private key")
		}
		pub := k.Public().(ed25519.PublicKey)
		env.Signatures = append(env.Signatures, Signature{KeyID: KeyID(pub), Sig: ed25519.Sign(k, msg)})
	}
	return json.Marshal(env)
}

func signedMessage(context string, payload []byte) []byte {
	msg := make([]byte, 0, len(context)+len(payload))
	return append(append(msg, context...), payload...)
}

// ParseEnvelope decodes an envelope strictly: bounded size, no unknown
// fields, no trailing data, at least one well-formed signature.
func ParseEnvelope(data []byte) (*Envelope, error) {
	if len(data) > MaxEnvelopeSize {
		return nil, fmt.Errorf("%w: envelope of %d bytes, limit %d", ErrMalformed, len(data), MaxEnvelopeSize)
	}
	var env Envelope
	if err := decodeStrict(data, &env); err != nil {
		return nil, fmt.Errorf("%w: envelope: %v", ErrMalformed, err)
	}
	if len(env.Payload) == 0 {
		return nil, fmt.Errorf("%w: envelope without payload", ErrMalformed)
	}
	if len(env.Signatures) == 0 {
		return nil, fmt.Errorf("%w: envelope without signature", ErrMalformed)
	}
	for _, s := range env.Signatures {
		if s.KeyID == "" || len(s.Sig) != ed25519.SignatureSize {
			return nil, fmt.Errorf("%w: signature needs a keyid and %d bytes", ErrMalformed, ed25519.SignatureSize)
		}
	}
	return &env, nil
}

// decodeStrict unmarshals one JSON value, refusing unknown fields and
// anything after it.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	// Only whitespace may follow; dec.More misses a stray '}' or ']'.
	if len(bytes.TrimSpace(data[dec.InputOffset():])) != 0 {
		return errors.New("trailing data")
	}
	return nil
}

// ValidChannel reports whether c is a well-formed channel name such as
// "stable" or "beta-eu": 1–32 of [a-z0-9-], not starting with '-'.
func ValidChannel(c string) bool {
	if c == "" || len(c) > 32 {
		return false
	}
	for i := 0; i < len(c); i++ {
		ch := c[i]
		alnum := ch >= 'a' && ch <= 'z' || ch >= '0' && ch <= '9'
		if !alnum && (ch != '-' || i == 0) {
			return false
		}
	}
	return true
}

// ValidSHA256 reports whether s is 64 lowercase hex digits.
func ValidSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// SHA256Hex returns the lowercase hex SHA-256 of data.
func SHA256Hex(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// verifyWith reports whether sig is a valid signature of payload under
// context by pub.
func verifyWith(pub ed25519.PublicKey, context string, payload, sig []byte) bool {
	return len(pub) == ed25519.PublicKeySize && ed25519.Verify(pub, signedMessage(context, payload), sig)
}

func checkTime(t time.Time, name string) error {
	if t.IsZero() {
		return fmt.Errorf("%w: %s missing", ErrMalformed, name)
	}
	return nil
}

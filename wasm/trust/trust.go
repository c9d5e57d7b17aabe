// Package trust holds the signed documents that carry rule updates — the
// envelope, the release manifest and the root-signed keys document — and
// their verification. The rule server, the admin CLI and the extension's
// wasm core all use it, so it depends on the standard library and
// vigie/wasm/jsonv only: no encoding/json, fmt or uuid, which would add about
// a quarter to the wasm module (reflection; see FACTS.md in the design notes),
// and no crypto/ed25519 or crypto/sha256, whose FIPS 140 module adds about
// 150 KB of brotli (see internal/edverify). Signing, which only the admin
// tools do, lives in vigie/wasm/trust/sign.
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
	"errors"
	"strconv"
	"strings"
	"time"

	"vigie/wasm/jsonv"
	"vigie/wasm/trust/internal/edverify"
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

// docError wraps one of the sentinel errors with details (fmt.Errorf's %w
// without fmt).
type docError struct {
	kind error
	msg  string
}

func (e *docError) Error() string { return e.kind.Error() + ": " + e.msg }
func (e *docError) Unwrap() error { return e.kind }

func failf(kind error, parts ...string) error {
	return &docError{kind: kind, msg: strings.Join(parts, "")}
}

func itoa(n int64) string      { return strconv.FormatInt(n, 10) }
func utoa(n uint64) string     { return strconv.FormatUint(n, 10) }
func stamp(t time.Time) string { return string(AppendTime(nil, t.UTC())) }

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

// Sizes of Ed25519 public keys and signatures (RFC 8032).
const (
	PublicKeySize = edverify.PublicKeySize
	SignatureSize = edverify.SignatureSize
)

// KeyID names an Ed25519 public key: the first 16 hex digits of its SHA-256.
func KeyID(pub []byte) string {
	sum := edverify.SHA256(pub)
	return string(appendHex(nil, sum[:8]))
}

// SignedMessage is what a signature covers: the context, then the payload.
func SignedMessage(context string, payload []byte) []byte {
	msg := make([]byte, 0, len(context)+len(payload))
	return append(append(msg, context...), payload...)
}

// ParseEnvelope decodes an envelope strictly: bounded size, no unknown
// fields, no trailing data, at least one well-formed signature.
func ParseEnvelope(data []byte) (*Envelope, error) {
	if len(data) > MaxEnvelopeSize {
		return nil, failf(ErrMalformed, "envelope of ", itoa(int64(len(data))), " bytes, limit ", itoa(MaxEnvelopeSize))
	}
	env, err := decodeEnvelope(data)
	if err != nil {
		return nil, failf(ErrMalformed, "envelope: ", err.Error())
	}
	if len(env.Payload) == 0 {
		return nil, failf(ErrMalformed, "envelope without payload")
	}
	if len(env.Signatures) == 0 {
		return nil, failf(ErrMalformed, "envelope without signature")
	}
	for _, s := range env.Signatures {
		if s.KeyID == "" || len(s.Sig) != SignatureSize {
			return nil, failf(ErrMalformed, "signature needs a keyid and ", itoa(SignatureSize), " bytes")
		}
	}
	return env, nil
}

func decodeEnvelope(data []byte) (*Envelope, error) {
	v, err := jsonv.Parse(data)
	if err != nil {
		return nil, err
	}
	env := &Envelope{}
	err = jsonv.Fields(v, func(k string, val jsonv.Value) (err error) {
		switch k {
		case "payload":
			env.Payload, err = bytesOf(val)
		case "signatures":
			err = jsonv.Each(val, func(_ int, item jsonv.Value) error {
				var s Signature
				err := jsonv.Fields(item, func(k string, val jsonv.Value) (err error) {
					switch k {
					case "keyid":
						s.KeyID, err = stringOf(val)
					case "sig":
						s.Sig, err = bytesOf(val)
					default:
						err = jsonv.ErrUnknownField
					}
					return err
				})
				env.Signatures = append(env.Signatures, s)
				return err
			})
		default:
			err = jsonv.ErrUnknownField
		}
		return err
	})
	return env, err
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
	sum := edverify.SHA256(data)
	return string(appendHex(nil, sum[:]))
}

// verifyWith reports whether sig is a valid signature of payload under
// context by pub.
func verifyWith(pub []byte, context string, payload, sig []byte) bool {
	return edverify.Verify(pub, SignedMessage(context, payload), sig)
}

func checkTime(t time.Time, name string) error {
	if t.IsZero() {
		return failf(ErrMalformed, name, " missing")
	}
	return nil
}

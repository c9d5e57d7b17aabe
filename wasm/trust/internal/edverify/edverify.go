// Package edverify checks Ed25519 signatures (RFC 8032) and computes
// SHA-256 without the standard library's crypto packages, whose FIPS 140
// module would add about 150 KB of brotli to the wasm core (measured: the
// core went from 775 to 926 KB with crypto/ed25519 + crypto/sha256, over
// its 900 KiB budget). The group arithmetic comes from
// filippo.io/edwards25519, the same code the standard library vendors;
// this package only composes it, exactly as crypto/ed25519's Verify does,
// and its tests check it against crypto/ed25519 and crypto/sha*.
package edverify

import (
	"filippo.io/edwards25519"
)

// Sizes of Ed25519 public keys and signatures (RFC 8032 section 5.1).
const (
	PublicKeySize = 32
	SignatureSize = 64
)

// Verify reports whether sig is a valid Ed25519 signature of msg by pub
// (RFC 8032 section 5.1.7, cofactorless, S must be canonical).
func Verify(pub, msg, sig []byte) bool {
	if len(pub) != PublicKeySize || len(sig) != SignatureSize || sig[63]&0xE0 != 0 {
		return false
	}
	A, err := new(edwards25519.Point).SetBytes(pub)
	if err != nil {
		return false
	}
	h := SHA512(sig[:32], pub, msg)
	k, err := edwards25519.NewScalar().SetUniformBytes(h[:])
	if err != nil {
		return false
	}
	S, err := edwards25519.NewScalar().SetCanonicalBytes(sig[32:])
	if err != nil {
		return false
	}
	// R' = [S]B - [k]A must encode to the signature's R.
	minusA := new(edwards25519.Point).Negate(A)
	R := new(edwards25519.Point).VarTimeDoubleScalarBaseMult(k, minusA, S)
	got := R.Bytes()
	diff := byte(0)
	for i := range got {
		diff |= got[i] ^ sig[i]
	}
	return diff == 0
}

package edverify

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"testing"
)

func TestSHA2AgreesWithTheStandardLibrary(t *testing.T) {
	// Lengths around every padding boundary of both block sizes.
	for n := 0; n <= 300; n++ {
		msg := bytes.Repeat([]byte{byte(n)}, n)
		if got, want := SHA256(msg), sha256.Sum256(msg); got != want {
			t.Fatalf("SHA256 of %d bytes: got %x, want %x", n, got, want)
		}
		if got, want := SHA512(msg[:n/2], msg[n/2:]), sha512.Sum512(msg); got != want {
			t.Fatalf("SHA512 of %d bytes: got %x, want %x", n, got, want)
		}
	}
}

func TestSHA256Vectors(t *testing.T) {
	// FIPS 180-4 examples (NIST CSRC "Example Values"): "abc".
	tests := []struct{ in, want string }{
		{"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
		{"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := SHA256([]byte(tt.in))
			if hex.EncodeToString(got[:]) != tt.want {
				t.Fatalf("got %x, want %s", got, tt.want)
			}
		})
	}
}

func TestVerifyRFC8032(t *testing.T) {
	// RFC 8032 section 7.1, TEST 1 (empty message) and TEST 2.
	tests := []struct{ name, pub, msg, sig string }{
		{"test1", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
			"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
		{"test2", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
			"92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pub, _ := hex.DecodeString(tt.pub)
			msg, _ := hex.DecodeString(tt.msg)
			sig, _ := hex.DecodeString(tt.sig)
			if !Verify(pub, msg, sig) {
				t.Fatal("got invalid, want valid")
			}
			sig[5] ^= 1
			if Verify(pub, msg, sig) {
				t.Fatal("got valid for a changed signature")
			}
		})
	}
}

func TestVerifyRejectsNonCanonicalS(t *testing.T) {
	priv := ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, 32))
	pub := priv.Public().(ed25519.PublicKey)
	sig := ed25519.Sign(priv, []byte("m"))
	// S + L (the group order, RFC 8032 section 5.1) encodes the same scalar
	// non-canonically; malleable signatures must fail.
	l := []byte{0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10}
	s := bytes.Clone(sig)
	carry := 0
	for i := 0; i < 32; i++ {
		v := int(s[32+i]) + int(l[i]) + carry
		s[32+i], carry = byte(v), v>>8
	}
	if ed25519.Verify(pub, []byte("m"), s) || Verify(pub, []byte("m"), s) {
		t.Fatal("got valid for S+L, want invalid (both implementations)")
	}
}

// FuzzVerifyAgreesWithCryptoEd25519 compares Verify with crypto/ed25519
// on valid signatures and on arbitrary mutations of them.
func FuzzVerifyAgreesWithCryptoEd25519(f *testing.F) {
	f.Add([]byte("seed"), []byte("message"), uint8(0), uint8(0))
	f.Add([]byte{1}, []byte{}, uint8(63), uint8(0x80))
	f.Add([]byte{2}, []byte("x"), uint8(100), uint8(1))
	f.Fuzz(func(t *testing.T, seed, msg []byte, at, flip uint8) {
		s := SHA256(seed)
		priv := ed25519.NewKeyFromSeed(s[:])
		pub := []byte(priv.Public().(ed25519.PublicKey))
		sig := ed25519.Sign(priv, msg)
		// at < 64 flips a signature bit, < 96 a public key bit, else nothing.
		switch {
		case at < 64:
			sig[at] ^= flip
		case at < 96:
			pub[at-64] ^= flip
		}
		if got, want := Verify(pub, msg, sig), ed25519.Verify(pub, msg, sig); got != want {
			t.Fatalf("got %v, crypto/ed25519 says %v", got, want)
		}
	})
}

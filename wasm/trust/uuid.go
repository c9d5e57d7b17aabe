package trust

import "errors"

// UUID is a release id (RFC 9562 layout, 16 bytes). It is a plain array so
// that github.com/google/uuid values convert to it (trust.UUID(uuid.New()))
// while this package, linked into the wasm core, does not import that
// module (it pulls in fmt).
type UUID [16]byte

// ParseUUID reads the canonical form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.
func ParseUUID(s string) (UUID, error) {
	var u UUID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, errors.New("uuid " + quote(s) + " is not in canonical form")
	}
	hex := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if !unhex(u[:], hex) {
		return u, errors.New("uuid " + quote(s) + " has a non-hex digit")
	}
	return u, nil
}

// String returns the canonical lowercase form.
func (u UUID) String() string {
	b := make([]byte, 0, 36)
	b = appendHex(b, u[0:4])
	b = append(b, '-')
	b = appendHex(b, u[4:6])
	b = append(b, '-')
	b = appendHex(b, u[6:8])
	b = append(b, '-')
	b = appendHex(b, u[8:10])
	b = append(b, '-')
	return string(appendHex(b, u[10:]))
}

// MarshalText encodes the canonical form (encoding/json uses it).
func (u UUID) MarshalText() ([]byte, error) { return []byte(u.String()), nil }

// UnmarshalText reads the canonical form.
func (u *UUID) UnmarshalText(b []byte) error {
	v, err := ParseUUID(string(b))
	*u = v
	return err
}

func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return `"` + s + `"`
}

package trust

import (
	"encoding/base64"
	"errors"
	"strconv"
	"time"

	"vigie/wasm/jsonv"
)

// The documents' JSON, read and written by hand over vigie/wasm/jsonv (see
// the package comment for why not encoding/json). The wire format is the
// one encoding/json gives these types: []byte as standard base64 with
// padding, times as RFC 3339 strings, fields in declaration order; a
// differential fuzz test keeps the reader no more lenient than
// encoding/json with DisallowUnknownFields. Null counts as the zero value,
// as in encoding/json.

func stringOf(v jsonv.Value) (string, error) {
	if v.Kind == jsonv.Null {
		return "", nil
	}
	return v.AsString()
}

func bytesOf(v jsonv.Value) ([]byte, error) {
	if v.Kind == jsonv.Null {
		return nil, nil
	}
	s, err := v.AsString()
	if err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil, errors.New("not standard base64")
	}
	return b, nil
}

func uintOf(v jsonv.Value) (uint64, error) {
	if v.Kind == jsonv.Null {
		return 0, nil
	}
	return v.Uint()
}

func intOf(v jsonv.Value) (int64, error) {
	if v.Kind == jsonv.Null {
		return 0, nil
	}
	if v.Kind != jsonv.Number {
		_, err := v.Uint() // the wrong-kind error
		return 0, err
	}
	n, err := strconv.ParseInt(v.Str, 10, 64)
	if err != nil {
		return 0, errors.New("number " + v.Str + " is not an integer")
	}
	return n, nil
}

func timeOf(v jsonv.Value) (time.Time, error) {
	var t time.Time
	if v.Kind == jsonv.Null {
		return t, nil
	}
	s, err := v.AsString()
	if err != nil {
		return t, err
	}
	return parseTime(s)
}

const hexDigits = "0123456789abcdef"

func appendHex(b, data []byte) []byte {
	for _, c := range data {
		b = append(b, hexDigits[c>>4], hexDigits[c&0xF])
	}
	return b
}

// unhex decodes lowercase or uppercase hex digits into dst (len(s) = 2*len(dst)).
func unhex(dst []byte, s string) bool {
	if len(s) != 2*len(dst) {
		return false
	}
	for i := range dst {
		hi, ok1 := hexVal(s[2*i])
		lo, ok2 := hexVal(s[2*i+1])
		if !ok1 || !ok2 {
			return false
		}
		dst[i] = hi<<4 | lo
	}
	return true
}

func hexVal(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

type writer struct{ b []byte }

func (w *writer) key(first bool, k string) {
	if !first {
		w.b = append(w.b, ',')
	}
	w.b = jsonv.AppendString(w.b, k)
	w.b = append(w.b, ':')
}

func (w *writer) str(s string)  { w.b = jsonv.AppendString(w.b, s) }
func (w *writer) raw(s string)  { w.b = append(w.b, s...) }
func (w *writer) uint(n uint64) { w.b = strconv.AppendUint(w.b, n, 10) }
func (w *writer) int(n int64)   { w.b = strconv.AppendInt(w.b, n, 10) }
func (w *writer) bytes(data []byte) {
	if data == nil {
		w.raw("null")
		return
	}
	w.b = append(w.b, '"')
	w.b = base64.StdEncoding.AppendEncode(w.b, data)
	w.b = append(w.b, '"')
}

func (w *writer) time(t time.Time) error {
	// time.Time.MarshalJSON's format and range.
	if y := t.Year(); y < 0 || y > 9999 {
		return errors.New("time year outside of range [0,9999]")
	}
	w.b = append(w.b, '"')
	w.b = appendTime(w.b, t, true)
	w.b = append(w.b, '"')
	return nil
}

func (w *writer) strings(ss []string) {
	if ss == nil {
		w.raw("null")
		return
	}
	w.raw("[")
	for i, s := range ss {
		if i > 0 {
			w.raw(",")
		}
		w.str(s)
	}
	w.raw("]")
}

// MarshalJSON encodes the envelope.
func (e Envelope) MarshalJSON() ([]byte, error) {
	var w writer
	w.raw("{")
	w.key(true, "payload")
	w.bytes(e.Payload)
	w.key(false, "signatures")
	if e.Signatures == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i, s := range e.Signatures {
			if i > 0 {
				w.raw(",")
			}
			w.raw("{")
			w.key(true, "keyid")
			w.str(s.KeyID)
			w.key(false, "sig")
			w.bytes(s.Sig)
			w.raw("}")
		}
		w.raw("]")
	}
	w.raw("}")
	return w.b, nil
}

// MarshalJSON encodes the keys document (the payload the root signs).
func (k Keys) MarshalJSON() ([]byte, error) {
	var w writer
	w.raw("{")
	w.key(true, "schema")
	w.int(int64(k.Schema))
	w.key(false, "version")
	w.uint(k.Version)
	w.key(false, "expires")
	if err := w.time(k.Expires); err != nil {
		return nil, err
	}
	w.key(false, "release_keys")
	if k.ReleaseKeys == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i, rk := range k.ReleaseKeys {
			if i > 0 {
				w.raw(",")
			}
			w.raw("{")
			w.key(true, "id")
			w.str(rk.ID)
			w.key(false, "public_key")
			w.bytes(rk.PublicKey)
			w.key(false, "channels")
			w.strings(rk.Channels)
			w.key(false, "expires")
			if err := w.time(rk.Expires); err != nil {
				return nil, err
			}
			w.raw("}")
		}
		w.raw("]")
	}
	w.raw("}")
	return w.b, nil
}

// MarshalJSON encodes the manifest (the payload a release key signs).
func (m Manifest) MarshalJSON() ([]byte, error) {
	var w writer
	w.raw("{")
	w.key(true, "schema")
	w.int(int64(m.Schema))
	w.key(false, "channel")
	w.str(m.Channel)
	w.key(false, "version")
	w.uint(m.Version)
	w.key(false, "release_id")
	w.str(m.ReleaseID.String())
	w.key(false, "bundle")
	w.raw("{")
	w.key(true, "sha256")
	w.str(m.Bundle.SHA256)
	w.key(false, "size")
	w.int(m.Bundle.Size)
	w.raw("}")
	w.key(false, "rollout")
	w.int(int64(m.Rollout))
	w.key(false, "min_engine")
	w.str(m.MinEngine)
	w.key(false, "published_at")
	if err := w.time(m.PublishedAt); err != nil {
		return nil, err
	}
	w.key(false, "expires_at")
	if err := w.time(m.ExpiresAt); err != nil {
		return nil, err
	}
	w.raw("}")
	return w.b, nil
}

func decodeKeys(data []byte) (*Keys, error) {
	v, err := jsonv.Parse(data)
	if err != nil {
		return nil, err
	}
	k := &Keys{}
	err = jsonv.Fields(v, func(name string, val jsonv.Value) (err error) {
		switch name {
		case "schema":
			var n int64
			n, err = intOf(val)
			k.Schema = int(n)
		case "version":
			k.Version, err = uintOf(val)
		case "expires":
			k.Expires, err = timeOf(val)
		case "release_keys":
			err = jsonv.Each(val, func(_ int, item jsonv.Value) error {
				var rk ReleaseKey
				err := jsonv.Fields(item, func(name string, val jsonv.Value) (err error) {
					switch name {
					case "id":
						rk.ID, err = stringOf(val)
					case "public_key":
						rk.PublicKey, err = bytesOf(val)
					case "channels":
						rk.Channels, err = val.Strings()
					case "expires":
						rk.Expires, err = timeOf(val)
					default:
						err = jsonv.ErrUnknownField
					}
					return err
				})
				k.ReleaseKeys = append(k.ReleaseKeys, rk)
				return err
			})
		default:
			err = jsonv.ErrUnknownField
		}
		return err
	})
	return k, err
}

func decodeManifest(data []byte) (*Manifest, error) {
	v, err := jsonv.Parse(data)
	if err != nil {
		return nil, err
	}
	m := &Manifest{}
	err = jsonv.Fields(v, func(name string, val jsonv.Value) (err error) {
		var n int64
		switch name {
		case "schema":
			n, err = intOf(val)
			m.Schema = int(n)
		case "channel":
			m.Channel, err = stringOf(val)
		case "version":
			m.Version, err = uintOf(val)
		case "release_id":
			var s string
			if s, err = stringOf(val); err == nil {
				m.ReleaseID, err = ParseUUID(s)
			}
		case "bundle":
			err = jsonv.Fields(val, func(name string, val jsonv.Value) (err error) {
				switch name {
				case "sha256":
					m.Bundle.SHA256, err = stringOf(val)
				case "size":
					m.Bundle.Size, err = intOf(val)
				default:
					err = jsonv.ErrUnknownField
				}
				return err
			})
		case "rollout":
			n, err = intOf(val)
			m.Rollout = int(n)
		case "min_engine":
			m.MinEngine, err = stringOf(val)
		case "published_at":
			m.PublishedAt, err = timeOf(val)
		case "expires_at":
			m.ExpiresAt, err = timeOf(val)
		default:
			err = jsonv.ErrUnknownField
		}
		return err
	})
	return m, err
}

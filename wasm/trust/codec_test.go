package trust

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"
)

// The reference types below are what this package declared before it
// dropped encoding/json: the wire format must not change, because servers
// store envelopes signed with the old encoder.
type refManifest struct {
	Schema      int       `json:"schema"`
	Channel     string    `json:"channel"`
	Version     uint64    `json:"version"`
	ReleaseID   uuid.UUID `json:"release_id"`
	Bundle      BundleRef `json:"bundle"`
	Rollout     int       `json:"rollout"`
	MinEngine   string    `json:"min_engine"`
	PublishedAt time.Time `json:"published_at"`
	ExpiresAt   time.Time `json:"expires_at"`
}

type refReleaseKey struct {
	ID        string            `json:"id"`
	PublicKey ed25519.PublicKey `json:"public_key"`
	Channels  []string          `json:"channels"`
	Expires   time.Time         `json:"expires"`
}

type refKeys struct {
	Schema      int             `json:"schema"`
	Version     uint64          `json:"version"`
	Expires     time.Time       `json:"expires"`
	ReleaseKeys []refReleaseKey `json:"release_keys"`
}

type refSignature struct {
	KeyID string `json:"keyid"`
	Sig   []byte `json:"sig"`
}

type refEnvelope struct {
	Payload    []byte         `json:"payload"`
	Signatures []refSignature `json:"signatures"`
}

func refOfManifest(m *Manifest) refManifest {
	return refManifest{m.Schema, m.Channel, m.Version, uuid.UUID(m.ReleaseID), m.Bundle, m.Rollout, m.MinEngine, m.PublishedAt, m.ExpiresAt}
}

func refOfKeys(k *Keys) refKeys {
	r := refKeys{Schema: k.Schema, Version: k.Version, Expires: k.Expires}
	for _, rk := range k.ReleaseKeys {
		r.ReleaseKeys = append(r.ReleaseKeys, refReleaseKey{rk.ID, rk.PublicKey, rk.Channels, rk.Expires})
	}
	return r
}

// normKeys maps empty slices to nil: "[]" and null mean the same here.
func normKeys(k refKeys) refKeys {
	if len(k.ReleaseKeys) == 0 {
		k.ReleaseKeys = nil
	}
	for i := range k.ReleaseKeys {
		if len(k.ReleaseKeys[i].Channels) == 0 {
			k.ReleaseKeys[i].Channels = nil
		}
		if len(k.ReleaseKeys[i].PublicKey) == 0 {
			k.ReleaseKeys[i].PublicKey = nil
		}
	}
	return k
}

func TestMarshalMatchesEncodingJSON(t *testing.T) {
	f := newFixture()
	nano := f.manifest()
	nano.PublishedAt = nano.PublishedAt.Add(123456789 * time.Nanosecond).In(time.FixedZone("x", 3600))
	nano.Channel = `be<ta>&"q"`
	keys := f.keys()
	keys.ReleaseKeys[0].Channels = nil
	tests := []struct {
		name      string
		got, want any
	}{
		{"manifest", *f.manifest(), refOfManifest(f.manifest())},
		{"manifest nanos zone escapes", *nano, refOfManifest(nano)},
		{"keys", *f.keys(), refOfKeys(f.keys())},
		{"keys nil channels", *keys, refOfKeys(keys)},
		{"envelope", Envelope{Payload: []byte("{}"), Signatures: []Signature{{KeyID: "k", Sig: []byte{1, 2, 3}}}},
			refEnvelope{Payload: []byte("{}"), Signatures: []refSignature{{KeyID: "k", Sig: []byte{1, 2, 3}}}}},
		{"empty envelope", Envelope{}, refEnvelope{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.got) // through MarshalJSON, compacted by encoding/json
			if err != nil {
				t.Fatal(err)
			}
			want, err := json.Marshal(tt.want)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("got %q, want %q", got, want)
			}
		})
	}
}

// decodeRef is the previous reader: encoding/json, strict.
func decodeRef(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if len(bytes.TrimSpace(data[dec.InputOffset():])) != 0 {
		return errTrailing
	}
	return nil
}

var errTrailing = &docError{kind: ErrMalformed, msg: "trailing data"}

// FuzzDecodeAgreesWithEncodingJSON: whatever the hand-written readers
// accept, encoding/json (strict) accepts too, with the same values. The
// reverse does not hold on purpose: keys are case-sensitive here, duplicate
// keys and non-canonical uuids are refused.
func FuzzDecodeAgreesWithEncodingJSON(f *testing.F) {
	fx := newFixture()
	md, _ := fx.manifest().MarshalJSON()
	kd, _ := fx.keys().MarshalJSON()
	ed, _ := Sign(ContextManifest, md, fx.release)
	for _, s := range [][]byte{md, kd, ed, []byte(`{"schema":null,"bundle":null}`), []byte(`{"version":1e3}`), []byte(`{"payload":"YQ==\n"}`)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if m, err := decodeManifest(data); err == nil {
			var ref refManifest
			if err := decodeRef(data, &ref); err != nil {
				t.Fatalf("manifest accepted here, encoding/json says %v", err)
			}
			if got := refOfManifest(m); !reflect.DeepEqual(got, ref) {
				t.Fatalf("got %+v, want %+v", got, ref)
			}
		}
		if k, err := decodeKeys(data); err == nil {
			var ref refKeys
			if err := decodeRef(data, &ref); err != nil {
				t.Fatalf("keys accepted here, encoding/json says %v", err)
			}
			if got := refOfKeys(k); !reflect.DeepEqual(normKeys(got), normKeys(ref)) {
				t.Fatalf("got %+v, want %+v", got, ref)
			}
		}
		if e, err := decodeEnvelope(data); err == nil {
			var ref refEnvelope
			if err := decodeRef(data, &ref); err != nil {
				t.Fatalf("envelope accepted here, encoding/json says %v", err)
			}
			if !bytes.Equal(e.Payload, ref.Payload) || len(e.Signatures) != len(ref.Signatures) {
				t.Fatalf("got %+v, want %+v", e, ref)
			}
		}
	})
}

func TestParseUUID(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"0b7e6f0c-95a4-4a8b-9f6e-0d6b6f3f1a11", "0b7e6f0c-95a4-4a8b-9f6e-0d6b6f3f1a11", true},
		{"0B7E6F0C-95A4-4A8B-9F6E-0D6B6F3F1A11", "0b7e6f0c-95a4-4a8b-9f6e-0d6b6f3f1a11", true},
		{"0b7e6f0c95a44a8b9f6e0d6b6f3f1a11", "", false},
		{"urn:uuid:0b7e6f0c-95a4-4a8b-9f6e-0d6b6f3f1a11", "", false},
		{"0b7e6f0c-95a4-4a8b-9f6e-0d6b6f3f1a1g", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			u, err := ParseUUID(tt.in)
			if tt.ok != (err == nil) {
				t.Fatalf("got %v, want ok=%v", err, tt.ok)
			}
			if tt.ok && u.String() != tt.want {
				t.Fatalf("got %q, want %q", u.String(), tt.want)
			}
			if tt.ok && u.String() != uuid.MustParse(tt.in).String() {
				t.Fatalf("got %q, google/uuid says %q", u.String(), uuid.MustParse(tt.in).String())
			}
		})
	}
}

package trust

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
)

// ManifestSchema is the manifest schema this package reads.
const ManifestSchema = 1

// DefaultManifestTTL is how long a manifest stays valid unless the admin
// says otherwise; weekly re-signing keeps a channel fresh.
const DefaultManifestTTL = 14 * 24 * time.Hour

// Manifest is one signed release on a channel. Rollout changes, rollbacks
// and re-signing are all new manifests with a higher version.
type Manifest struct {
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

// BundleRef pins the bundle bytes a manifest releases.
type BundleRef struct {
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Validate checks the manifest's fields, not its signature.
func (m *Manifest) Validate() error {
	switch {
	case m.Schema != ManifestSchema:
		return fmt.Errorf("%w: manifest schema %d, want %d", ErrMalformed, m.Schema, ManifestSchema)
	case !ValidChannel(m.Channel):
		return fmt.Errorf("%w: bad channel %q", ErrMalformed, m.Channel)
	case m.Version == 0 || m.Version > MaxVersion:
		return fmt.Errorf("%w: version %d out of range 1..%d", ErrMalformed, m.Version, uint64(MaxVersion))
	case m.ReleaseID == uuid.Nil:
		return fmt.Errorf("%w: release_id missing", ErrMalformed)
	case !ValidSHA256(m.Bundle.SHA256):
		return fmt.Errorf("%w: bundle sha256 %q is not 64 lowercase hex digits", ErrMalformed, m.Bundle.SHA256)
	case m.Bundle.Size <= 0 || m.Bundle.Size > MaxBundleSize:
		return fmt.Errorf("%w: bundle size %d out of range 1..%d", ErrMalformed, m.Bundle.Size, MaxBundleSize)
	case m.Rollout < 0 || m.Rollout > 100:
		return fmt.Errorf("%w: rollout %d out of range 0..100", ErrMalformed, m.Rollout)
	case m.PublishedAt.IsZero() || m.ExpiresAt.IsZero():
		return fmt.Errorf("%w: published_at and expires_at are required", ErrMalformed)
	case !m.ExpiresAt.After(m.PublishedAt):
		return fmt.Errorf("%w: expires_at is not after published_at", ErrMalformed)
	}
	if _, err := parseVersion(m.MinEngine); err != nil {
		return fmt.Errorf("%w: min_engine: %v", ErrMalformed, err)
	}
	return nil
}

// SignManifest validates m and signs it with a release key.
func SignManifest(m *Manifest, key ed25519.PrivateKey) ([]byte, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	payload, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return Sign(ContextManifest, payload, key)
}

// ParseManifest decodes a manifest envelope and its payload without
// verifying the signature; use VerifyManifest to trust it.
func ParseManifest(data []byte) (*Envelope, *Manifest, error) {
	env, err := ParseEnvelope(data)
	if err != nil {
		return nil, nil, err
	}
	var m Manifest
	if err := decodeStrict(env.Payload, &m); err != nil {
		return nil, nil, fmt.Errorf("%w: manifest: %v", ErrMalformed, err)
	}
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	return env, &m, nil
}

// VerifyManifest checks a manifest envelope against a verified keys
// document, in this order: signed by a known release key, that key not
// expired and allowed for the manifest's channel, the channel equal to
// channel (skipped when channel is empty, as on the server, which accepts
// any channel the key may sign), not expired at now, and a version greater
// than lastVersion.
func VerifyManifest(data []byte, keys *Keys, channel string, now time.Time, lastVersion uint64) (*Manifest, error) {
	env, err := ParseEnvelope(data)
	if err != nil {
		return nil, err
	}
	var signer *ReleaseKey
	sawKnown := false
	for _, s := range env.Signatures {
		k := keys.key(s.KeyID)
		if k == nil {
			continue
		}
		sawKnown = true
		if verifyWith(k.PublicKey, ContextManifest, env.Payload, s.Sig) {
			signer = k
			break
		}
	}
	if signer == nil {
		if sawKnown {
			return nil, fmt.Errorf("%w: manifest", ErrBadSignature)
		}
		return nil, fmt.Errorf("%w: manifest signed by %s, not in keys version %d", ErrUnknownKey, env.Signatures[0].KeyID, keys.Version)
	}
	_, m, err := ParseManifest(data)
	if err != nil {
		return nil, err
	}
	if !now.Before(signer.Expires) {
		return nil, fmt.Errorf("%w: %s expired %s", ErrKeyExpired, signer.ID, signer.Expires.Format(time.RFC3339))
	}
	if !slices.Contains(signer.Channels, m.Channel) {
		return nil, fmt.Errorf("%w: %s may not sign %q", ErrKeyChannel, signer.ID, m.Channel)
	}
	if channel != "" && m.Channel != channel {
		return nil, fmt.Errorf("%w: manifest for %q, asked for %q", ErrWrongChannel, m.Channel, channel)
	}
	if !now.Before(m.ExpiresAt) {
		return nil, fmt.Errorf("%w: version %d expired %s", ErrManifestExpired, m.Version, m.ExpiresAt.Format(time.RFC3339))
	}
	if m.Version <= lastVersion {
		return nil, fmt.Errorf("%w: version %d, current %d", ErrRollback, m.Version, lastVersion)
	}
	return m, nil
}

// CheckBundle checks bundle bytes against the manifest: size within
// maxSize and the manifest's size, then equal to it, then the SHA-256.
func (m *Manifest) CheckBundle(bundle []byte, maxSize int64) error {
	n := int64(len(bundle))
	if n > maxSize || n > m.Bundle.Size {
		return fmt.Errorf("%w: %d bytes, manifest says %d, limit %d", ErrSizeOver, n, m.Bundle.Size, maxSize)
	}
	if n != m.Bundle.Size {
		return fmt.Errorf("%w: %d bytes, manifest says %d", ErrSizeMismatch, n, m.Bundle.Size)
	}
	if got := SHA256Hex(bundle); got != m.Bundle.SHA256 {
		return fmt.Errorf("%w: got %s, manifest says %s", ErrDigest, got, m.Bundle.SHA256)
	}
	return nil
}

// CheckEngine reports ErrMinEngine when engineVersion is lower than the
// manifest's min_engine (dotted numbers: "1.2" < "1.10").
func (m *Manifest) CheckEngine(engineVersion string) error {
	have, err := parseVersion(engineVersion)
	if err != nil {
		return fmt.Errorf("engine version: %w", err)
	}
	need, err := parseVersion(m.MinEngine)
	if err != nil {
		return fmt.Errorf("%w: min_engine: %v", ErrMalformed, err)
	}
	if compareVersions(have, need) < 0 {
		return fmt.Errorf("%w: needs %s, this is %s", ErrMinEngine, m.MinEngine, engineVersion)
	}
	return nil
}

// Bucket places an install in 0..99 for the bundle with the given hex
// SHA-256: SHA-256(installID ‖ bundle digest bytes), read as a big-endian
// integer, mod 100. Salting with the bundle keeps a release's cohort stable
// as its percentage grows, and reshuffles it for the next bundle.
func Bucket(installID []byte, bundleSHA256 string) (int, error) {
	digest, err := hex.DecodeString(bundleSHA256)
	if err != nil || len(digest) != sha256.Size {
		return 0, fmt.Errorf("%w: bundle sha256 %q", ErrMalformed, bundleSHA256)
	}
	h := sha256.New()
	h.Write(installID)
	h.Write(digest)
	r := 0
	for _, b := range h.Sum(nil) {
		r = (r*256 + int(b)) % 100
	}
	return r, nil
}

// CheckRollout reports ErrRolloutOut when the install's bucket is not
// below the manifest's rollout percentage.
func (m *Manifest) CheckRollout(installID []byte) error {
	b, err := Bucket(installID, m.Bundle.SHA256)
	if err != nil {
		return err
	}
	if b >= m.Rollout {
		return fmt.Errorf("%w: bucket %d, rollout %d%%", ErrRolloutOut, b, m.Rollout)
	}
	return nil
}

func parseVersion(v string) ([]uint64, error) {
	if v == "" {
		return nil, fmt.Errorf("empty version")
	}
	parts := strings.Split(v, ".")
	out := make([]uint64, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("version %q: not dotted numbers", v)
		}
		out[i] = n
	}
	return out, nil
}

func compareVersions(a, b []uint64) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		var x, y uint64
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}

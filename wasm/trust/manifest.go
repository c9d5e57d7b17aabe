package trust

import (
	"errors"
	"slices"
	"time"

	"vigie/wasm/engine"

	"vigie/wasm/trust/internal/edverify"
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
	ReleaseID   UUID      `json:"release_id"`
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
		return failf(ErrMalformed, "manifest schema ", itoa(int64(m.Schema)), ", want ", itoa(ManifestSchema))
	case !ValidChannel(m.Channel):
		return failf(ErrMalformed, "bad channel ", quote(m.Channel))
	case m.Version == 0 || m.Version > MaxVersion:
		return failf(ErrMalformed, "version ", utoa(m.Version), " out of range 1..", utoa(MaxVersion))
	case m.ReleaseID == UUID{}:
		return failf(ErrMalformed, "release_id missing")
	case !ValidSHA256(m.Bundle.SHA256):
		return failf(ErrMalformed, "bundle sha256 ", quote(m.Bundle.SHA256), " is not 64 lowercase hex digits")
	case m.Bundle.Size <= 0 || m.Bundle.Size > MaxBundleSize:
		return failf(ErrMalformed, "bundle size ", itoa(m.Bundle.Size), " out of range 1..", itoa(MaxBundleSize))
	case m.Rollout < 0 || m.Rollout > 100:
		return failf(ErrMalformed, "rollout ", itoa(int64(m.Rollout)), " out of range 0..100")
	case m.PublishedAt.IsZero() || m.ExpiresAt.IsZero():
		return failf(ErrMalformed, "published_at and expires_at are required")
	case !m.ExpiresAt.After(m.PublishedAt):
		return failf(ErrMalformed, "expires_at is not after published_at")
	}
	if err := engine.CheckVersion(m.MinEngine); err != nil {
		return failf(ErrMalformed, "min_engine: ", err.Error())
	}
	return nil
}

// ParseManifest decodes a manifest envelope and its payload without
// verifying the signature; use VerifyManifest to trust it.
func ParseManifest(data []byte) (*Envelope, *Manifest, error) {
	env, err := ParseEnvelope(data)
	if err != nil {
		return nil, nil, err
	}
	m, err := decodeManifest(env.Payload)
	if err != nil {
		return nil, nil, failf(ErrMalformed, "manifest: ", err.Error())
	}
	if err := m.Validate(); err != nil {
		return nil, nil, err
	}
	return env, m, nil
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
			return nil, failf(ErrBadSignature, "manifest")
		}
		return nil, failf(ErrUnknownKey, "manifest signed by ", env.Signatures[0].KeyID, ", not in keys version ", utoa(keys.Version))
	}
	_, m, err := ParseManifest(data)
	if err != nil {
		return nil, err
	}
	if !now.Before(signer.Expires) {
		return nil, failf(ErrKeyExpired, signer.ID, " expired ", stamp(signer.Expires))
	}
	if !slices.Contains(signer.Channels, m.Channel) {
		return nil, failf(ErrKeyChannel, signer.ID, " may not sign ", quote(m.Channel))
	}
	if channel != "" && m.Channel != channel {
		return nil, failf(ErrWrongChannel, "manifest for ", quote(m.Channel), ", asked for ", quote(channel))
	}
	if !now.Before(m.ExpiresAt) {
		return nil, failf(ErrManifestExpired, "version ", utoa(m.Version), " expired ", stamp(m.ExpiresAt))
	}
	if m.Version <= lastVersion {
		return nil, failf(ErrRollback, "version ", utoa(m.Version), ", current ", utoa(lastVersion))
	}
	return m, nil
}

// CheckBundle checks bundle bytes against the manifest: size within
// maxSize and the manifest's size, then equal to it, then the SHA-256.
func (m *Manifest) CheckBundle(bundle []byte, maxSize int64) error {
	n := int64(len(bundle))
	if n > maxSize || n > m.Bundle.Size {
		return failf(ErrSizeOver, itoa(n), " bytes, manifest says ", itoa(m.Bundle.Size), ", limit ", itoa(maxSize))
	}
	if n != m.Bundle.Size {
		return failf(ErrSizeMismatch, itoa(n), " bytes, manifest says ", itoa(m.Bundle.Size))
	}
	if got := SHA256Hex(bundle); got != m.Bundle.SHA256 {
		return failf(ErrDigest, "got ", got, ", manifest says ", m.Bundle.SHA256)
	}
	return nil
}

// CheckEngine reports ErrMinEngine when engineVersion is lower than the
// manifest's min_engine (dotted numbers: "1.2" < "1.10").
func (m *Manifest) CheckEngine(engineVersion string) error {
	if err := engine.CheckVersion(m.MinEngine); err != nil {
		return failf(ErrMalformed, "min_engine: ", err.Error())
	}
	older, err := engine.VersionLess(engineVersion, m.MinEngine)
	if err != nil {
		return errors.New("engine version: " + err.Error())
	}
	if older {
		return failf(ErrMinEngine, "needs ", m.MinEngine, ", this is ", engineVersion)
	}
	return nil
}

// Bucket places an install in 0..99 for the bundle with the given hex
// SHA-256: SHA-256(installID ‖ bundle digest bytes), read as a big-endian
// integer, mod 100. Salting with the bundle keeps a release's cohort stable
// as its percentage grows, and reshuffles it for the next bundle.
func Bucket(installID []byte, bundleSHA256 string) (int, error) {
	digest := make([]byte, 32)
	if !unhex(digest, bundleSHA256) {
		return 0, failf(ErrMalformed, "bundle sha256 ", quote(bundleSHA256))
	}
	sum := edverify.SHA256(installID, digest)
	r := 0
	for _, b := range sum {
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
		return failf(ErrRolloutOut, "bucket ", itoa(int64(b)), ", rollout ", itoa(int64(m.Rollout)), "%")
	}
	return nil
}

package trust

import "time"

// Policy is what an installed client knows when it checks an update: the
// pinned root, its channel and engine, its local install id and the
// versions it accepted last. The extension's wasm core fills one from
// storage and calls VerifyRelease, then VerifyBundle on the download.
type Policy struct {
	Root            []byte // Ed25519 public key
	Channel         string
	Engine          string
	InstallID       []byte
	MaxBundle       int64 // 0 means MaxBundleSize
	KeysVersion     uint64
	ManifestVersion uint64
}

// VerifyRelease checks a keys document and a manifest in the order the
// updater needs: keys chain from the root (not expired, version never
// decreasing), manifest signature by a release key allowed for the
// channel, channel, expiry, version greater than the last accepted, then
// the rollout bucket.
func (p *Policy) VerifyRelease(keysDoc, manifest []byte, now time.Time) (*Keys, *Manifest, error) {
	keys, err := VerifyKeys(keysDoc, p.Root, now, p.KeysVersion)
	if err != nil {
		return nil, nil, err
	}
	m, err := VerifyManifest(manifest, keys, p.Channel, now, p.ManifestVersion)
	if err != nil {
		return nil, nil, err
	}
	if err := m.CheckRollout(p.InstallID); err != nil {
		return nil, nil, err
	}
	return keys, m, nil
}

// VerifyBundle checks downloaded bundle bytes against a verified manifest:
// size, SHA-256, then the minimum engine version. Compiling the rules and
// running their examples is the engine's part.
func (p *Policy) VerifyBundle(m *Manifest, bundle []byte) error {
	limit := p.MaxBundle
	if limit <= 0 || limit > MaxBundleSize {
		limit = MaxBundleSize
	}
	if err := m.CheckBundle(bundle, limit); err != nil {
		return err
	}
	return m.CheckEngine(p.Engine)
}

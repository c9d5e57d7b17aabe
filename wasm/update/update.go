// Package update is the extension's update check, run inside the wasm core:
// it takes what the updater fetched (keys document, manifest envelope,
// bundle) and what the install knows (pinned root, channel, install id, last
// accepted versions) and either returns a new engine or keeps the current
// one and says why, with a stable reason code.
//
// The order is issue 5's, and each step only runs when the previous passed:
//
//  1. keys document chained to the pinned root, version never lower than
//     the last accepted one, not expired;
//  2. manifest signed by a release key of that document allowed for the
//     manifest's channel;
//  3. channel equal to the requested one;
//  4. manifest not expired;
//  5. version greater than the last accepted one;
//  6. rollout: SHA-256(install id ‖ bundle SHA-256) mod 100 < rollout;
//  7. bundle size within the manifest's size and the hard cap, then equal;
//  8. bundle SHA-256 equal to the manifest's;
//  9. this engine at least the manifest's min_engine;
//  10. every rule compiles, and every rule's examples pass;
//  11. swap: the caller replaces its engine pointer with the returned one.
//
// Steps 1–6 need no bundle, so the updater runs them first (Check) and
// downloads the bundle only when they pass; Apply runs all of them again
// over the same inputs, so nothing verified earlier is taken on trust.
package update

import (
	"errors"
	"time"

	"vigie/wasm/engine"
	"vigie/wasm/trust"
)

// InstallIDSize is the size of the local install id: 128 random bits.
const InstallIDSize = 16

// Request is one update attempt.
type Request struct {
	Root            []byte // Ed25519 public key pinned at build time
	Channel         string
	InstallID       []byte // InstallIDSize bytes, generated locally, never sent
	LastVersion     uint64 // last accepted manifest version (0: none)
	LastKeysVersion uint64 // last accepted keys document version (0: none)
	Now             time.Time
	KeysDoc         []byte // GET /v1/keys
	Manifest        []byte // GET /v1/channels/{channel}/latest
	Bundle          []byte // GET /v1/bundles/{sha256}; unused by Check
}

// Report says what was checked. Keys and Manifest are set once they
// verified, so a refusal further down can still name the release.
type Report struct {
	Keys     *trust.Keys
	Manifest *trust.Manifest
	Bucket   int // the install's rollout bucket, -1 until computed
}

// Reason codes, one per way an update is refused. The extension records
// them and shows them in the popup and options.
const (
	CodeOK              = "ok"
	CodeBadRequest      = "bad_request"
	CodeMalformed       = "malformed"
	CodeBadSignature    = "bad_signature"
	CodeUnknownKey      = "unknown_key"
	CodeKeyExpired      = "key_expired"
	CodeKeyChannel      = "key_channel"
	CodeKeysExpired     = "keys_expired"
	CodeKeysVersion     = "keys_version"
	CodeWrongChannel    = "wrong_channel"
	CodeManifestExpired = "manifest_expired"
	CodeRollback        = "rollback"
	CodeRolloutOut      = "rollout_out"
	CodeSizeOver        = "size_over"
	CodeSizeMismatch    = "size_mismatch"
	CodeDigest          = "sha256_mismatch"
	CodeMinEngine       = "min_engine"
	CodeRules           = "rules_invalid"
	CodeExamples        = "examples_failed"
)

// ErrBadRequest reports inputs the updater should never send (wrong key or
// install id size, bad channel name).
var ErrBadRequest = errors.New("bad update request")

// ErrExamples reports a bundle whose rules compile but whose examples fail.
var ErrExamples = errors.New("rule examples failed")

var codes = []struct {
	err  error
	code string
}{
	{ErrBadRequest, CodeBadRequest},
	{ErrExamples, CodeExamples},
	{trust.ErrMalformed, CodeMalformed},
	{trust.ErrBadSignature, CodeBadSignature},
	{trust.ErrUnknownKey, CodeUnknownKey},
	{trust.ErrKeyExpired, CodeKeyExpired},
	{trust.ErrKeyChannel, CodeKeyChannel},
	{trust.ErrKeysExpired, CodeKeysExpired},
	{trust.ErrKeysVersion, CodeKeysVersion},
	{trust.ErrWrongChannel, CodeWrongChannel},
	{trust.ErrManifestExpired, CodeManifestExpired},
	{trust.ErrRollback, CodeRollback},
	{trust.ErrRolloutOut, CodeRolloutOut},
	{trust.ErrSizeOver, CodeSizeOver},
	{trust.ErrSizeMismatch, CodeSizeMismatch},
	{trust.ErrDigest, CodeDigest},
	{trust.ErrMinEngine, CodeMinEngine},
	{engine.ErrBundle, CodeRules},
}

// Code maps an error from Check or Apply to its reason code ("ok" for nil).
func Code(err error) string {
	if err == nil {
		return CodeOK
	}
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.code
		}
	}
	return CodeRules
}

type wrapped struct {
	kind error
	msg  string
}

func (e *wrapped) Error() string { return e.kind.Error() + ": " + e.msg }
func (e *wrapped) Unwrap() error { return e.kind }

func (r *Request) policy() (*trust.Policy, error) {
	switch {
	case len(r.Root) != trust.PublicKeySize:
		return nil, &wrapped{ErrBadRequest, "root key is not an Ed25519 public key"}
	case !trust.ValidChannel(r.Channel):
		return nil, &wrapped{ErrBadRequest, "bad channel name"}
	case len(r.InstallID) != InstallIDSize:
		return nil, &wrapped{ErrBadRequest, "install id is not 16 bytes"}
	case r.Now.IsZero():
		return nil, &wrapped{ErrBadRequest, "no current time"}
	}
	return &trust.Policy{
		Root: r.Root, Channel: r.Channel, Engine: engine.Version, InstallID: r.InstallID,
		KeysVersion: r.LastKeysVersion, ManifestVersion: r.LastVersion,
	}, nil
}

// Check runs steps 1–6: whether the manifest is a release this install
// should download.
func Check(r *Request) (Report, error) {
	rep := Report{Bucket: -1}
	p, err := r.policy()
	if err != nil {
		return rep, err
	}
	// Policy.VerifyRelease runs 1–6 in one call; it is split here so that
	// the report names the keys and release even when a later step refuses.
	keys, err := trust.VerifyKeys(r.KeysDoc, p.Root, r.Now, p.KeysVersion)
	if err != nil {
		return rep, err
	}
	rep.Keys = keys
	m, err := trust.VerifyManifest(r.Manifest, keys, p.Channel, r.Now, p.ManifestVersion)
	if err != nil {
		return rep, err
	}
	rep.Manifest = m
	if rep.Bucket, err = trust.Bucket(r.InstallID, m.Bundle.SHA256); err != nil {
		return rep, err
	}
	return rep, m.CheckRollout(r.InstallID)
}

// Apply runs every step over r and returns the engine for the new bundle.
// On any failure it returns cur unchanged (the current rules stay) and the
// reason; the caller swaps its engine pointer only to what Apply returns.
func Apply(cur *engine.Engine, r *Request) (*engine.Engine, Report, error) {
	rep, err := Check(r)
	if err != nil {
		return cur, rep, err
	}
	p, _ := r.policy() // Check validated it
	if err := p.VerifyBundle(rep.Manifest, r.Bundle); err != nil {
		return cur, rep, err
	}
	next, err := engine.Load(r.Bundle)
	if err != nil {
		return cur, rep, err
	}
	if err := engine.ExamplesError(engine.CheckExamples(next.Bundle())); err != nil {
		return cur, rep, &wrapped{ErrExamples, err.Error()}
	}
	return next, rep, nil
}

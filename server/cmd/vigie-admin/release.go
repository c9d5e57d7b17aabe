package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"text/tabwriter"
	"time"

	"github.com/google/uuid"

	"vigie/server/client"
	"vigie/server/keyfile"
	"vigie/wasm/rules"
	"vigie/wasm/trust"
	"vigie/wasm/trust/sign"
)

// releaseFlags are shared by publish, rollout and rollback.
type releaseFlags struct {
	channel *string
	keyPath *string
	version *uint64
	ttl     *time.Duration
	out     *string
	client  func() (*client.Client, error)
}

func (e *env) releaseFlags(fs interface {
	String(name, value, usage string) *string
	Uint64(name string, value uint64, usage string) *uint64
	Duration(name string, value time.Duration, usage string) *time.Duration
}) *releaseFlags {
	return &releaseFlags{
		channel: fs.String("channel", "stable", "channel"),
		keyPath: fs.String("key", "release.key", "release private key"),
		version: fs.Uint64("version", 0, "manifest version (default: the channel's latest + 1)"),
		ttl:     fs.Duration("ttl", trust.DefaultManifestTTL, "manifest validity"),
		out:     fs.String("out", "", "also write the signed manifest to this file"),
		client:  e.serverFlags(fs),
	}
}

// current returns the channel's latest manifest, or nil if it has none.
func current(ctx context.Context, c *client.Client, channel string) (*trust.Manifest, error) {
	data, err := c.Latest(ctx, channel)
	if client.IsCode(err, "not_found") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	_, m, err := trust.ParseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("channel %s: latest manifest: %w", channel, err)
	}
	return m, nil
}

// release signs a manifest for ref and uploads it with bundle (nil: the
// server already stores it).
func (e *env) release(ctx context.Context, f *releaseFlags, c *client.Client, cur *trust.Manifest, ref trust.BundleRef, minEngine string, rollout int, bundle []byte) error {
	key, err := keyfile.ReadPrivate(*f.keyPath)
	if err != nil {
		return err
	}
	version := *f.version
	if version == 0 {
		version = 1
		if cur != nil {
			version = cur.Version + 1
		}
	}
	now := time.Now().UTC().Truncate(time.Second)
	m := &trust.Manifest{
		Schema: trust.ManifestSchema, Channel: *f.channel, Version: version, ReleaseID: trust.UUID(uuid.New()),
		Bundle: ref, Rollout: rollout, MinEngine: minEngine, PublishedAt: now, ExpiresAt: now.Add(*f.ttl),
	}
	signed, err := sign.Manifest(m, key)
	if err != nil {
		return err
	}
	if *f.out != "" {
		if err := os.WriteFile(*f.out, signed, 0o644); err != nil {
			return err
		}
	}
	info, err := c.Publish(ctx, signed, bundle)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "published %s version %d (release %s, bundle %s, %d bytes, rollout %d%%, signed by %s, expires %s)\n",
		info.Channel, info.Version, info.ReleaseID, info.SHA256[:12], info.Size, info.Rollout,
		trust.KeyID(key.Public().(ed25519.PublicKey)), info.ExpiresAt.Format(time.DateOnly))
	return nil
}

func cmdPublish(ctx context.Context, e *env, args []string) error {
	fs := e.flags("publish")
	f := e.releaseFlags(fs)
	bundlePath := fs.String("bundle", "", "bundle `file` (from vigie-admin pack)")
	useDefault := fs.Bool("default", false, "publish the default bundle compiled into this binary")
	rollout := fs.Int("rollout", 100, "percentage of installs that apply it, 0..100")
	ifEmpty := fs.Bool("if-empty", false, "do nothing if the channel already has a release")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var data []byte
	var err error
	switch {
	case *useDefault && *bundlePath == "":
		data, err = rules.Default()
	case !*useDefault && *bundlePath != "":
		data, err = os.ReadFile(*bundlePath)
	default:
		return errors.New("give exactly one of -bundle FILE or -default")
	}
	if err != nil {
		return err
	}
	b, err := checkBundle(data)
	if err != nil {
		return err
	}
	c, err := f.client()
	if err != nil {
		return err
	}
	cur, err := current(ctx, c, *f.channel)
	if err != nil {
		return err
	}
	if cur != nil && *ifEmpty {
		fmt.Fprintf(e.stdout, "channel %s already at version %d; nothing published\n", *f.channel, cur.Version)
		return nil
	}
	ref := trust.BundleRef{SHA256: trust.SHA256Hex(data), Size: int64(len(data))}
	return e.release(ctx, f, c, cur, ref, b.MinEngine, *rollout, data)
}

func cmdRollout(ctx context.Context, e *env, args []string) error {
	fs := e.flags("rollout")
	f := e.releaseFlags(fs)
	percent := fs.Int("percent", -1, "new rollout percentage, 0..100 (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *percent < 0 || *percent > 100 {
		return errors.New("-percent 0..100 is required")
	}
	c, err := f.client()
	if err != nil {
		return err
	}
	cur, err := current(ctx, c, *f.channel)
	if err != nil {
		return err
	}
	if cur == nil {
		return fmt.Errorf("channel %s has no release", *f.channel)
	}
	return e.release(ctx, f, c, cur, cur.Bundle, cur.MinEngine, *percent, nil)
}

func cmdRollback(ctx context.Context, e *env, args []string) error {
	fs := e.flags("rollback")
	f := e.releaseFlags(fs)
	to := fs.Uint64("to", 0, "version whose bundle to release again (required)")
	rollout := fs.Int("rollout", 100, "rollout percentage of the new release")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *to == 0 {
		return errors.New("-to VERSION is required")
	}
	c, err := f.client()
	if err != nil {
		return err
	}
	rels, err := c.Releases(ctx, *f.channel)
	if err != nil {
		return err
	}
	for _, r := range rels {
		if r.Version == *to {
			cur, err := current(ctx, c, *f.channel)
			if err != nil {
				return err
			}
			return e.release(ctx, f, c, cur, trust.BundleRef{SHA256: r.SHA256, Size: r.Size}, r.MinEngine, *rollout, nil)
		}
	}
	return fmt.Errorf("channel %s has no version %d", *f.channel, *to)
}

func cmdList(ctx context.Context, e *env, args []string) error {
	fs := e.flags("list")
	channel := fs.String("channel", "stable", "channel")
	newClient := e.serverFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := newClient()
	if err != nil {
		return err
	}
	rels, err := c.Releases(ctx, *channel)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "VERSION\tROLLOUT\tBUNDLE\tSIZE\tPUBLISHED\tEXPIRES\tTOKEN\tRELEASE")
	for _, r := range rels {
		fmt.Fprintf(tw, "%d\t%d%%\t%s\t%d\t%s\t%s\t%s\t%s\n", r.Version, r.Rollout, r.SHA256[:12], r.Size,
			r.PublishedAt.Format(time.DateTime), r.ExpiresAt.Format(time.DateOnly), r.TokenID, r.ReleaseID)
	}
	return tw.Flush()
}

func cmdAudit(ctx context.Context, e *env, args []string) error {
	fs := e.flags("audit")
	limit := fs.Int("limit", 50, "entries to show, newest first")
	newClient := e.serverFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	c, err := newClient()
	if err != nil {
		return err
	}
	entries, err := c.Audit(ctx, *limit)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tTOKEN\tACTION\tCHANNEL\tVERSION\tOUTCOME\tCODE\tID")
	for _, a := range entries {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", a.At.Format(time.DateTime), a.TokenID, a.Action, a.Channel, a.Version, a.Outcome, a.Code, a.ID)
	}
	return tw.Flush()
}

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"vigie/server/keyfile"
	"vigie/wasm/engine"
	"vigie/wasm/trust"
)

// cmdVerify runs the extension's checks, offline on files or on what a
// server serves: keys chain from the root, manifest signature and channel,
// expiry, bundle size and SHA-256, engine version, rules and examples.
func cmdVerify(ctx context.Context, e *env, args []string) error {
	fs := e.flags("verify")
	rootPath := fs.String("root", "root.pub", "trusted root public key")
	keysPath := fs.String("keys", "", "keys document file (offline)")
	manPath := fs.String("manifest", "", "manifest file (offline)")
	bundlePath := fs.String("bundle", "", "bundle file (offline)")
	channel := fs.String("channel", "stable", "channel the manifest must be for")
	online := fs.Bool("online", false, "fetch keys, latest manifest and bundle from -server instead of files")
	newClient := e.serverFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	root, err := keyfile.ReadPublic(*rootPath)
	if err != nil {
		return err
	}
	var keysDoc, manDoc, bundle []byte
	if *online {
		c, err := newClient()
		if err != nil {
			return err
		}
		if keysDoc, err = c.Keys(ctx); err != nil {
			return err
		}
		if manDoc, err = c.Latest(ctx, *channel); err != nil {
			return err
		}
		_, m, err := trust.ParseManifest(manDoc)
		if err != nil {
			return err
		}
		if bundle, err = c.Bundle(ctx, m.Bundle.SHA256); err != nil {
			return err
		}
	} else {
		if *keysPath == "" || *manPath == "" || *bundlePath == "" {
			return errors.New("give -keys, -manifest and -bundle, or -online")
		}
		for _, f := range []struct {
			path string
			dst  *[]byte
		}{{*keysPath, &keysDoc}, {*manPath, &manDoc}, {*bundlePath, &bundle}} {
			if *f.dst, err = os.ReadFile(f.path); err != nil {
				return err
			}
		}
	}
	p := &trust.Policy{Root: root, Channel: *channel, Engine: engine.Version}
	now := time.Now()
	keys, err := trust.VerifyKeys(keysDoc, p.Root, now, 0)
	if err != nil {
		return err
	}
	m, err := trust.VerifyManifest(manDoc, keys, p.Channel, now, 0)
	if err != nil {
		return err
	}
	if err := p.VerifyBundle(m, bundle); err != nil {
		return err
	}
	b, err := checkBundle(bundle)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "OK: keys version %d, %s version %d (rollout %d%%, expires %s), bundle %s with %d rules\n",
		keys.Version, m.Channel, m.Version, m.Rollout, m.ExpiresAt.Format(time.DateOnly), m.Bundle.SHA256[:12], len(b.Rules))
	return nil
}

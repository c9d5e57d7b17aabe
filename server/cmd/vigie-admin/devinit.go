package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"vigie/server/keyfile"
	"vigie/wasm/trust"
)

// Files dev-init keeps in the data directory; vigie-server reads root.pub
// and admin.token from there too.
const (
	devRoot    = "root"
	devRelease = "release"
	devKeys    = "keys.json"
	devToken   = "admin.token"
)

// devChannels are the channels the development release key may sign.
var devChannels = []string{"stable", "beta"}

// cmdDevInit prepares a data directory for local development, creating
// only what is missing: a root and a release key pair, a keys document
// signed by the root (re-signed with a higher version when it no longer
// verifies, e.g. expired or naming another release key), and an admin
// token. It prints the root public key last, alone on its line.
func cmdDevInit(ctx context.Context, e *env, args []string) error {
	fs := e.flags("dev-init")
	dir := fs.String("data", "./data", "data directory")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(*dir, 0o750); err != nil {
		return err
	}
	pubs := map[string]ed25519.PublicKey{}
	for _, role := range []string{devRoot, devRelease} {
		prefix := filepath.Join(*dir, role)
		key, err := keyfile.ReadPrivate(prefix + ".key")
		switch {
		case errors.Is(err, os.ErrNotExist):
			pub, err := writeKeyPair(prefix)
			if err != nil {
				return err
			}
			pubs[role] = pub
			fmt.Fprintf(e.stdout, "created %s key %s in %s.key\n", role, trust.KeyID(pub), prefix)
		case err != nil:
			return err
		default:
			pubs[role] = key.Public().(ed25519.PublicKey)
			// Rewrite the public half so it always matches the private one.
			if err := keyfile.WritePublic(prefix+".pub", pubs[role]); err != nil {
				return err
			}
		}
	}
	if err := devKeysDoc(e, *dir, pubs); err != nil {
		return err
	}
	tokenPath := filepath.Join(*dir, devToken)
	if _, err := os.Stat(tokenPath); errors.Is(err, os.ErrNotExist) {
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return err
		}
		if err := os.WriteFile(tokenPath, []byte(base64.RawURLEncoding.EncodeToString(secret)+"\n"), 0o600); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "created admin token in %s\n", tokenPath)
	} else if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, keyfile.EncodePublic(pubs[devRoot]))
	return nil
}

func devKeysDoc(e *env, dir string, pubs map[string]ed25519.PublicKey) error {
	path := filepath.Join(dir, devKeys)
	now := time.Now()
	version := uint64(1)
	if data, err := os.ReadFile(path); err == nil {
		k, err := trust.VerifyKeys(data, pubs[devRoot], now.Add(30*24*time.Hour), 0)
		if err == nil && len(k.ReleaseKeys) == 1 && k.ReleaseKeys[0].ID == trust.KeyID(pubs[devRelease]) {
			return nil
		}
		if _, old, perr := trust.ParseKeys(data); perr == nil {
			version = old.Version + 1
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return err
	}
	root, err := keyfile.ReadPrivate(filepath.Join(dir, devRoot+".key"))
	if err != nil {
		return err
	}
	year := 365 * 24 * time.Hour
	doc, err := signKeys(root, []releaseSpec{{filepath.Join(dir, devRelease+".pub"), devChannels}}, version, now, year, year)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, doc, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "signed keys document version %d in %s\n", version, path)
	return nil
}

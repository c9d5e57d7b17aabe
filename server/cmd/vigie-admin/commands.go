package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"vigie/server/client"
	"vigie/server/keyfile"
	"vigie/wasm/engine"
	"vigie/wasm/rules"
	"vigie/wasm/trust"
	"vigie/wasm/trust/sign"
)

// serverFlags adds -server and -token to fs and returns a constructor for
// the client they describe.
func (e *env) serverFlags(fs interface {
	String(name, value, usage string) *string
}) func() (*client.Client, error) {
	def := e.getenv("VIGIE_SERVER")
	if def == "" {
		def = "http://127.0.0.1:8787"
	}
	srv := fs.String("server", def, "rule server URL (VIGIE_SERVER)")
	tok := fs.String("token", e.getenv("VIGIE_ADMIN_TOKEN"), "admin token (VIGIE_ADMIN_TOKEN)")
	return func() (*client.Client, error) {
		if !strings.HasPrefix(*srv, "http://") && !strings.HasPrefix(*srv, "https://") {
			return nil, fmt.Errorf("-server %q: want an http(s) URL", *srv)
		}
		return &client.Client{BaseURL: *srv, Token: *tok, HTTP: &http.Client{Timeout: time.Minute}}, nil
	}
}

func cmdKeygen(ctx context.Context, e *env, args []string) error {
	fs := e.flags("keygen")
	out := fs.String("out", "", "file prefix: writes PREFIX.key (0600) and PREFIX.pub (default: the role)")
	if len(args) == 0 || (args[0] != "root" && args[0] != "release") {
		return errors.New("want `keygen root` or `keygen release`")
	}
	role := args[0]
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	prefix := *out
	if prefix == "" {
		prefix = role
	}
	pub, err := writeKeyPair(prefix)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s key %s\nprivate: %s.key (keep offline)\npublic:  %s.pub %s\n", role, trust.KeyID(pub), prefix, prefix, keyfile.EncodePublic(pub))
	return nil
}

func writeKeyPair(prefix string) (ed25519.PublicKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	if err := keyfile.WritePrivate(prefix+".key", priv); err != nil {
		return nil, err
	}
	return pub, keyfile.WritePublic(prefix+".pub", pub)
}

func cmdKeys(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return errors.New("want `keys sign` or `keys push`")
	}
	switch args[0] {
	case "sign":
		return cmdKeysSign(e, args[1:])
	case "push":
		return cmdKeysPush(ctx, e, args[1:])
	}
	return fmt.Errorf("unknown keys command %q", args[0])
}

func cmdKeysSign(e *env, args []string) error {
	fs := e.flags("keys sign")
	rootPath := fs.String("root", "root.key", "root private key")
	var releases listFlag
	fs.Var(&releases, "release", "release public key and its channels: FILE.pub=stable,beta (repeatable)")
	version := fs.Uint64("version", 0, "document version, greater than the server's current (required)")
	ttl := fs.Duration("ttl", 365*24*time.Hour, "validity of the document")
	keyTTL := fs.Duration("key-ttl", 365*24*time.Hour, "validity of each release key")
	out := fs.String("out", "keys.json", "output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *version == 0 || len(releases) == 0 {
		return errors.New("-version and at least one -release are required")
	}
	root, err := keyfile.ReadPrivate(*rootPath)
	if err != nil {
		return err
	}
	specs := make([]releaseSpec, len(releases))
	for i, r := range releases {
		path, chans, ok := strings.Cut(r, "=")
		if !ok || chans == "" {
			return fmt.Errorf("-release %q: want FILE.pub=channel[,channel]", r)
		}
		specs[i] = releaseSpec{path, strings.Split(chans, ",")}
	}
	doc, err := signKeys(root, specs, *version, time.Now(), *ttl, *keyTTL)
	if err != nil {
		return err
	}
	if err := os.WriteFile(*out, doc, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "keys document version %d signed by root %s: %s\n", *version, trust.KeyID(root.Public().(ed25519.PublicKey)), *out)
	return nil
}

type releaseSpec struct {
	pubPath  string
	channels []string
}

func signKeys(root ed25519.PrivateKey, specs []releaseSpec, version uint64, now time.Time, ttl, keyTTL time.Duration) ([]byte, error) {
	k := &trust.Keys{Schema: trust.KeysSchema, Version: version, Expires: now.Add(ttl).UTC().Truncate(time.Second)}
	for _, s := range specs {
		pub, err := keyfile.ReadPublic(s.pubPath)
		if err != nil {
			return nil, err
		}
		k.ReleaseKeys = append(k.ReleaseKeys, trust.ReleaseKey{
			ID: trust.KeyID(pub), PublicKey: pub, Channels: s.channels,
			Expires: now.Add(keyTTL).UTC().Truncate(time.Second),
		})
	}
	return sign.Keys(k, root)
}

func cmdKeysPush(ctx context.Context, e *env, args []string) error {
	fs := e.flags("keys push")
	newClient := e.serverFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("want the keys document file")
	}
	doc, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	c, err := newClient()
	if err != nil {
		return err
	}
	if cur, err := c.Keys(ctx); err == nil && string(cur) == string(doc) {
		fmt.Fprintln(e.stdout, "server already has this keys document")
		return nil
	}
	info, err := c.PublishKeys(ctx, doc)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "keys document version %d published (expires %s)\n", info.Version, info.Expires.Format(time.DateOnly))
	return nil
}

// checkBundle compiles every rule and runs its examples.
func checkBundle(data []byte) (*engine.Bundle, error) {
	eng, err := engine.Load(data)
	if err != nil {
		return nil, err
	}
	if err := engine.ExamplesError(engine.CheckExamples(eng.Bundle())); err != nil {
		return nil, err
	}
	return eng.Bundle(), nil
}

func cmdPack(ctx context.Context, e *env, args []string) error {
	fs := e.flags("pack")
	dir := fs.String("rules", "wasm/rules", "rule tree (detectors/*.json, lists/*.json, tables/*.json)")
	version := fs.String("version", "", "bundle version label (required)")
	out := fs.String("out", "bundle.json", "output file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *version == "" {
		return errors.New("-version is required")
	}
	b, err := rules.Pack(os.DirFS(*dir), rules.Meta{Version: *version, CreatedAt: time.Now().UTC().Format(time.RFC3339)})
	if err != nil {
		return err
	}
	data, err := json.Marshal(b)
	if err != nil {
		return err
	}
	if _, err := checkBundle(data); err != nil {
		return err
	}
	if err := os.WriteFile(*out, data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d rules, %d bytes, sha256 %s: %s\n", len(b.Rules), len(data), trust.SHA256Hex(data), *out)
	return nil
}

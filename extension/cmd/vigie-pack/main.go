// Command vigie-pack turns extension/src into the store-ready extension: it
// copies and minifies the sources into dist/extension (next to the engine
// files that `build.sh wasm` put there), checks the manifest, writes
// reproducible dist/vigie-chrome.zip and dist/vigie-firefox.zip, and prints a
// size report that fails the build past the budgets.
//
// Usage: go run ./extension/cmd/vigie-pack [-src extension/src] [-dist dist]
// [-root-key KEY|FILE -server URL [-channel NAME]]
//
// The update flags (env VIGIE_ROOT_KEY, VIGIE_SERVER, VIGIE_CHANNEL) pin the
// root public key and the default rules server in background/config.js and
// grant the server's origin in host_permissions; without them the extension
// uses its packaged bundle only.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "vigie-pack:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fl := flag.NewFlagSet("vigie-pack", flag.ContinueOnError)
	src := fl.String("src", "extension/src", "extension sources")
	dist := fl.String("dist", "dist", "output directory (holds extension/engine from the wasm build)")
	rootKey := fl.String("root-key", os.Getenv("VIGIE_ROOT_KEY"), "root Ed25519 public key (base64) or a file holding it (env VIGIE_ROOT_KEY)")
	server := fl.String("server", os.Getenv("VIGIE_SERVER"), "default rules server URL (env VIGIE_SERVER)")
	channel := fl.String("channel", os.Getenv("VIGIE_CHANNEL"), "default channel (env VIGIE_CHANNEL; default stable)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	cfg, err := newUpdateConfig(*rootKey, *server, *channel)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, cfg.describe())
	p := &packer{src: os.DirFS(*src), dist: *dist, minifier: newMinifier(), brotli: nodeBrotli, update: cfg}
	report, err := p.pack()
	if err != nil {
		return err
	}
	report.print(stdout)
	return report.overBudget()
}

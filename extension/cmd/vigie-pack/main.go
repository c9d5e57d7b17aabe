// Command vigie-pack turns extension/src into the store-ready extension: it
// copies and minifies the sources into dist/extension (next to the engine
// files that `build.sh wasm` put there), checks the manifest, writes
// reproducible dist/vigie-chrome.zip and dist/vigie-firefox.zip, and prints a
// size report that fails the build past the budgets.
//
// Usage: go run ./extension/cmd/vigie-pack [-src extension/src] [-dist dist]
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
	if err := fl.Parse(args); err != nil {
		return err
	}
	p := &packer{src: os.DirFS(*src), dist: *dist, minifier: newMinifier(), brotli: nodeBrotli}
	report, err := p.pack()
	if err != nil {
		return err
	}
	report.print(stdout)
	return report.overBudget()
}

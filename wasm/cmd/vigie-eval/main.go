// Command vigie-eval prints Vigie's detection quality as Markdown tables:
// on the labelled posts (wasm/testdata/posts) and on the Presidio
// conformance cases (shared/corpora/presidio-cases.jsonl beside the
// checkout). Run it from the repository root:
//
//	go run ./wasm/cmd/vigie-eval
//	go run ./wasm/cmd/vigie-eval -posts DIR -presidio FILE -errors 20
//
// An empty -posts or -presidio skips that part.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"vigie/wasm/eval"
	"vigie/wasm/rules"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "vigie-eval:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("vigie-eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	posts := fs.String("posts", "wasm/testdata/posts", "`dir`ectory of labelled <lang>.jsonl posts")
	presidio := fs.String("presidio", "../shared/corpora/presidio-cases.jsonl", "Presidio conformance `file`")
	bundle := fs.String("bundle", "", "rule bundle `file` to use instead of the embedded one")
	errs := fs.Int("errors", 0, "also list up to `n` missed and n spurious spans per corpus (-1: all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return errors.New("no arguments expected; see -h")
	}
	e, err := rules.LoadEngine(*bundle)
	if err != nil {
		return err
	}
	if *posts != "" {
		cases, err := eval.LoadPosts(*posts)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		r := eval.Run(e, cases)
		fmt.Fprintf(stdout, "## Labelled posts (%s, %d posts)\n\n", *posts, len(cases))
		if err := r.WriteTypeTable(stdout); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nPersonal-data-free posts with a finding: %d of %d.\n\n", r.CleanFlagged, r.Clean)
		if err := r.WriteGroupTable(stdout, "lang"); err != nil {
			return err
		}
		if err := writeErrors(stdout, r, *errs); err != nil {
			return err
		}
	}
	if *presidio != "" {
		eu, other, err := eval.LoadPresidio(*presidio)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		for _, part := range []struct {
			title string
			cases []eval.Case
		}{
			{"Presidio conformance, EU/UK/US and generic recognizers (date rows left out)", eu},
			{"Presidio conformance, non-EU identifiers (not held to the bar)", other},
		} {
			r := eval.Run(e, part.cases)
			fmt.Fprintf(stdout, "\n## %s (%d cases)\n\n", part.title, len(part.cases))
			if err := r.WriteTypeTable(stdout); err != nil {
				return err
			}
			fmt.Fprintln(stdout)
			if err := r.WriteGroupTable(stdout, "source_entity"); err != nil {
				return err
			}
			if err := writeErrors(stdout, r, *errs); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeErrors(w io.Writer, r *eval.Report, n int) error {
	if n == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(w); err != nil {
		return err
	}
	return r.WriteErrors(w, max(n, 0))
}

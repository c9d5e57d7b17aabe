package main

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"text/tabwriter"
)

// Budgets from issue 6; the build fails past them.
const (
	budgetZip      = 1_500_000
	budgetWasmBrot = 900 << 10
)

type line struct {
	name   string
	size   int64
	budget int64
}

type report struct {
	lines []line
	notes []string
}

func (r *report) add(name string, size, budget int64) {
	r.lines = append(r.lines, line{name, size, budget})
}

// measure adds the core's raw/gzip/brotli sizes and the text files' total.
func (r *report) measure(files []file, brotli func([]byte) (int, error)) error {
	var text, wasm []byte
	for _, f := range files {
		if f.name == "engine/vigie.wasm" {
			wasm = f.data
		}
		if isText(f.name) {
			text = append(text, f.data...)
		}
	}
	gz, err := gzipSize(wasm)
	if err != nil {
		return err
	}
	r.add("vigie.wasm raw", int64(len(wasm)), 0)
	r.add("vigie.wasm gzip -9", gz, 0)
	if n, err := brotli(wasm); err != nil {
		r.notes = append(r.notes, "vigie.wasm brotli: not measured ("+err.Error()+")")
	} else {
		r.add("vigie.wasm brotli 11", int64(n), budgetWasmBrot)
	}
	r.add("extension JS/CSS/HTML/JSON (minified)", int64(len(text)), 0)
	return nil
}

func gzipSize(data []byte) (int64, error) {
	var buf bytes.Buffer
	zw, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return 0, err
	}
	if _, err := zw.Write(data); err != nil {
		return 0, fmt.Errorf("gzip: %w", err)
	}
	if err := zw.Close(); err != nil {
		return 0, fmt.Errorf("gzip: %w", err)
	}
	return int64(buf.Len()), nil
}

// nodeBrotli measures brotli (quality 11) with Node's zlib: Go's standard
// library has no brotli encoder and Node is already required by the
// extension tests.
func nodeBrotli(data []byte) (int, error) {
	cmd := exec.Command("node", "-e", `const z=require('zlib');const c=[];process.stdin.on('data',d=>c.push(d)).on('end',()=>{process.stdout.write(String(z.brotliCompressSync(Buffer.concat(c),{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length))})`)
	cmd.Stdin = bytes.NewReader(data)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("node: %w", err)
	}
	return strconv.Atoi(strings.TrimSpace(string(out)))
}

func (r *report) print(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "size report\tbytes\tKiB\tbudget\t")
	for _, l := range r.lines {
		budget := "-"
		if l.budget > 0 {
			budget = fmt.Sprintf("%d%%", l.size*100/l.budget)
		}
		fmt.Fprintf(tw, "%s\t%d\t%.1f\t%s\t\n", l.name, l.size, float64(l.size)/1024, budget)
	}
	tw.Flush()
	for _, n := range r.notes {
		fmt.Fprintln(w, "note:", n)
	}
}

// overBudget returns an error naming every line past its budget.
func (r *report) overBudget() error {
	var errs []error
	for _, l := range r.lines {
		if l.budget > 0 && l.size > l.budget {
			errs = append(errs, fmt.Errorf("%s is %d bytes, budget %d", l.name, l.size, l.budget))
		}
	}
	return errors.Join(errs...)
}

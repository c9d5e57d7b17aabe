// Command vigie-scan finds personal data in text with the Vigie engine.
//
//	vigie-scan "Appelle-moi au 06 12 34 56 78"   # findings for humans
//	echo "text" | vigie-scan                      # same, from stdin
//	vigie-scan -jsonl < in.jsonl > out.jsonl      # {"id","text"} lines in, findings out
//	vigie-scan -bundle rules.json …               # another rule bundle
//	vigie-scan -print-bundle > bundle.json        # the bundle in use
//	vigie-scan -print-snapshot > snapshot.bin     # it compiled, for the wasm core
//
// Offsets in -jsonl output are Unicode code points, end exclusive.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"vigie/wasm/engine"
	"vigie/wasm/rules"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "vigie-scan:", err)
		os.Exit(1)
	}
}

// maxLine bounds one -jsonl input line.
const maxLine = 4 << 20

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("vigie-scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	jsonl := fs.Bool("jsonl", false, `read {"id","text"} JSON lines from stdin, write {"id","findings"} lines`)
	bundle := fs.String("bundle", "", "rule bundle `file` to use instead of the embedded one")
	threshold := fs.Float64("threshold", engine.DefaultThreshold, "minimum score of a finding (0..1]")
	printBundle := fs.Bool("print-bundle", false, "write the bundle in use (JSON) to stdout and exit")
	printSnapshot := fs.Bool("print-snapshot", false, "write the bundle in use, compiled (what the wasm core embeds), to stdout and exit")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: vigie-scan [-bundle FILE] [-threshold S] [TEXT] | -jsonl < in.jsonl")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	e, err := rules.LoadEngine(*bundle)
	if err != nil {
		return err
	}
	if *printBundle || *printSnapshot {
		data, err := json.Marshal(e.Bundle())
		if err != nil {
			return err
		}
		data = append(data, '\n')
		if *printSnapshot {
			// The snapshot recognizes the bytes -print-bundle writes: the
			// wasm core loads it when it is given them.
			if data, err = engine.WriteSnapshot(e.Bundle(), data); err != nil {
				return err
			}
		}
		_, err = stdout.Write(data)
		return err
	}
	if *threshold <= 0 || *threshold > 1 {
		return fmt.Errorf("-threshold %v: want a value in (0,1]", *threshold)
	}
	e.SetThreshold(*threshold)
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	if *jsonl {
		if fs.NArg() > 0 {
			return errors.New("-jsonl reads stdin; give no TEXT argument")
		}
		return scanJSONL(ctx, e, stdin, out)
	}
	var text string
	if fs.NArg() > 0 {
		text = strings.Join(fs.Args(), " ")
	} else {
		data, err := io.ReadAll(stdin)
		if err != nil {
			return fmt.Errorf("reading stdin: %w", err)
		}
		text = string(data)
	}
	if err := checkText(text); err != nil {
		return err
	}
	return printHuman(e, text, out)
}

func checkText(text string) error {
	if !utf8.ValidString(text) {
		return errors.New("input is not valid UTF-8")
	}
	if strings.IndexByte(text, 0) >= 0 {
		return errors.New("input contains a NUL byte")
	}
	return nil
}

func printHuman(e *engine.Engine, text string, w io.Writer) error {
	fs := e.Scan(text)
	if len(fs) == 0 {
		_, err := fmt.Fprintln(w, "no personal data found")
		return err
	}
	conv := engine.NewRuneConverter(text)
	for _, f := range fs {
		start, end := conv.Offset(f.Start), conv.Offset(f.End)
		if _, err := fmt.Fprintf(w, "%-15s %q  [%d:%d] score %.2f %s (%s)\n",
			f.Type, text[f.Start:f.End], start, end, f.Score, f.Severity, f.Rule); err != nil {
			return err
		}
	}
	return nil
}

type inLine struct {
	ID   json.RawMessage `json:"id"`
	Text *string         `json:"text"`
}

type outFinding struct {
	Type  engine.Type `json:"type"`
	Start int         `json:"start"`
	End   int         `json:"end"`
	Text  string      `json:"text"`
	Score float64     `json:"score"`
	Rule  string      `json:"rule"`
}

type outLine struct {
	ID       json.RawMessage `json:"id"`
	Findings []outFinding    `json:"findings"`
}

func scanJSONL(ctx context.Context, e *engine.Engine, r io.Reader, w io.Writer) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	n := 0
	for sc.Scan() {
		n++
		if err := ctx.Err(); err != nil {
			return err
		}
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if !utf8.Valid(line) {
			return fmt.Errorf("line %d: not valid UTF-8", n)
		}
		var in inLine
		if err := json.Unmarshal(line, &in); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		if len(in.ID) == 0 || in.Text == nil {
			return fmt.Errorf(`line %d: want an object with "id" and "text"`, n)
		}
		text := *in.Text
		if err := checkText(text); err != nil {
			return fmt.Errorf("line %d: %w", n, err)
		}
		o := outLine{ID: in.ID, Findings: []outFinding{}}
		conv := engine.NewRuneConverter(text)
		for _, f := range e.Scan(text) {
			o.Findings = append(o.Findings, outFinding{Type: f.Type, Start: conv.Offset(f.Start),
				End: conv.Offset(f.End), Text: text[f.Start:f.End], Score: f.Score, Rule: f.Rule})
		}
		if err := enc.Encode(o); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return fmt.Errorf("line %d: longer than %d bytes", n+1, maxLine)
		}
		return fmt.Errorf("reading stdin: %w", err)
	}
	return nil
}

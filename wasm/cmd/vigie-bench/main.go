// Command vigie-bench times the native engine on the texts given in a JSON
// file ({"name": "text", …}) and prints a JSON object of results in
// microseconds; wasm/bench/bench.mjs runs it so that native and wasm numbers
// come from the same texts in the same run.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"time"

	"vigie/wasm/engine"
	"vigie/wasm/rules"
)

type result struct {
	P50      float64 `json:"p50_us"`
	P95      float64 `json:"p95_us"`
	Iters    int     `json:"iterations"`
	Findings int     `json:"findings"`
}

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "vigie-bench:", err)
		os.Exit(1)
	}
}

func run(args []string, w io.Writer) error {
	fs := flag.NewFlagSet("vigie-bench", flag.ContinueOnError)
	textsPath := fs.String("texts", "", "JSON file of {name: text}")
	iters := fs.Int("n", 500, "iterations per text (fewer for long texts)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	data, err := os.ReadFile(*textsPath)
	if err != nil {
		return err
	}
	var texts map[string]string
	if err := json.Unmarshal(data, &texts); err != nil {
		return fmt.Errorf("%s: %w", *textsPath, err)
	}
	start := time.Now()
	e, err := rules.DefaultEngine()
	if err != nil {
		return err
	}
	e.Scan("warm-up 06 12 34 56 78")
	out := map[string]any{"cold_start_us": float64(time.Since(start).Microseconds())}
	for name, text := range texts {
		n := *iters
		if len(text) > 5000 {
			n = max(n/10, 20)
		}
		out[name] = measure(e, text, n)
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	out["heap_sys_bytes"] = ms.HeapSys
	return json.NewEncoder(w).Encode(out)
}

func measure(e *engine.Engine, text string, n int) result {
	d := make([]float64, n)
	var found int
	for i := range d {
		t := time.Now()
		found = len(e.Scan(text))
		d[i] = float64(time.Since(t).Nanoseconds()) / 1000
	}
	sort.Float64s(d)
	return result{P50: d[n/2], P95: d[n*95/100], Iters: n, Findings: found}
}

package eval

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite ../testdata/golden/*.jsonl from the current vigie-scan -jsonl output")

const goldenDir = "../testdata/golden"

// TestGolden snapshots `vigie-scan -jsonl` on every posts file: the golden
// files are the CLI's exact output, so any change in findings (a rule, a
// score, an offset) shows up in review. Regenerate with
// `go test ./wasm/eval -run TestGolden -update`.
func TestGolden(t *testing.T) {
	if runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("builds and runs the native vigie-scan; not possible under " + runtime.GOOS)
	}
	bin := filepath.Join(t.TempDir(), "vigie-scan")
	build := exec.Command("go", "build", "-o", bin, "vigie/wasm/cmd/vigie-scan")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build vigie-scan: %v\n%s", err, out)
	}
	posts, err := filepath.Glob(filepath.Join(postsDir, "*.jsonl"))
	if err != nil || len(posts) == 0 {
		t.Fatalf("no posts in %s: %v", postsDir, err)
	}
	for _, p := range posts {
		name := filepath.Base(p)
		t.Run(strings.TrimSuffix(name, ".jsonl"), func(t *testing.T) {
			in, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, "-jsonl")
			cmd.Stdin, cmd.Stdout, cmd.Stderr = in, &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("vigie-scan -jsonl < %s: %v\n%s", p, err, stderr.String())
			}
			golden := filepath.Join(goldenDir, name)
			if *update {
				if err := os.WriteFile(golden, stdout.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := stdout.String(); got != string(want) {
				t.Errorf("vigie-scan -jsonl < %s differs from %s (run with -update if the change is intended):\n%s",
					p, golden, lineDiff(got, string(want)))
			}
		})
	}
}

// lineDiff lists the lines that differ, as got/want pairs.
func lineDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	var b strings.Builder
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			b.WriteString("got  " + gl + "\nwant " + wl + "\n")
		}
	}
	return b.String()
}

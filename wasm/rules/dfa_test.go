package rules

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"unicode/utf8"

	"vigie/wasm/dfa"
	"vigie/wasm/engine"
)

// TestAutomataAgreeWithRegexp runs every rule's pattern anchored at each
// word start of the development posts and of the rules' own examples, with
// the engine's automaton and with Go's regexp, and wants the same match end.
func TestAutomataAgreeWithRegexp(t *testing.T) {
	data, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := engine.ParseBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	texts := corpusTexts(t)
	for _, r := range b.Rules {
		for _, ex := range r.Examples.Positive {
			texts = append(texts, ex.Text)
		}
		texts = append(texts, r.Examples.Negative...)
	}
	const window = 160 // longer than most values; the automaton has no limit
	for _, r := range b.Rules {
		src := `^(?:` + r.Pattern + `)`
		re := regexp.MustCompile(src)
		d, err := dfa.Compile(src)
		if err != nil {
			t.Fatalf("%s: %v", r.ID, err)
		}
		runs := 0
		for _, text := range texts {
			for p := 0; p < len(text); p++ {
				if !utf8.RuneStart(text[p]) || p > 0 && isWordByte(text[p-1]) {
					continue
				}
				s := text[p:min(len(text), p+window)]
				want := -1
				if m := re.FindStringIndex(s); m != nil {
					want = m[1]
				}
				if got := d.MatchEnd(s); got != want {
					t.Errorf("%s at %q: automaton ends at %d, regexp at %d", r.ID, s, got, want)
				}
				runs++
			}
		}
		if runs == 0 {
			t.Fatalf("%s: nothing to compare", r.ID)
		}
	}
}

func isWordByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// corpusTexts reads the development posts (wasm/testdata/posts).
func corpusTexts(t *testing.T) []string {
	files, err := filepath.Glob("../testdata/posts/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no development posts: %v", err)
	}
	var texts []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var post struct{ Text string }
			if err := json.Unmarshal(sc.Bytes(), &post); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			texts = append(texts, post.Text)
		}
		fh.Close()
	}
	return texts
}

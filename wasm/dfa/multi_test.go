package dfa

import (
	"regexp"
	"regexp/syntax"
	"testing"
)

// checkMulti runs patterns together and compares each pattern's end with
// Go's regexp on every input, twice (the second time from the cache).
func checkMulti(t testing.TB, maxBytes int, patterns []string, inputs ...string) {
	t.Helper()
	var res []*regexp.Regexp
	var progs []*DFA
	for _, p := range patterns {
		re, d := compileBoth(t, `^(?:`+p+`)`)
		res, progs = append(res, re), append(progs, d)
	}
	m := NewMulti(progsOf(progs), maxBytes)
	ends := make([]int, len(patterns))
	for range 2 {
		for _, s := range inputs {
			found := m.Ends(s, ends)
			for k, re := range res {
				w := want(t, re, s)
				if found&(1<<k) == 0 {
					ends[k] = -1 // left as it was
				}
				if ends[k] != w {
					t.Errorf("%s on %q together: end %d, regexp %d", patterns[k], s, ends[k], w)
				}
			}
		}
	}
}

func progsOf(ds []*DFA) []*syntax.Prog {
	out := make([]*syntax.Prog, len(ds))
	for i, d := range ds {
		out[i] = d.Prog()
	}
	return out
}

func TestEndsAsRegexp(t *testing.T) {
	patterns := []string{
		`a|ab`, `\d|1\d`, `ab|a`, `a*?b?`, `a+`, `\d{2}(?: ?\d{2}){4}`, `\d+\b`, `\w+\B`,
		`(?i)rue|avenue`, `(?i)k`, `\p{L}+`, `[^\n]+$`, `(?m)[^\n]+$`, `.+`,
		`(?s).+`, `(?P<v>\d+)-x`, `x\b`, `(?:a|b)*c|a`, `^x`, `\d{4}`,
	}
	inputs := []string{
		"ab", "a", "b", "", "ac", "aab", "aaa", "baa", "06 12 34 56 78",
		"0612345678x", "06 12 34 56", "123", "123a", "123 ", "12-3", "abc",
		"ab c", "RUE", "Avenue", "ave", "\u212a", "K", "k", "Éloïse est", "ß",
		"1", "line", "line\nnext", "x", "a\nb", "😊😊", "12-x", "12-y", "xé",
		"x_", "ababc", "abab", "1234 5678", "12",
	}
	checkMulti(t, DefaultMaxBytes, patterns, inputs...)
	// A cache of a few states is emptied in the middle of runs.
	checkMulti(t, 600, patterns, inputs...)
}

func FuzzEnds(f *testing.F) {
	f.Add(`\d{2}(?:[ .-]?\d{2}){4}\b`, `\d+`, "06.12.34.56.78 ok")
	f.Add(`(?i)rue|av`, `a|ab|abc`, "abc")
	f.Add(`(?m)^\w+$`, `\w+\b`, "ab\ncd")
	f.Fuzz(func(t *testing.T, p1, p2, s string) {
		var patterns []string
		for _, p := range []string{p1, p2, p1 + `|` + p2} {
			src := `^(?:` + p + `)`
			if len(src) > 200 || progSize(p) == 0 || progSize(src) > 1000 {
				return // as in FuzzMatchEnd
			}
			if _, err := regexp.Compile(src); err != nil {
				return
			}
			patterns = append(patterns, p)
		}
		checkMulti(t, 2000, patterns, s)
	})
}

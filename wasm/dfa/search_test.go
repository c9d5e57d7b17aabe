package dfa

import (
	"regexp"
	"testing"
	"unicode/utf8"
)

// firstEndBrute returns the smallest offset e of s such that some pattern
// matches all of s[i:e] for some i ≤ e, or -1.
func firstEndBrute(res []*regexp.Regexp, s string) int {
	for e := 0; e <= len(s); e++ {
		if e < len(s) && !utf8.RuneStart(s[e]) {
			continue
		}
		for i := 0; i <= e; i++ {
			if i < len(s) && !utf8.RuneStart(s[i]) {
				continue
			}
			for _, re := range res {
				if re.MatchString(s[i:e]) {
					return e
				}
			}
		}
	}
	return -1
}

// checkSearch compares FirstEnd with firstEndBrute for patterns without
// zero-width assertions, and, for any pattern, checks that no anchored
// match at any offset ends before FirstEnd.
func checkSearch(t testing.TB, maxBytes int, patterns []string, exact bool, inputs ...string) {
	t.Helper()
	var whole, anchored []*regexp.Regexp
	var ds []*DFA
	for _, p := range patterns {
		whole = append(whole, regexp.MustCompile(`\A(?:`+p+`)\z`))
		re, d := compileBoth(t, `^(?:`+p+`)`)
		anchored, ds = append(anchored, re), append(ds, d)
	}
	d := NewSearch(progsOf(ds), maxBytes)
	for range 2 {
		for _, s := range inputs {
			got := d.FirstEnd(s)
			if exact {
				if w := firstEndBrute(whole, s); got != w {
					t.Errorf("%q on %q: first end %d, want %d", patterns, s, got, w)
				}
				continue
			}
			for i := range s {
				for k, re := range anchored {
					if m := re.FindStringIndex(s[i:]); m != nil && (got < 0 || i+m[1] < got) {
						t.Errorf("%s matches %q at %d to %d, before first end %d", patterns[k], s, i, i+m[1], got)
					}
				}
			}
		}
	}
}

func TestFirstEnd(t *testing.T) {
	inputs := []string{
		"", "a", "ab", "xxab", "a@b.a@b.a@b.", "mail x.y@ex.com now", "06 12 34 56 78",
		"tel 0612345678", "aaa", "é@é.fr", "😊 12", "b.a@b.aa",
	}
	exact := [][]string{
		{`ab`}, {`b|ab`}, {`a+`}, {`\d{2}(?: \d{2}){4}`, `x`},
		{`[a-z0-9.]+@[a-z]+(?:\.[a-z]{2,})+`}, {`\p{L}@`}, {`(?:a|b)*c`, `zz`}, {`a*`},
	}
	for _, ps := range exact {
		checkSearch(t, DefaultMaxBytes, ps, true, inputs...)
		checkSearch(t, 600, ps, true, inputs...) // the cache is emptied in runs
	}
	// With assertions, FirstEnd may say a match ends earlier than any does,
	// never later.
	checkSearch(t, DefaultMaxBytes, []string{`\bab\b`, `^\d+$`, `x\B`, `(?m)^a`}, false, inputs...)
}

func FuzzFirstEnd(f *testing.F) {
	f.Add(`\d{2}(?:[ .-]?\d{2}){4}\b`, `x`, "06.12.34.56.78 ok")
	f.Add(`(?i)[a-z]+@[a-z]+\.[a-z]{2,}`, `\bab`, "a@b.a@b.ab")
	f.Fuzz(func(t *testing.T, p1, p2, s string) {
		if len(s) > 64 {
			return // the check is quadratic
		}
		for _, p := range []string{p1, p2} {
			src := `^(?:` + p + `)`
			if len(src) > 200 || progSize(p) == 0 || progSize(src) > 1000 {
				return // as in FuzzMatchEnd
			}
			if _, err := regexp.Compile(src); err != nil {
				return
			}
		}
		checkSearch(t, 2000, []string{p1, p2}, false, s)
	})
}

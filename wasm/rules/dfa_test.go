package rules

import (
	"regexp"
	"testing"
	"unicode/utf8"

	"vigie/wasm/dfa"
)

// TestAutomataAgreeWithRegexp runs every rule's pattern anchored at each
// word start of the development posts and of the rules' own examples, with
// the engine's automaton and with Go's regexp, and wants the same match end.
func TestAutomataAgreeWithRegexp(t *testing.T) {
	b := defaultBundle(t)
	texts := corpus(t, b)
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

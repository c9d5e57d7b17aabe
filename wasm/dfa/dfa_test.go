package dfa

import (
	"regexp"
	"regexp/syntax"
	"testing"
)

// progSize is the number of instructions src compiles to, or 0.
func progSize(src string) int {
	re, err := syntax.Parse(src, syntax.Perl)
	if err != nil {
		return 0
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return 0
	}
	return len(prog.Inst)
}

// want is what Go's regexp finds: the end of the match at the start of s.
func want(t testing.TB, re *regexp.Regexp, s string) int {
	t.Helper()
	m := re.FindStringIndex(s)
	if m == nil {
		return -1
	}
	if m[0] != 0 {
		t.Fatalf("%s matched %q at %d, not anchored", re, s, m[0])
	}
	return m[1]
}

// compileBoth compiles src with Go's regexp and as an automaton.
func compileBoth(t testing.TB, src string) (*regexp.Regexp, *DFA) {
	t.Helper()
	re, err := regexp.Compile(src)
	if err != nil {
		t.Fatal(err)
	}
	d, err := Compile(src)
	if err != nil {
		t.Fatal(err)
	}
	return re, d
}

func check(t testing.TB, pattern string, inputs ...string) {
	t.Helper()
	re, d := compileBoth(t, `^(?:`+pattern+`)`)
	for range 2 { // the second time from the cache
		for _, s := range inputs {
			if got, w := d.MatchEnd(s), want(t, re, s); got != w {
				t.Errorf("%s on %q: MatchEnd = %d, regexp = %d", pattern, s, got, w)
			}
		}
	}
}

func TestMatchEndAsRegexp(t *testing.T) {
	tests := []struct {
		pattern string
		inputs  []string
	}{
		{`a|ab`, []string{"ab", "a", "b", ""}}, // leftmost-first, not longest
		{`\d|1\d`, []string{"12", "2"}},        // threads after a match are dropped
		{`ab|a`, []string{"ab", "a", "ac"}},    // first alternative wins
		{`a*?b?`, []string{"aab", "b", ""}},    // lazy
		{`a+`, []string{"aaa", "aab", "baa"}},  // greedy
		{`\d{2}(?: ?\d{2}){4}`, []string{"06 12 34 56 78", "0612345678x", "06 12 34 56"}},
		{`\d+\b`, []string{"123", "123a", "123 ", "12-3"}},   // ASCII word boundary
		{`\w+\B`, []string{"abc", "ab c"}},                   // not a boundary
		{`(?i)rue|avenue`, []string{"RUE", "Avenue", "ave"}}, // case folding
		{`(?i)k`, []string{"\u212a", "K", "k"}},              // Kelvin sign folds to k
		{`\p{L}+`, []string{"Éloïse est", "ß", "1"}},         // Unicode classes
		{`[^\n]+$`, []string{"line", "line\nnext"}},          // end of text only
		{`(?m)[^\n]+$`, []string{"line\nnext", "x"}},         // end of line
		{`.+`, []string{"a\nb", "😊😊"}},                       // dot stops at newline
		{`(?s).+`, []string{"a\nb"}},                         // unless s
		{`(?P<v>\d+)-x`, []string{"12-x", "12-y"}},           // captures ignored
		{`x\b`, []string{"x", "xé", "x_"}},                   // é is not a word char for \b
		{`(?:a|b)*c|a`, []string{"ababc", "abab", "a"}},      // backtracking across alternatives
		{`^x`, []string{"x"}},                                // redundant anchor
	}
	for _, tc := range tests {
		check(t, tc.pattern, tc.inputs...)
	}
}

// TestCacheReset runs with a tiny cache so that it is emptied mid-run.
func TestCacheReset(t *testing.T) {
	re := regexp.MustCompile(`^(?:(?:[a-z]\d)+z)`)
	d, err := Compile(`^(?:(?:[a-z]\d)+z)`)
	if err != nil {
		t.Fatal(err)
	}
	d.maxBytes = 300 // a few states
	for _, s := range []string{"a1b2c3z", "a1b2c3", "a1b2c3zz", "a1bz"} {
		if got, w := d.MatchEnd(s), want(t, re, s); got != w {
			t.Errorf("%q: MatchEnd = %d, regexp = %d", s, got, w)
		}
	}
	if _, size := d.Size(); size > 300+200 {
		t.Errorf("states hold %d bytes, limit 300 (+ the last state)", size)
	}
}

func FuzzMatchEnd(f *testing.F) {
	f.Add(`\d{2}(?:[ .-]?\d{2}){4}\b`, "06.12.34.56.78 ok")
	f.Add(`(?i)(?:rue|av(?:enue)?\.?)\s+\p{L}+`, "AV. Foch")
	f.Add(`a|ab|abc`, "abc")
	f.Add(`(?m)^\w+$`, "ab\ncd")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		src := `^(?:` + pattern + `)`
		if len(src) > 200 || progSize(pattern) == 0 || progSize(src) > 1000 {
			// A pattern that does not parse alone can break out of the
			// anchor; large counted repetitions make both sides slow.
			return
		}
		re, err := regexp.Compile(src)
		if err != nil {
			return
		}
		d, err := Compile(src)
		if err != nil {
			t.Fatalf("regexp compiles %q, dfa does not: %v", src, err)
		}
		d.maxBytes = 2000 // exercise resets too
		if got, w := d.MatchEnd(s), want(t, re, s); got != w {
			t.Fatalf("%q on %q: MatchEnd = %d, regexp = %d", src, s, got, w)
		}
	})
}

// checkSubmatch compares Submatch with regexp for every group of pattern.
func checkSubmatch(t testing.TB, src, s string) {
	t.Helper()
	re, d := compileBoth(t, src)
	m := re.FindStringSubmatchIndex(s)
	for n := 1; n <= re.NumSubexp(); n++ {
		ws, we := -1, -1
		if m != nil && m[0] == 0 {
			ws, we = m[2*n], m[2*n+1]
		}
		if gs, ge := d.Submatch(s, d.MatchEnd(s), n); gs != ws || ge != we {
			t.Errorf("%s on %q, group %d: Submatch = %d,%d, regexp = %d,%d", src, s, n, gs, ge, ws, we)
		}
	}
}

func TestSubmatchAsRegexp(t *testing.T) {
	tests := []struct{ pattern, s string }{
		{`^(?:(?P<v>\d+)-x)`, "12-x"},
		{`^(?:(?P<v>\d+)-x)`, "12-y"},
		{`^(?:nom\s*:\s*(?P<v>\p{Lu}\p{Ll}+(?: \p{Lu}\p{Ll}+)*?)(?:\s|$))`, "nom : Marie Dupont est"},
		{`^(?:(?i)(?P<v>\d{1,4},?\s+rue(?:\s+\p{L}+)*?)(?:\s*$|\s+(?:et|à)\b))`, "12 rue des Lilas et"},
		{`^(?:(a|ab)(c|bcd)(d*))`, "abcd"},
		{`^(?:(a*)*b)`, "aab"},
		{`^(?:(x)?y)`, "y"},
		{`^(?:(é+)\b)`, "éé"},
		// Cut after the match's next rune, "aa" would let the first
		// alternative end at the cut: the match ends at 1, not there.
		{`^(?:(a+)\b|(a))`, "aaab"},
		// Branches skipped on their first rune (see subInst): through a
		// capture, case-folded, an empty branch, at the end of input.
		{`^(?:(?i)(?:x|(?P<v>B)c|bd))`, "bD"},
		{`^(?:(a|)b)`, "b"},
		{`^(?:(a|b)?)`, ""},
	}
	for _, tc := range tests {
		checkSubmatch(t, tc.pattern, tc.s)
	}
}

func FuzzSubmatch(f *testing.F) {
	f.Add(`(\d+)-(\w+)?`, "12-ab")
	f.Add(`(?i)(?P<v>[a-z]+?)(\s|$)`, "Ab cd")
	f.Add(`((a|ab)(c|bcd))(d*)`, "abcd")
	f.Fuzz(func(t *testing.T, pattern, s string) {
		src := `^(?:` + pattern + `)`
		if len(src) > 200 || progSize(pattern) == 0 || progSize(src) > 1000 {
			return // as in FuzzMatchEnd
		}
		if _, err := regexp.Compile(src); err != nil {
			return
		}
		checkSubmatch(t, src, s)
	})
}

// TestManyRunesBounded feeds thousands of distinct non-ASCII letters: the
// class map counts in the memory bound too.
func TestManyRunesBounded(t *testing.T) {
	d, err := Compile(`^(?:\p{L}+)`)
	if err != nil {
		t.Fatal(err)
	}
	d.maxBytes = 4096
	var b []rune
	for r := rune(0x4E00); r < 0x4E00+5000; r++ {
		b = append(b, r)
	}
	s := string(b)
	if got := d.MatchEnd(s); got != len(s) {
		t.Fatalf("MatchEnd = %d, want %d", got, len(s))
	}
	if _, size := d.Size(); size > 4096+300 {
		t.Errorf("holds %d bytes after 5000 distinct runes, limit 4096", size)
	}
}

// TestStateIndex: intern finds every state again by its threads, through
// the index table's growth, and a reset leaves nothing of the old states
// reachable from the states array.
func TestStateIndex(t *testing.T) {
	d, err := Compile(`a{1,300}b`)
	if err != nil {
		t.Fatal(err)
	}
	const n = 200
	first := make([]int32, n)
	for pc := range uint32(n) {
		first[pc] = d.intern([]uint32{pc, pc + 1, pc}, afterWord)
	}
	for pc := range uint32(n) {
		if si := d.intern([]uint32{pc, pc + 1}, afterWord); si != first[pc] {
			t.Fatalf("threads %d,%d: state %d, then %d", pc, pc+1, first[pc], si)
		}
		if got := d.decode(d.states[first[pc]].key); len(got) != 2 || got[0] != pc || got[1] != pc+1 {
			t.Fatalf("state %d holds threads %v, want [%d %d]", first[pc], got, pc, pc+1)
		}
	}
	if len(d.index) < 2*len(d.states) {
		t.Errorf("index has %d slots for %d states: more than half full", len(d.index), len(d.states))
	}
	d.reset()
	for i, st := range d.states[len(d.states):cap(d.states)] {
		if st.key != "" || st.next != nil {
			t.Fatalf("state %d still referenced after reset", len(d.states)+i)
		}
	}
	if si := d.intern([]uint32{5, 6}, afterWord); int(si) != len(d.states)-1 {
		t.Errorf("after reset, a state is found that should be new (%d of %d)", si, len(d.states))
	}
}

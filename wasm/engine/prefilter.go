package engine

import (
	"errors"
	"regexp/syntax"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// patternInfo is what the engine learns from a pattern's syntax tree before
// ever running it: enough to skip most windows without running the pattern.
type patternInfo struct {
	minDigits  int     // ASCII digits any match must contain
	minLetters int     // ASCII letters any match must contain
	first      byteSet // bytes a match can start with
	maxLen     int     // longest match in bytes, or unbounded
	valueIdx   int     // submatch index of the group named "v", or 0
	// tokenDigit: every match's first alphanumeric token holds a digit.
	tokenDigit bool
	// minToken: the shortest run of letters and digits a match starts with.
	minToken int
	// required: runes every match contains.
	required string
	// tree is the parsed pattern, kept until the rule's automaton is
	// built from it (see matcher), so that a pattern is parsed once.
	tree *syntax.Regexp
}

// analyze parses pattern once, refuses patterns that are too large or can
// match the empty string, and derives the prefilters.
func analyze(pattern string) (patternInfo, error) {
	var pi patternInfo
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return pi, err
	}
	if bad := bigRepeat(re); bad != nil {
		return pi, errors.New("counted repetition " + bad.String() + " allows more than " +
			strconv.Itoa(maxRepeat) + " copies: use + or * and check the length in a validator")
	}
	if n := progSize(re); n > maxProgInst {
		return pi, errors.New("pattern compiles to about " + strconv.Itoa(n) + " instructions, more than " +
			strconv.Itoa(maxProgInst) + ": split the rule or simplify it")
	}
	first, nullable := first(re)
	if nullable {
		return pi, errors.New("pattern matches the empty string")
	}
	pi.first = first
	pi.minDigits = countNeeded(re, isDigitRune)
	pi.minLetters = countNeeded(re, isLetterRune)
	pi.maxLen = longest(re)
	pi.valueIdx = captureIndex(re, "v")
	if wholeValue(re) {
		pi.valueIdx = 0 // the value is the match: no submatch to compute
	}
	pi.tokenDigit = firstTokenNeedsDigit(re)
	pi.minToken = minFirstToken(re)
	for _, r := range requiredRunes(re) {
		if !strings.ContainsRune(pi.required, r) {
			pi.required += string(r)
		}
	}
	pi.tree = re
	return pi, nil
}

// wholeValue reports whether the group named "v" spans every match: it is
// the whole pattern, or followed only by zero-width assertions.
func wholeValue(re *syntax.Regexp) bool {
	isValue := func(re *syntax.Regexp) bool { return re.Op == syntax.OpCapture && re.Name == "v" }
	if isValue(re) {
		return true
	}
	if re.Op != syntax.OpConcat || len(re.Sub) == 0 || !isValue(re.Sub[0]) {
		return false
	}
	for _, s := range re.Sub[1:] {
		switch s.Op {
		case syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
			syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpEmptyMatch:
		default:
			return false
		}
	}
	return true
}

func captureIndex(re *syntax.Regexp, name string) int {
	if re.Op == syntax.OpCapture && re.Name == name {
		return re.Cap
	}
	for _, s := range re.Sub {
		if i := captureIndex(s, name); i > 0 {
			return i
		}
	}
	return 0
}

// progSize estimates the number of instructions regexp compiles re to,
// counting the copies a counted repetition expands into.
func progSize(re *syntax.Regexp) int {
	sub := 0
	for _, s := range re.Sub {
		sub += progSize(s)
	}
	switch re.Op {
	case syntax.OpLiteral:
		return len(re.Rune)
	case syntax.OpRepeat:
		if re.Max < 0 {
			return re.Min*sub + sub + 1
		}
		return re.Min*sub + (re.Max-re.Min)*(sub+1)
	case syntax.OpAlternate, syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpCapture:
		return sub + len(re.Sub) + 1
	default:
		return sub + 1
	}
}

// countNeeded returns how many runes of a kind (ASCII digits, ASCII
// letters) any match of re must contain. Windows holding fewer are skipped
// without running the pattern: most digit clusters in a post are times,
// prices and years that no rule can match, and digit soup has no letters.
func countNeeded(re *syntax.Regexp, kind func(rune) bool) int {
	switch re.Op {
	case syntax.OpLiteral: // case folding keeps a letter a letter
		n := 0
		for _, r := range re.Rune {
			if kind(r) {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		if classOf(re.Rune, kind) {
			return 1
		}
		return 0
	case syntax.OpCapture, syntax.OpPlus:
		return countNeeded(re.Sub[0], kind)
	case syntax.OpRepeat:
		return re.Min * countNeeded(re.Sub[0], kind)
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n += countNeeded(s, kind)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, s := range re.Sub {
			if d := countNeeded(s, kind); n < 0 || d < n {
				n = d
			}
		}
		return max(n, 0)
	default:
		return 0
	}
}

func isDigitRune(r rune) bool  { return '0' <= r && r <= '9' }
func isLetterRune(r rune) bool { return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' }

// classOf reports whether every rune of a character class (pairs of
// inclusive ranges) is of the kind, fold artifacts aside.
func classOf(ranges []rune, kind func(rune) bool) bool {
	if len(ranges) == 0 {
		return false
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		if foldArtifact(ranges[i], ranges[i+1]) {
			continue
		}
		if ranges[i+1] >= 0x80 { // both kinds are ASCII
			return false
		}
		for r := ranges[i]; r <= ranges[i+1]; r++ {
			if !kind(r) {
				return false
			}
		}
	}
	return true
}

// byteSet is the set of bytes a match may start with, plus, in its last
// word, the second bytes it may go on with after a 0xC3 lead: the
// Latin-1 letters (À–ÿ) all start with 0xC3, and telling "É" from "é" saves
// a pattern run at every "à" and "é" of a French text when the pattern wants
// a capital.
type byteSet [5]uint64

const latin1Lead = 0xC3

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) union(o byteSet) {
	for i := range s {
		s[i] |= o[i]
	}
}

// startsAt reports whether a match may start at text[p], by its first byte
// and, after a 0xC3 lead, its second.
func (s *byteSet) startsAt(text string, p int) bool {
	b := text[p]
	return s.has(b) && (b != latin1Lead || p+1 >= len(text) || s[4]&(1<<(text[p+1]&63)) != 0)
}

// addRange adds the runes lo to hi: ASCII bytes, the lead bytes of the
// other runes (UTF-8 leads grow with the code point, so those of a range
// are the bytes from lo's lead to hi's) and the second bytes of its
// Latin-1 letters.
func (s *byteSet) addRange(lo, hi rune) {
	for r := max(lo, 0); r <= hi && r < 0x80; r++ {
		s.add(byte(r))
	}
	if hi < 0x80 {
		return
	}
	for b := leadByte(max(lo, 0x80)); b <= leadByte(min(hi, unicode.MaxRune)); b++ {
		s.add(b)
	}
	for r := max(lo, 0xC0); r <= min(hi, 0xFF); r++ {
		s[4] |= 1 << (r & 63)
	}
	if lo <= utf8.RuneError && utf8.RuneError <= hi {
		// An invalid byte reads as U+FFFD, wherever it is.
		for b := 0x80; b <= 0xFF; b++ {
			s.add(byte(b))
		}
		s[4] = ^uint64(0)
	}
}

// leadByte returns the first byte of r's UTF-8 form, r being 0x80 or more;
// surrogates get the lead their code point would have (0xED), which only
// widens a set.
func leadByte(r rune) byte {
	switch {
	case r < 0x800:
		return byte(0xC0 | r>>6)
	case r < 0x10000:
		return byte(0xE0 | r>>12)
	}
	return byte(0xF0 | r>>18)
}

// first returns the first-byte set of re and whether re can match empty.
func first(re *syntax.Regexp) (byteSet, bool) {
	var s byteSet
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return s, true
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return s, true
		}
		r := re.Rune[0]
		s.addRange(r, r)
		if re.Flags&syntax.FoldCase != 0 {
			for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
				if !foldArtifact(f, f) {
					s.addRange(f, f)
				}
			}
		}
		return s, false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if !foldArtifact(re.Rune[i], re.Rune[i+1]) {
				s.addRange(re.Rune[i], re.Rune[i+1])
			}
		}
		return s, false
	case syntax.OpCapture, syntax.OpPlus:
		return first(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		s, _ = first(re.Sub[0])
		return s, true
	case syntax.OpRepeat:
		s, n := first(re.Sub[0])
		return s, n || re.Min == 0
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			f, n := first(sub)
			s.union(f)
			if !n {
				return s, false
			}
		}
		return s, true
	case syntax.OpAlternate:
		nullable := false
		for _, sub := range re.Sub {
			f, n := first(sub)
			s.union(f)
			nullable = nullable || n
		}
		return s, nullable
	default: // any character
		for i := range s {
			s[i] = ^uint64(0)
		}
		return s, false
	}
}

// unbounded marks a pattern whose matches have no length limit.
const unbounded = -1

// longest returns the longest match of re in bytes, or unbounded. The
// anchored pattern then runs on that many bytes only, and the digit and
// letter counts are checked over that span.
func longest(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += runeBytes(r)
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) == 0 {
			return 0
		}
		return runeBytes(re.Rune[len(re.Rune)-1])
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return 4
	case syntax.OpCapture:
		return longest(re.Sub[0])
	case syntax.OpQuest:
		return longest(re.Sub[0])
	case syntax.OpRepeat:
		if re.Max < 0 {
			return unbounded
		}
		n := longest(re.Sub[0])
		if n == unbounded {
			return unbounded
		}
		return n * re.Max
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			n := longest(s)
			if n == unbounded {
				return unbounded
			}
			total += n
		}
		return total
	case syntax.OpAlternate:
		m := 0
		for _, s := range re.Sub {
			n := longest(s)
			if n == unbounded {
				return unbounded
			}
			m = max(m, n)
		}
		return m
	default: // star, plus
		return unbounded
	}
}

func runeBytes(r rune) int {
	switch {
	case r < 0x80:
		return 1
	case r < 0x800:
		return 2
	case r < 0x10000:
		return 3
	default:
		return 4
	}
}

// Limits on a pattern's size. regexp/syntax expands a counted repetition
// x{n,m} into m copies of x, so {8,1000} makes a program that is slow to
// compile, makes large automaton states and, in WebAssembly, is deep enough
// to overflow the JavaScript stack. Long values take + and a validator for
// their length.
const (
	maxRepeat   = 64
	maxProgInst = 3000
)

func bigRepeat(re *syntax.Regexp) *syntax.Regexp {
	if re.Op == syntax.OpRepeat && (re.Max > maxRepeat || re.Max < 0 && re.Min > maxRepeat) {
		return re
	}
	for _, s := range re.Sub {
		if bad := bigRepeat(s); bad != nil {
			return bad
		}
	}
	return nil
}

// First-token analysis. Many rules (codice fiscale, IBAN, phone numbers,
// most ids) can only match when the first alphanumeric token of the match
// holds a digit; windows are full of words that start nowhere near one. The
// analysis runs a four-state automaton over the syntax tree: E (no letter or
// digit yet), L (letters only so far in the first token), D (the first token
// holds a digit: fine) and X (the first token ended with letters only).
const (
	tokE uint8 = 1 << iota
	tokL
	tokD
	tokX
)

// firstTokenNeedsDigit reports whether every match's first alphanumeric
// token contains an ASCII digit.
func firstTokenNeedsDigit(re *syntax.Regexp) bool {
	end := tokStep(re, tokE)
	return end&(tokX|tokL|tokE) == 0
}

// tokStep returns the states reachable after re from the states in set.
func tokStep(re *syntax.Regexp, set uint8) uint8 {
	switch re.Op {
	case syntax.OpLiteral:
		for _, r := range re.Rune {
			set = tokRune(set, r, r)
		}
		return set
	case syntax.OpCharClass:
		// The move is the same for every rune of a kind: gather the
		// kinds (a Unicode class has hundreds of ranges), then move once.
		var k tokKinds
		for i := 0; i+1 < len(re.Rune) && !k.all(); i += 2 {
			k = k.or(kindsIn(re.Rune[i], re.Rune[i+1]))
		}
		if len(re.Rune) == 0 {
			return 0
		}
		return tokMove(set, k)
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return tokRune(set, 0, unicode.MaxRune)
	case syntax.OpCapture:
		return tokStep(re.Sub[0], set)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			set = tokStep(s, set)
		}
		return set
	case syntax.OpAlternate:
		out := uint8(0)
		for _, s := range re.Sub {
			out |= tokStep(s, set)
		}
		return out
	case syntax.OpQuest:
		return set | tokStep(re.Sub[0], set)
	case syntax.OpStar, syntax.OpPlus, syntax.OpRepeat:
		// Fixpoint: four states, so a few rounds suffice.
		reach := set
		if re.Op == syntax.OpPlus || re.Op == syntax.OpRepeat && re.Min > 0 {
			reach = tokStep(re.Sub[0], set)
			if re.Op == syntax.OpRepeat {
				for i := 1; i < min(re.Min, 4); i++ {
					reach = tokStep(re.Sub[0], reach)
				}
			}
		}
		for {
			next := reach | tokStep(re.Sub[0], reach)
			if next == reach {
				break
			}
			reach = next
		}
		if re.Op == syntax.OpStar || re.Op == syntax.OpRepeat && re.Min == 0 {
			reach |= set
		}
		return reach
	default: // empty-width assertions and empty matches consume nothing
		return set
	}
}

// tokRune advances the states over any rune in [lo, hi].
func tokRune(set uint8, lo, hi rune) uint8 { return tokMove(set, kindsIn(lo, hi)) }

// tokKinds says which kinds of rune a range holds, as far as tokens go.
type tokKinds struct{ digit, letter, other bool }

// kindsIn classifies [lo, hi]. Runes outside ASCII count as letters: the
// scan-time check skips them like punctuation, so at worst a pattern is
// tried where it could not match.
func kindsIn(lo, hi rune) tokKinds {
	return tokKinds{
		digit:  lo <= '9' && hi >= '0',
		letter: lo <= 'z' && hi >= 'A' && !(hi < 'a' && lo > 'Z') || hi >= 0x80,
		other:  lo < '0' || lo <= '@' && hi >= ':' || lo <= '`' && hi >= '[' || lo <= 0x7f && hi > 'z',
	}
}

func (k tokKinds) or(o tokKinds) tokKinds {
	return tokKinds{k.digit || o.digit, k.letter || o.letter, k.other || o.other}
}

func (k tokKinds) all() bool { return k.digit && k.letter && k.other }

// tokMove advances the states over one rune of any of the kinds k.
func tokMove(set uint8, k tokKinds) uint8 {
	out := uint8(0)
	// From E and from L, a digit makes D and a letter L; anything else
	// keeps E (no token yet) or ends the token without a digit (X).
	for _, from := range [...]struct{ state, onOther uint8 }{{tokE, tokE}, {tokL, tokX}} {
		if set&from.state == 0 {
			continue
		}
		if k.digit {
			out |= tokD
		}
		if k.letter {
			out |= tokL
		}
		if k.other {
			out |= from.onOther
		}
	}
	return out | set&(tokD|tokX)
}

// foldArtifact reports runes that case folding adds to ASCII letter classes
// (U+017F long s for s, U+212A Kelvin sign for k, U+2126 ohm sign for ω): (?i)[a-z] technically matches them, but no
// identifier starts with one, and counting them would make every non-ASCII
// byte a possible start.
func foldArtifact(lo, hi rune) bool {
	return lo == hi && (lo == '\u017F' || lo == '\u212A' || lo == '\u2126')
}

// minFirstToken returns a lower bound on the length of the run of ASCII
// letters and digits a match starts with (0 when it may start with anything
// else). The codice fiscale, for one, is a single 16-character token.
func minFirstToken(re *syntax.Regexp) int {
	n, _ := tokenPrefix(re)
	return n
}

// tokenPrefix returns the minimal alphanumeric length re contributes to the
// first token and whether the token surely continues after it (re consumed
// only ASCII letters and digits, at least as many as counted).
func tokenPrefix(re *syntax.Regexp) (int, bool) {
	switch re.Op {
	case syntax.OpWordBoundary, syntax.OpBeginText, syntax.OpBeginLine:
		return 0, true
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			if r >= 0x80 || !isAlnum(byte(r)) {
				return n, false
			}
			n++
		}
		return n, true
	case syntax.OpCharClass:
		if alnumClass(re.Rune) {
			return 1, true
		}
		return 0, false
	case syntax.OpCapture:
		return tokenPrefix(re.Sub[0])
	case syntax.OpPlus:
		n, _ := tokenPrefix(re.Sub[0])
		return n, false
	case syntax.OpRepeat:
		n, ok := tokenPrefix(re.Sub[0])
		if !ok || re.Min == 0 {
			return 0, false
		}
		return n * re.Min, re.Min == re.Max
	case syntax.OpConcat:
		total := 0
		for _, s := range re.Sub {
			n, ok := tokenPrefix(s)
			total += n
			if !ok {
				return total, false
			}
		}
		return total, true
	default:
		return 0, false
	}
}

// alnumClass reports whether a class holds only ASCII letters and digits
// (fold artifacts aside).
func alnumClass(ranges []rune) bool {
	if len(ranges) == 0 {
		return false
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		lo, hi := ranges[i], ranges[i+1]
		if foldArtifact(lo, hi) {
			continue
		}
		if hi >= 0x80 || lo < '0' || lo <= '@' && hi >= ':' || lo <= '`' && hi >= '[' || hi > 'z' {
			return false
		}
	}
	return true
}

// requiredRunes returns runes outside ASCII letters and digits that every
// match contains (':' for IPv6, '°' for degrees, '@' for e-mail): a window
// without them cannot match.
func requiredRunes(re *syntax.Regexp) []rune {
	switch re.Op {
	case syntax.OpLiteral:
		var out []rune
		for _, r := range re.Rune {
			caseless := re.Flags&syntax.FoldCase == 0 || unicode.SimpleFold(r) == r
			if caseless && r != ' ' && (r >= 0x80 || !isAlnum(byte(r))) {
				out = append(out, r)
			}
		}
		return out
	case syntax.OpCharClass:
		if len(re.Rune) == 2 && re.Rune[0] == re.Rune[1] && re.Rune[0] != ' ' &&
			(re.Rune[0] >= 0x80 || !isAlnum(byte(re.Rune[0]))) {
			return []rune{re.Rune[0]}
		}
		return nil
	case syntax.OpCapture, syntax.OpPlus:
		return requiredRunes(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil
		}
		return requiredRunes(re.Sub[0])
	case syntax.OpConcat:
		var out []rune
		for _, s := range re.Sub {
			out = append(out, requiredRunes(s)...)
		}
		return out
	case syntax.OpAlternate:
		common := requiredRunes(re.Sub[0])
		for _, s := range re.Sub[1:] {
			other := requiredRunes(s)
			kept := common[:0]
			for _, r := range common {
				for _, o := range other {
					if r == o {
						kept = append(kept, r)
						break
					}
				}
			}
			common = kept
		}
		return common
	default:
		return nil
	}
}

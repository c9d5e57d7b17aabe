package engine

import (
	"errors"
	"regexp/syntax"
	"strconv"
	"unicode"
)

// patternInfo is what the engine learns from a pattern's syntax tree before
// ever running it: enough to skip most windows without calling the regexp.
type patternInfo struct {
	minDigits int     // ASCII digits any match must contain
	first     byteSet // bytes a match can start with
	maxLen    int     // longest match in bytes, or unbounded
	valueIdx  int     // submatch index of the group named "v", or 0
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
	pi.minDigits = digitsNeeded(re)
	pi.maxLen = longest(re)
	pi.valueIdx = captureIndex(re, "v")
	return pi, nil
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

// digitsNeeded returns how many ASCII digits any match of re must contain.
// Windows holding fewer digits are skipped without running the pattern: most
// digit clusters in a post are times, prices and years that no rule can match.
func digitsNeeded(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral: // case folding leaves digits alone
		n := 0
		for _, r := range re.Rune {
			if '0' <= r && r <= '9' {
				n++
			}
		}
		return n
	case syntax.OpCharClass:
		if onlyDigits(re.Rune) {
			return 1
		}
		return 0
	case syntax.OpCapture, syntax.OpPlus:
		return digitsNeeded(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min * digitsNeeded(re.Sub[0])
	case syntax.OpConcat:
		n := 0
		for _, s := range re.Sub {
			n += digitsNeeded(s)
		}
		return n
	case syntax.OpAlternate:
		n := -1
		for _, s := range re.Sub {
			if d := digitsNeeded(s); n < 0 || d < n {
				n = d
			}
		}
		return max(n, 0)
	default:
		return 0
	}
}

// onlyDigits reports whether a character class (pairs of inclusive ranges)
// holds ASCII digits only. Unicode digits outside ASCII make it false: they
// are not counted in windows.
func onlyDigits(ranges []rune) bool {
	if len(ranges) == 0 {
		return false
	}
	for i := 0; i+1 < len(ranges); i += 2 {
		if ranges[i] < '0' || ranges[i+1] > '9' {
			return false
		}
	}
	return true
}

// byteSet is a set of bytes that may start a match.
type byteSet [4]uint64

func (s *byteSet) add(b byte)      { s[b>>6] |= 1 << (b & 63) }
func (s *byteSet) has(b byte) bool { return s[b>>6]&(1<<(b&63)) != 0 }
func (s *byteSet) union(o byteSet) {
	for i := range s {
		s[i] |= o[i]
	}
}
func (s *byteSet) addRange(lo, hi rune) {
	for r := max(lo, 0); r <= hi && r < 0x80; r++ {
		s.add(byte(r))
	}
	if hi >= 0x80 { // any non-ASCII rune starts with a byte >= 0xC0
		for b := 0xC0; b <= 0xFF; b++ {
			s.add(byte(b))
		}
	}
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
				s.addRange(f, f)
			}
		}
		return s, false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			s.addRange(re.Rune[i], re.Rune[i+1])
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
// anchored pattern then runs on that many bytes only: the regexp
// backtracker's cost grows with the input it is given, even when it fails
// early.
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

// Limits on a pattern's size. Go's regexp expands a counted repetition
// x{n,m} into m copies of x, so {8,1000} makes a program that is slow to
// compile, slow to run and, in WebAssembly, deep enough to overflow the
// JavaScript stack. Long values take + and a validator for their length.
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

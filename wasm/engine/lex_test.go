package engine

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The single-purpose definitions lex must agree with.

// refStarts lists the positions where a value may start.
func refStarts(text string) []int32 {
	var out []int32
	for p := 0; p < len(text); p++ {
		if c := text[p]; c != ' ' && c != '\n' && utf8.RuneStart(c) && refBoundary(text, p) {
			out = append(out, int32(p))
		}
	}
	return out
}

// refBoundary reports whether the rune before p is not a letter or digit,
// nor a joiner glued to one.
func refBoundary(text string, p int) bool {
	if p == 0 {
		return true
	}
	if b := text[p-1]; b < utf8.RuneSelf {
		if isAlnum(b) {
			return false
		}
		return !((b == '.' || b == '-' || b == '/' || b == '_') && p >= 2 && isAlnum(text[p-2]))
	}
	r, _ := utf8.DecodeLastRuneInString(text[:p])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// refCounts counts the ASCII digits and letters before each byte.
func refCounts(text string) (digits, letters []int32) {
	digits, letters = make([]int32, len(text)+1), make([]int32, len(text)+1)
	for i := 0; i < len(text); i++ {
		digits[i+1], letters[i+1] = digits[i], letters[i]
		if isDigit(text[i]) {
			digits[i+1]++
		} else if isAlnum(text[i]) {
			letters[i+1]++
		}
	}
	return digits, letters
}

// refDigitTokens lists the runs of ASCII letters and digits that hold a
// digit.
func refDigitTokens(text string) []token {
	var out []token
	for i := 0; i < len(text); {
		j, digit := i, false
		for j < len(text) && isAlnum(text[j]) {
			digit = digit || isDigit(text[j])
			j++
		}
		if digit {
			out = append(out, token{int32(i), int32(j)})
		}
		i = max(j, i+1)
	}
	return out
}

// packCounts packs digit and letter counts, and the starts before each
// byte, as countsBefore does.
func packCounts(digits, letters []int32, starts []int32) []uint64 {
	out := make([]uint64, len(digits))
	for i := range out {
		before, _ := slices.BinarySearch(starts, int32(i))
		out[i] = uint64(digits[i]) | uint64(letters[i])<<16 | uint64(before)<<startsShift
	}
	return out
}

// refWords splits a folded text into words.
func refWords(f folded, textLen int) []span {
	var out []span
	eachWord(f.b, func(i, j int) {
		end := textLen
		if j < len(f.b) {
			end = int(f.orig[j])
		}
		out = append(out, span{int32(i), int32(j), f.orig[i], int32(end)})
	})
	return out
}

func checkLex(t *testing.T, st *scanState, text string) {
	t.Helper()
	if n := st.lex(text, len(text)); n != len(text) {
		t.Fatalf("%q: lexed %d bytes, want all %d", text, n, len(text))
	}
	checkLexed(t, st, text)
}

// checkLexed compares what lex made of text with the definitions.
func checkLexed(t *testing.T, st *scanState, text string) {
	t.Helper()
	var f folded
	fold(text, &f)
	digits, letters := refCounts(text)
	switch {
	case !slices.Equal(st.allStarts, refStarts(text)):
		t.Errorf("%q: starts %v, want %v", text, st.allStarts, refStarts(text))
	case !slices.Equal(st.countsBefore, packCounts(digits, letters, refStarts(text))):
		t.Errorf("%q: counts %x, want digits %v and letters %v", text, st.countsBefore, digits, letters)
	case string(st.folded) != string(f.b):
		t.Errorf("%q: folded %q, want %q", text, st.folded, f.b)
	case !slices.Equal(st.digitTokens, refDigitTokens(text)):
		t.Errorf("%q: digit tokens %v, want %v", text, st.digitTokens, refDigitTokens(text))
	case !slices.Equal(st.words, refWords(f, len(text))):
		t.Errorf("%q: words %v, want %v", text, st.words, refWords(f, len(text)))
	}
}

func TestLex(t *testing.T) {
	var st scanState // reused, as scans reuse it
	for _, text := range []string{
		"", " ", "a", "06.12.34", "AB-123-CD", "x/12 y_3 .5 -6", "12/03/1985\nné le 3",
		"Tél. 06 12 34 56 78 😊", "Éloïse Œuvre ß straße", "K\u212a İ", "é1 1é 😊1 1😊",
		"n° de suivi nº 12", "m’appelle", "\xff1 \xc3 2 \xe2\x82x", "Ⱥb",
	} {
		checkLex(t, &st, text)
	}
}

func FuzzLex(f *testing.F) {
	f.Add("Tél. 06 12 34 56 78, né le 12/03/1985 à Lyon 😊")
	f.Add("AB-123-CD x/12 Œuvre \xff")
	f.Fuzz(func(t *testing.T, text string) {
		var st scanState
		checkLex(t, &st, text)
	})
}

// FuzzLexCap checks that lex reads the first maxRunes code points, as
// range counts them, and only them.
func FuzzLexCap(f *testing.F) {
	f.Add("héllo wörld, 0612345678 ✓ 𝄞 and more ASCII text", 10)
	f.Add(strings.Repeat("ab", 20)+"é", 40)
	f.Add("\xff1 \xc3 2 \xe2\x82x", 4)
	f.Fuzz(func(t *testing.T, s string, n int) {
		if n < 0 {
			return
		}
		want, count := len(s), 0
		for i := range s {
			if count == n {
				want = i
				break
			}
			count++
		}
		var st scanState
		if got := st.lex(s, n); got != want {
			t.Fatalf("lex(%q, %d) read %d bytes, want %d", s, n, got, want)
		}
		checkLexed(t, &st, s[:want])
	})
}

// TestFoldRune checks foldRune's shortcuts against the Unicode tables.
func TestFoldRune(t *testing.T) {
	check := func(r rune) {
		got, alnum := foldRune(nil, r)
		want := appendFolded(nil, r)
		if string(got) != string(want) || alnum != (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			t.Fatalf("foldRune(%U) = %q, %v; want %q, %v", r, got, alnum, want, !alnum)
		}
	}
	for r := rune(utf8.RuneSelf); r < 0x300; r++ {
		check(r)
	}
	for _, block := range [][2]rune{{0x1F00, 0x2C80}, {0xFE00, 0xFE20}, {0x1EF00, 0x1FC00}} {
		for r := block[0]; r < block[1]; r++ {
			check(r)
		}
	}
	for _, r := range []rune{'€', '’', 'ẞ', 'Ⱥ', utf8.RuneError, unicode.MaxRune} {
		check(r)
	}
}

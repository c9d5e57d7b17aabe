package engine

import "unicode/utf8"

// lex makes, in one pass over text, what the rest of a scan reads: the
// positions where a value may start, the digits, letters and starts before
// each byte, the tokens that hold a digit, the folded text (see fold) and its
// words. Each has a plain single-purpose definition (lex_test.go) that lex
// must agree with; one pass instead of five matters in WebAssembly, where
// every loop and call costs several times more than natively.
//
// A value may start at a rune that is not a space or a newline, when the
// rune before it is not a letter or digit, nor a joiner glued to one
// ("06.12", "12/03", "AB-123"): a value does not start in the middle of a
// dotted or dashed run.
//
// lex reads text up to its first maxRunes code points (as range counts
// them: an invalid byte is one) and returns their length in bytes: counting
// them is a pass of its own otherwise.
//
// Buffers are sized up front and written by index: an append per byte costs
// about as much as the rest of the loop in WebAssembly.
func (st *scanState) lex(text string, maxRunes int) int {
	if len(text)/utf8.UTFMax > maxRunes { // no longer prefix holds maxRunes runes
		text = text[:utf8.UTFMax*maxRunes]
	}
	n := len(text)
	if cap(st.countsBefore) < n+1 {
		st.countsBefore = make([]uint64, n+1, n+1+n/4)
	}
	// At most one start per byte, one word per two bytes (a word and what
	// ends it); folding may lengthen the text, checked at each non-ASCII rune.
	if cap(st.allStarts) < n {
		st.allStarts = make([]int32, n, n+n/4)
	}
	if cap(st.words) < n/2+1 {
		st.words = make([]span, n/2+1, n/2+1+n/8)
		st.digitTokens = make([]token, n/2+1, n/2+1+n/8)
	}
	if cap(st.folded) < n {
		st.folded = make([]byte, n, n+n/4)
	}
	counts := st.countsBefore[:n+1]
	starts, ws, fb := st.allStarts[:n], st.words[:n/2+1], st.folded[:cap(st.folded)]
	dts := st.digitTokens[:n/2+1]
	counts[0] = 0
	ns, nw, nt, j := 0, 0, 0, 0 // starts, words, digit tokens and folded bytes so far
	word := int32(-1)           // folded offset where the current word started, or -1
	wordAt := int32(0)          // and its offset in text
	// blocked is 1 when no value starts at the next rune; alnum is 1 when
	// the last byte was an ASCII letter or digit. They are numbers, not
	// booleans, so the ASCII path below computes starts without branching:
	// in WebAssembly a taken branch costs a jump through the function's
	// dispatch table, and this loop runs once per byte of the text.
	var blocked, alnum uint8
	var acc uint64 // digits, letters and starts so far (see countsBefore)
	// end is where the first maxRunes runes end: maxRunes bytes, plus the
	// bytes each rune past ASCII takes after its first.
	end := min(n, maxRunes)
	i := 0
	for i < end {
		c := text[i]
		if c < utf8.RuneSelf {
			k := lexKinds[c]
			starts[ns] = int32(i)
			start := k &^ blocked & lexStart
			ns += int(start)
			blocked = k>>1&1 | k>>2&alnum
			alnum = k >> 1 & 1
			acc += countOf[c] + uint64(start)<<startsShift
			counts[i+1] = acc
			if (k&lexWord != 0) != (word >= 0) {
				if word < 0 {
					word, wordAt = int32(j), int32(i)
				} else {
					ws[nw] = span{word, int32(j), wordAt, int32(i)}
					nw++
					word = -1
				}
			}
			fb[j] = lowerASCII[c]
			i, j = i+1, j+1
			// The rest of a run of ASCII letters and digits (a token)
			// changes only the counts and the folded copy: no start, same
			// word.
			if alnum != 0 {
				at, digits := i-1, (acc-countOf[c])&0xFFFF
				for i < end {
					c = text[i]
					d := countOf[c]
					if d == 0 {
						break
					}
					acc += d
					counts[i+1] = acc
					fb[j] = lowerASCII[c]
					i, j = i+1, j+1
				}
				dts[nt] = token{int32(at), int32(i)}
				if acc&0xFFFF > digits {
					nt++
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if blocked == 0 && utf8.RuneStart(c) {
			starts[ns] = int32(i)
			ns++
			acc += 1 << startsShift
		}
		for k := i + 1; k <= i+size; k++ {
			counts[k] = acc
		}
		from := j
		var letter bool
		fb, letter = foldRune(fb[:j], r)
		blocked, alnum = 0, 0
		if letter {
			blocked = 1
		}
		j = len(fb)
		// Room for the rest of the text folded byte for byte.
		if cap(fb)-j < n-i-size {
			fb = append(fb, make([]byte, n-i-size)...)
		}
		fb = fb[:cap(fb)]
		// A rune folds to word bytes only, or to one byte that is not.
		if isWordByte(fb[from]) {
			if word < 0 {
				word, wordAt = int32(from), int32(i)
			}
		} else if word >= 0 {
			ws[nw] = span{word, int32(from), wordAt, int32(i)}
			nw++
			word = -1
		}
		i += size
		end = min(n, end+size-1)
	}
	if word >= 0 {
		ws[nw] = span{word, int32(j), wordAt, int32(i)}
		nw++
	}
	st.countsBefore = counts[:i+1]
	st.allStarts, st.folded, st.words, st.digitTokens = starts[:ns], fb[:j], ws[:nw], dts[:nt]
	return i
}

// lexKinds describes each ASCII byte for lex: lexStart, lexAlnum and
// lexJoiner are single bits at those places (lex shifts them), lexWord
// says whether the byte lowered is a word byte (see isWordByte).
var lexKinds = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		if c != ' ' && c != '\n' {
			t[c] |= lexStart
		}
		if isAlnum(byte(c)) {
			t[c] |= lexAlnum
		}
		switch c {
		case '.', '-', '/', '_':
			t[c] |= lexJoiner
		}
		if isWordByte(lowerASCII[c]) {
			t[c] |= lexWord
		}
	}
	return t
}()

const (
	lexStart  = 1 << 0
	lexAlnum  = 1 << 1
	lexJoiner = 1 << 2
	lexWord   = 1 << 3
)

// startsShift is where countsBefore keeps the starts: a text has fewer
// than 1<<32 bytes.
const startsShift = 32

// Counts fit in countsBefore's 16 bits: a scan reads at most MaxInputRunes
// ASCII bytes, and this fails to compile if that grows past 65535.
const _ uint16 = MaxInputRunes

// countOf is what a byte adds to countsBefore: 1 for an ASCII digit, 1<<16
// for an ASCII letter.
var countOf = func() (t [256]uint64) {
	for c := range t {
		switch byteKinds[c] {
		case kindDigit:
			t[c] = 1
		case kindLetter:
			t[c] = 1 << 16
		}
	}
	return t
}()

// lowerASCII lowers ASCII letters and keeps every other byte.
var lowerASCII = func() (t [256]byte) {
	for i := range t {
		t[i] = byte(i)
		if 'A' <= i && i <= 'Z' {
			t[i] += 'a' - 'A'
		}
	}
	return t
}()

// token is a run of ASCII letters and digits, in byte offsets.
type token struct{ start, end int32 }

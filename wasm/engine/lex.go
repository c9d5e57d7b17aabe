package engine

import (
	"unicode"
	"unicode/utf8"
)

// lex makes, in one pass over text, what the rest of a scan reads: the
// digits and letters before each byte, the positions where a value may
// start, the folded text (see fold) and its words. Each has a plain single-purpose
// definition (lex_test.go) that lex must agree with; one pass instead of
// four matters in WebAssembly, where every loop and call costs several
// times more than natively.
//
// A value may start at a rune that is not a space or a newline, when the
// rune before it is not a letter or digit, nor a joiner glued to one
// ("06.12", "12/03", "AB-123"): a value does not start in the middle of a
// dotted or dashed run.
func (st *scanState) lex(text string) {
	n := len(text)
	if cap(st.digitsBefore) < n+1 {
		st.digitsBefore = make([]int32, n+1, n+1+n/4)
		st.lettersBefore = make([]int32, n+1, n+1+n/4)
	}
	dBefore, lBefore := st.digitsBefore[:n+1], st.lettersBefore[:n+1]
	dBefore[0], lBefore[0] = 0, 0
	starts := st.allStarts[:0]
	fb := st.folded[:0]
	ws := st.words[:0]
	word := -1       // folded offset where the current word started, or -1
	wordAt := 0      // and its offset in text
	blocked := false // no value starts at the next rune
	var nd, nl int32
	for i := 0; i < n; {
		c := text[i]
		if c < utf8.RuneSelf {
			if !blocked && c != ' ' && c != '\n' {
				starts = append(starts, int32(i))
			}
			k := byteKinds[c]
			nd += int32(k & kindDigit)
			nl += int32(k >> 1)
			dBefore[i+1], lBefore[i+1] = nd, nl
			blocked = k != 0 || (c == '.' || c == '-' || c == '/' || c == '_') && i > 0 && isAlnum(text[i-1])
			if k == kindLetter && c <= 'Z' {
				c += 'a' - 'A'
			}
			if isWordByte(c) {
				if word < 0 {
					word, wordAt = len(fb), i
				}
			} else if word >= 0 {
				ws = append(ws, span{word, len(fb), wordAt, i})
				word = -1
			}
			fb = append(fb, c)
			i++
			// The rest of a run of ASCII letters and digits changes only the
			// counts and the folded copy: no start, same word.
			if k != 0 {
				for i < n {
					c = text[i]
					k = byteKinds[c]
					if k == 0 {
						break
					}
					nd += int32(k & kindDigit)
					nl += int32(k >> 1)
					dBefore[i+1], lBefore[i+1] = nd, nl
					if k == kindLetter && c <= 'Z' {
						c += 'a' - 'A'
					}
					fb = append(fb, c)
					i++
				}
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		if !blocked && utf8.RuneStart(c) {
			starts = append(starts, int32(i))
		}
		for j := i + 1; j <= i+size; j++ {
			dBefore[j], lBefore[j] = nd, nl
		}
		blocked = unicode.IsLetter(r) || unicode.IsDigit(r)
		from := len(fb)
		fb = appendFolded(fb, r)
		// A rune folds to word bytes only, or to one byte that is not.
		if isWordByte(fb[from]) {
			if word < 0 {
				word, wordAt = from, i
			}
		} else if word >= 0 {
			ws = append(ws, span{word, from, wordAt, i})
			word = -1
		}
		i += size
	}
	if word >= 0 {
		ws = append(ws, span{word, len(fb), wordAt, n})
	}
	st.digitsBefore, st.lettersBefore = dBefore, lBefore
	st.allStarts, st.folded, st.words = starts, fb, ws
}

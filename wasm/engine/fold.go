package engine

import (
	"unicode"
	"unicode/utf8"
)

// folded is a text lowered and stripped of accents, so that context words
// match "Téléphone", "TELEPHONE" and "telephone" alike. Every folded byte
// keeps the offset of the original byte it came from.
type folded struct {
	b    []byte
	orig []int32 // orig[i] = offset in the original text of b[i]
}

// accentFold maps the Latin letters used by the product's languages to their
// base letters. Letters not listed keep their lower-case form.
var accentFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i",
	'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u",
	'ý': "y", 'ÿ': "y", 'ß': "ss", 'ł': "l", 'ś': "s", 'š': "s", 'ź': "z", 'ż': "z", 'ž': "z",
	'ř': "r", 'ť': "t", 'ď': "d",
	// Typographic apostrophes and the degree-like ordinal signs people use
	// in "n°" and "nº" become plain characters.
	'’': "'", 'ʼ': "'", 'º': "o", '°': "o",
}

// fold lowers and strips accents. Non-letter, non-digit runes outside ASCII
// (emoji, symbols, spaces) become a single space so they separate words.
// Scans fold their text in lex; this is for dictionary words.
func fold(text string, dst *folded) {
	dst.b = dst.b[:0]
	dst.orig = dst.orig[:0]
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst.b = append(dst.b, c)
			dst.orig = append(dst.orig, int32(i))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		from := len(dst.b)
		dst.b = appendFolded(dst.b, r)
		for range len(dst.b) - from {
			dst.orig = append(dst.orig, int32(i))
		}
		i += size
	}
}

// foldRune appends the folded form of r, a rune outside ASCII, and reports
// whether r is a letter or a digit. The runes of the product's languages
// and emoji, most of what posts hold beyond ASCII, take a table lookup:
// the Unicode tables cost hundreds of nanoseconds per rune in WebAssembly.
func foldRune(dst []byte, r rune) ([]byte, bool) {
	switch {
	case r < utf8.RuneSelf+rune(len(latinFold)):
		f := &latinFold[r-utf8.RuneSelf]
		return append(dst, f.folded...), f.alnum
	case 0x1F000 <= r && r <= 0x1FAFF || symbol(r): // emoji, pictographs
		return append(dst, ' '), false
	}
	return appendFolded(dst, r), unicode.IsLetter(r) || unicode.IsDigit(r)
}

// symbol reports whether r lies in a block of punctuation and symbols that
// posts use beside emoji, none of them a letter or digit: dashes, quotes and
// "…", currency signs ("€"), arrows, dingbats and other symbols ("☀", "✈",
// "❤"), and the variation selectors that follow emoji. "’" folds to an
// apostrophe.
func symbol(r rune) bool {
	return 0x2000 <= r && r <= 0x2070 && r != '’' || 0x20A0 <= r && r <= 0x20CF ||
		0x2190 <= r && r <= 0x2BFF || 0xFE00 <= r && r <= 0xFE0F
}

// latinFold holds foldRune's answers for U+0080 to U+024F: Latin-1 and the
// Latin Extended letters.
var latinFold = func() (t [0x250 - utf8.RuneSelf]struct {
	folded string
	alnum  bool
}) {
	for i := range t {
		r := rune(i) + utf8.RuneSelf
		t[i].folded = string(appendFolded(nil, r))
		t[i].alnum = unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return t
}()

// appendFolded appends the folded form of r, a rune outside ASCII.
func appendFolded(dst []byte, r rune) []byte {
	lr := unicode.ToLower(r)
	if s, ok := accentFold[lr]; ok {
		return append(dst, s...)
	}
	if unicode.IsLetter(lr) || unicode.IsDigit(lr) {
		return utf8.AppendRune(dst, lr)
	}
	return append(dst, ' ')
}

// isWordByte reports whether a folded byte belongs to a word. Bytes of
// non-ASCII letters count: fold turned every other non-ASCII rune into a space.
func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c >= utf8.RuneSelf
}

// foldWords folds a dictionary word or phrase the same way as scanned text
// and splits it into words.
func foldWords(s string) []string {
	var f folded
	fold(s, &f)
	var words []string
	eachWord(f.b, func(i, j int) { words = append(words, string(f.b[i:j])) })
	return words
}

// eachWord calls fn with the bounds of each word of folded bytes b.
func eachWord(b []byte, fn func(start, end int)) {
	for i := 0; i < len(b); {
		if !isWordByte(b[i]) {
			i++
			continue
		}
		j := i
		for j < len(b) && isWordByte(b[j]) {
			j++
		}
		fn(i, j)
		i = j
	}
}

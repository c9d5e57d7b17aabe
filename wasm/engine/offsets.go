package engine

import "unicode/utf8"

// Offset units: findings carry UTF-8 byte offsets; the CLI reports Unicode
// code points and JavaScript needs UTF-16 code units.

// utf16Width[b] is what a UTF-8 byte adds to a UTF-16 length: ASCII and lead
// bytes count 1, continuation bytes 0, and 4-byte leads 2 (a surrogate pair).
var utf16Width, runeWidth [256]uint8

func init() {
	for b := 0; b < 256; b++ {
		switch {
		case b < 0x80:
			utf16Width[b], runeWidth[b] = 1, 1
		case b < 0xC0: // continuation
		case b >= 0xF0:
			utf16Width[b], runeWidth[b] = 2, 1
		default:
			utf16Width[b], runeWidth[b] = 1, 1
		}
	}
}

// Converter maps byte offsets of one text to code points or UTF-16 units in
// one forward pass; offsets must be asked in non-decreasing order.
type Converter struct {
	text  string
	table *[256]uint8
	pos   int // byte offset reached
	units int // units before pos
	ascii bool
}

// NewRuneConverter converts byte offsets to Unicode code point offsets.
func NewRuneConverter(text string) *Converter {
	return &Converter{text: text, table: &runeWidth, ascii: isASCII(text)}
}

// NewUTF16Converter converts byte offsets to UTF-16 code unit offsets.
func NewUTF16Converter(text string) *Converter {
	return &Converter{text: text, table: &utf16Width, ascii: isASCII(text)}
}

// Offset converts byte offset b (on a rune boundary, not before the last one
// asked) into units.
func (c *Converter) Offset(b int) int {
	if c.ascii {
		return b
	}
	if b < c.pos { // out of order: restart
		c.pos, c.units = 0, 0
	}
	for ; c.pos < b && c.pos < len(c.text); c.pos++ {
		c.units += int(c.table[c.text[c.pos]])
	}
	return c.units
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

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
}

// NewRuneConverter converts byte offsets to Unicode code point offsets.
func NewRuneConverter(text string) *Converter {
	return &Converter{text: text, table: &runeWidth}
}

// NewUTF16Converter converts byte offsets to UTF-16 code unit offsets.
func NewUTF16Converter(text string) *Converter {
	return &Converter{text: text, table: &utf16Width}
}

// Offset converts byte offset b (on a rune boundary, not before the last one
// asked) into units.
func (c *Converter) Offset(b int) int {
	if b < c.pos { // out of order: restart
		c.pos, c.units = 0, 0
	}
	b = min(b, len(c.text))
	for c.pos < b {
		if c.pos+8 <= b && ascii8(c.text[c.pos:c.pos+8]) {
			c.pos, c.units = c.pos+8, c.units+8
			continue
		}
		c.units += int(c.table[c.text[c.pos]])
		c.pos++
	}
	return c.units
}

// ascii8 reports whether the 8 bytes of w are ASCII. Text is mostly ASCII:
// passes over it go 8 bytes at a time where they can, which in WebAssembly
// costs about half of a byte at a time.
func ascii8(w string) bool {
	return w[0]|w[1]|w[2]|w[3]|w[4]|w[5]|w[6]|w[7] < utf8.RuneSelf
}

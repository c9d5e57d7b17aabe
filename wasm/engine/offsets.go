package engine

import "math/bits"

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
	// wide has the high bit of each byte set when a 4-byte lead counts
	// twice (UTF-16: a surrogate pair), none when it counts once.
	wide  uint64
	pos   int // byte offset reached
	units int // units before pos
}

// NewRuneConverter converts byte offsets to Unicode code point offsets.
func NewRuneConverter(text string) *Converter {
	return &Converter{text: text, table: &runeWidth}
}

// NewUTF16Converter converts byte offsets to UTF-16 code unit offsets.
func NewUTF16Converter(text string) *Converter {
	return &Converter{text: text, table: &utf16Width, wide: highBits}
}

// Offset converts byte offset b (on a rune boundary, not before the last one
// asked) into units.
func (c *Converter) Offset(b int) int {
	if b < c.pos { // out of order: restart
		c.pos, c.units = 0, 0
	}
	b = min(b, len(c.text))
	for ; c.pos+8 <= b; c.pos += 8 {
		c.units += units8(load8(c.text[c.pos:]), c.wide)
	}
	for ; c.pos < b; c.pos++ {
		c.units += int(c.table[c.text[c.pos]])
	}
	return c.units
}

// highBits has the high bit of each of 8 bytes set.
const highBits = 0x8080808080808080

// units8 returns what the 8 bytes of x add, as the width tables say: 1 a
// byte, 0 for continuation bytes (10xxxxxx), 1 more for 4-byte leads
// (1111xxxx) where wide says so. It counts them all at once, with no table
// lookup and no branch per byte, which in WebAssembly costs a fraction of a
// loop over them: the text between a scan's findings is converted too.
func units8(x, wide uint64) int {
	cont := x &^ (x << 1) & highBits
	lead4 := x & (x << 1) & (x << 2) & (x << 3) & wide
	return 8 - bits.OnesCount64(cont) + bits.OnesCount64(lead4)
}

// load8 returns the first 8 bytes of s, little-endian: the compiler makes
// that one load.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// Package binenc writes and reads the compact binary forms the build
// prepares for the wasm core (engine snapshots, validator tables): varints,
// 8-byte words and length-prefixed strings. Decoding such a form is much
// cheaper in WebAssembly than parsing and compiling the JSON it comes from.
//
// A Reader never panics on damaged data: its first error sticks, later reads
// return zero values, and the caller checks Err once at the end.
package binenc

import (
	"encoding/binary"
	"errors"
	"math"
	"strconv"
)

// Writer appends values to B.
type Writer struct{ B []byte }

// Uint appends an unsigned varint.
func (w *Writer) Uint(v uint64) { w.B = binary.AppendUvarint(w.B, v) }

// Int appends a signed varint.
func (w *Writer) Int(v int64) { w.B = binary.AppendVarint(w.B, v) }

// Word appends 8 bytes, little-endian.
func (w *Writer) Word(v uint64) { w.B = binary.LittleEndian.AppendUint64(w.B, v) }

// Float appends a float64's bits.
func (w *Writer) Float(f float64) { w.Word(math.Float64bits(f)) }

// Bool appends 1 or 0.
func (w *Writer) Bool(v bool) {
	if v {
		w.Uint(1)
	} else {
		w.Uint(0)
	}
}

// Str appends a length-prefixed string.
func (w *Writer) Str(s string) {
	w.Uint(uint64(len(s)))
	w.B = append(w.B, s...)
}

// Strs appends a count and the strings.
func (w *Writer) Strs(ss []string) {
	w.Uint(uint64(len(ss)))
	for _, s := range ss {
		w.Str(s)
	}
}

// Reader reads what a Writer wrote.
type Reader struct {
	s   string
	off int
	err error
}

// NewReader reads data. It copies data into one string once: every string
// it returns is a slice of that copy, so reading allocates no string.
func NewReader(data []byte) *Reader { return &Reader{s: string(data)} }

// NewStringReader reads s without copying it: the strings it returns are
// slices of s.
func NewStringReader(s string) *Reader { return &Reader{s: s} }

// Err returns the first error, if any.
func (r *Reader) Err() error { return r.err }

// Fail records an error at the current position and stops reading.
func (r *Reader) Fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg + " at byte " + strconv.Itoa(r.off))
	}
	r.off = len(r.s)
}

// End fails unless everything was read.
func (r *Reader) End() error {
	if r.err == nil && r.off != len(r.s) {
		r.Fail("trailing data")
	}
	return r.err
}

// Uint reads an unsigned varint.
func (r *Reader) Uint() uint64 {
	var v uint64
	for shift := uint(0); ; shift += 7 {
		if r.off >= len(r.s) || shift > 63 {
			r.Fail("truncated or bad varint")
			return 0
		}
		c := r.s[r.off]
		r.off++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
}

// Int reads a signed varint.
func (r *Reader) Int() int64 {
	u := r.Uint()
	return int64(u>>1) ^ -int64(u&1)
}

// Count reads a number of items that take at least min bytes each, so that a
// damaged count cannot make the caller allocate more than the data holds.
func (r *Reader) Count(min int) int {
	n := r.Uint()
	if n > uint64(len(r.s)-r.off)/uint64(min) {
		r.Fail("count past the end")
		return 0
	}
	return int(n)
}

// Remaining returns the number of bytes left to read.
func (r *Reader) Remaining() int { return len(r.s) - r.off }

// Word reads 8 bytes, little-endian.
func (r *Reader) Word() uint64 {
	if len(r.s)-r.off < 8 {
		r.Fail("truncated")
		return 0
	}
	var v uint64
	for i := 7; i >= 0; i-- {
		v = v<<8 | uint64(r.s[r.off+i])
	}
	r.off += 8
	return v
}

// Float reads a float64.
func (r *Reader) Float() float64 { return math.Float64frombits(r.Word()) }

// Bool reads what Bool wrote.
func (r *Reader) Bool() bool { return r.Uint() != 0 }

// Str reads a length-prefixed string.
func (r *Reader) Str() string {
	n := r.Count(1)
	s := r.s[r.off : r.off+n]
	r.off += n
	return s
}

// Strs reads a count and the strings, nil when there are none.
func (r *Reader) Strs() []string {
	n := r.Count(1)
	if n == 0 {
		return nil
	}
	ss := make([]string, n)
	for i := range ss {
		ss[i] = r.Str()
	}
	return ss
}

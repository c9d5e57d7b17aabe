package binenc

import (
	"math"
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var w Writer
	w.Uint(0)
	w.Uint(math.MaxUint64)
	w.Int(-1)
	w.Int(math.MinInt64)
	w.Word(0x0102030405060708)
	w.Float(-0.25)
	w.Bool(true)
	w.Bool(false)
	w.Str("")
	w.Str("é😊")
	w.Strs([]string{"a", "", "bc"})
	w.Strs(nil)

	for _, r := range []*Reader{NewReader(w.B), NewStringReader(string(w.B))} {
		checkRoundTrip(t, r)
	}
}

func checkRoundTrip(t *testing.T, r *Reader) {
	t.Helper()
	got := []any{r.Uint(), r.Uint(), r.Int(), r.Int(), r.Word(), r.Float(), r.Bool(), r.Bool(),
		r.Str(), r.Str(), r.Strs(), r.Strs()}
	want := []any{uint64(0), uint64(math.MaxUint64), int64(-1), int64(math.MinInt64),
		uint64(0x0102030405060708), -0.25, true, false, "", "é😊", []string{"a", "", "bc"}, []string(nil)}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if err := r.End(); err != nil {
		t.Error(err)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		read func(r *Reader)
	}{
		{"truncated varint", []byte{0x80}, func(r *Reader) { r.Uint() }},
		{"varint too long", []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, func(r *Reader) { r.Uint() }},
		{"string past the end", []byte{5, 'a'}, func(r *Reader) { r.Str() }},
		{"count past the end", []byte{200, 1, 0}, func(r *Reader) { r.Strs() }},
		{"short word", []byte{1, 2, 3}, func(r *Reader) { r.Word() }},
		{"trailing data", []byte{1, 2}, func(r *Reader) { r.Uint() }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := NewReader(tt.data)
			tt.read(r)
			if r.End() == nil {
				t.Error("no error")
			}
			// The error sticks; reads past it return zero values.
			if r.Uint() != 0 || r.Str() != "" || r.Err() == nil {
				t.Error("reads after an error are not zero")
			}
		})
	}
}

// FuzzReader: any input, any reads: no panic, and a count never exceeds
// what the data could hold.
func FuzzReader(f *testing.F) {
	var w Writer
	w.Strs([]string{"abc", "d"})
	w.Int(-7)
	f.Add(w.B, uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, ops uint8) {
		r := NewReader(data)
		for i := 0; i < 16; i++ {
			switch (int(ops) + i) % 5 {
			case 0:
				r.Strs()
			case 1:
				r.Int()
			case 2:
				r.Word()
			case 3:
				if n := r.Count(1); n > len(data) {
					t.Fatalf("count %d for %d bytes", n, len(data))
				}
			case 4:
				r.Str()
			}
		}
		r.End()
	})
}

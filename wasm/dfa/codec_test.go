package dfa

import (
	"reflect"
	"regexp/syntax"
	"testing"

	"vigie/wasm/binenc"
)

func encodeProgs(t testing.TB, patterns ...string) ([]*syntax.Prog, []byte) {
	t.Helper()
	var pw ProgWriter
	var progs []*syntax.Prog
	for _, p := range patterns {
		prog, err := CompileProg(p)
		if err != nil {
			t.Fatal(err)
		}
		if i := pw.Add(prog); i != len(progs) {
			t.Fatalf("Add returned %d, want %d", i, len(progs))
		}
		progs = append(progs, prog)
	}
	var w binenc.Writer
	pw.Write(&w)
	return progs, w.B
}

var codecPatterns = []string{
	`(?i)\b(?P<v>[\p{L}'-]+ [\p{L}'-]+)\b`,
	`^(?:0[1-9](?: ?\d\d){4})$`,
	`(?m)^\s*[a-z]+@[a-z]+\.fr$`,
	`(?s).{2,5}x|y*?z`,
	`[^\n]+`,
}

func TestProgsRoundTrip(t *testing.T) {
	want, data := encodeProgs(t, codecPatterns...)
	progs, err := ReadProgs(binenc.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if progs.Len() != len(want) {
		t.Fatalf("%d programs, want %d", progs.Len(), len(want))
	}
	got := make([]*syntax.Prog, len(want))
	for i := range want {
		if got[i], err = progs.Prog(i); err != nil {
			t.Fatal(err)
		}
		for pc := range want[i].Inst {
			w, g := want[i].Inst[pc], got[i].Inst[pc]
			if w.Op != g.Op || w.Out != g.Out || w.Arg != g.Arg || len(w.Rune) != len(g.Rune) ||
				len(w.Rune) > 0 && !reflect.DeepEqual(w.Rune, g.Rune) {
				t.Errorf("%s: instruction %d is %v, want %v", codecPatterns[i], pc, g, w)
			}
		}
		if got[i].Start != want[i].Start || got[i].NumCap != want[i].NumCap || len(got[i].Inst) != len(want[i].Inst) {
			t.Errorf("%s: header differs", codecPatterns[i])
		}
		d, ref := New(got[i], DefaultMaxBytes), New(want[i], DefaultMaxBytes)
		for _, s := range []string{"Marie Dupont", "06 12 34 56 78", "  ab@cd.fr", "abcx", "yyz", "l'été\n"} {
			if d.MatchEnd(s) != ref.MatchEnd(s) {
				t.Errorf("%s on %q: decoded program ends at %d, original at %d", codecPatterns[i], s, d.MatchEnd(s), ref.MatchEnd(s))
			}
		}
	}
}

func TestReadProgsRefusesDamage(t *testing.T) {
	_, data := encodeProgs(t, codecPatterns...)
	for n := 0; n < len(data); n++ {
		r := binenc.NewReader(data[:n])
		if _, err := ReadProgs(r); err == nil && r.End() == nil {
			t.Fatalf("truncated to %d bytes: no error", n)
		}
	}
	// A changed byte in the programs' bodies (the 20 bytes before the
	// checksum, at the end) fails the checksum.
	for n := len(data) - 28; n < len(data)-8; n++ {
		bad := append([]byte(nil), data...)
		bad[n] ^= 0x40
		if _, err := ReadProgs(binenc.NewReader(bad)); err == nil {
			t.Fatalf("byte %d changed: no error", n)
		}
	}
	bad := []*syntax.Prog{
		{Start: 0, NumCap: 2, Inst: []syntax.Inst{{Op: syntax.InstNop, Out: 5}}},
		{Start: 0, NumCap: 2, Inst: []syntax.Inst{{Op: syntax.InstAlt, Out: 0, Arg: 9}}},
		{Start: 0, NumCap: 2, Inst: []syntax.Inst{{Op: syntax.InstRune, Rune: []rune{'a', 'z', 'A'}}, {Op: syntax.InstMatch}}},
		{Start: 0, NumCap: 2, Inst: []syntax.Inst{{Op: syntax.InstOp(42)}}},
		{Start: 3, NumCap: 2, Inst: []syntax.Inst{{Op: syntax.InstMatch}}},
	}
	for i, p := range bad {
		var pw ProgWriter
		pw.Add(p)
		var w binenc.Writer
		pw.Write(&w)
		progs, err := ReadProgs(binenc.NewReader(w.B))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := progs.Prog(0); err == nil {
			t.Errorf("bad program %d accepted", i)
		}
	}
}

// FuzzReadProgs: damaged data gives an error, or programs that decode with
// an error or that a DFA runs without panicking.
func FuzzReadProgs(f *testing.F) {
	_, data := encodeProgs(f, codecPatterns...)
	f.Add(data)
	f.Fuzz(func(t *testing.T, data []byte) {
		progs, err := ReadProgs(binenc.NewReader(data))
		if err != nil {
			return
		}
		for i := range progs.Len() {
			prog, err := progs.Prog(i)
			if err != nil {
				continue
			}
			d := New(prog, DefaultMaxBytes)
			for _, s := range []string{"Marie Dupont", "06 12 34", "é😊\n"} {
				d.Submatch(s, d.MatchEnd(s), 1)
			}
		}
	})
}

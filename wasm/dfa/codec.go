package dfa

import (
	"errors"
	"regexp/syntax"
	"strconv"

	"vigie/wasm/binenc"
)

// Compiled programs travel in engine snapshots (see engine.WriteSnapshot)
// so that the wasm core neither parses nor compiles patterns at start-up.

// ProgWriter encodes programs that share one table of rune ranges: a class
// such as (?i)\p{L} appears in many instructions and many patterns.
type ProgWriter struct {
	runes map[string]int
	table [][]rune
	progs []*syntax.Prog
}

// Add queues p and returns its index among the programs ReadProgs returns.
func (pw *ProgWriter) Add(p *syntax.Prog) int {
	if pw.runes == nil {
		pw.runes = map[string]int{}
	}
	for _, in := range p.Inst {
		if _, ok := pw.runes[string(in.Rune)]; !ok {
			pw.runes[string(in.Rune)] = len(pw.table)
			pw.table = append(pw.table, in.Rune)
		}
	}
	pw.progs = append(pw.progs, p)
	return len(pw.progs) - 1
}

// Write appends the rune table and the programs.
func (pw *ProgWriter) Write(w *binenc.Writer) {
	w.Uint(uint64(len(pw.table)))
	for _, rs := range pw.table {
		w.Uint(uint64(len(rs)))
		for _, r := range rs {
			w.Int(int64(r))
		}
	}
	w.Uint(uint64(len(pw.progs)))
	for _, p := range pw.progs {
		w.Uint(uint64(p.Start))
		w.Uint(uint64(p.NumCap))
		w.Uint(uint64(len(p.Inst)))
		// Jumps are written relative to their instruction (mostly the
		// next one), and only the fields an instruction uses.
		for pc, in := range p.Inst {
			w.Uint(uint64(in.Op))
			switch in.Op {
			case syntax.InstMatch, syntax.InstFail:
				continue
			}
			w.Int(int64(in.Out) - int64(pc))
			switch in.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				w.Int(int64(in.Arg) - int64(pc))
			case syntax.InstCapture, syntax.InstEmptyWidth:
				w.Uint(uint64(in.Arg))
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				w.Uint(uint64(in.Arg))
				w.Uint(uint64(pw.runes[string(in.Rune)]))
			}
		}
	}
}

// ReadProgs reads what ProgWriter.Write wrote. It refuses a program that a
// DFA could not run safely, so damaged data gives an error, never a panic.
func ReadProgs(r *binenc.Reader) ([]syntax.Prog, error) {
	table := make([][]rune, r.Count(1))
	for i := range table {
		rs := make([]rune, r.Count(1))
		for j := range rs {
			rs[j] = rune(r.Int())
		}
		table[i] = rs
	}
	progs := make([]syntax.Prog, r.Count(3))
	for i := 0; i < len(progs) && r.Err() == nil; i++ {
		p := &progs[i]
		p.Start, p.NumCap = int(r.Uint()), int(r.Uint())
		p.Inst = make([]syntax.Inst, r.Count(1))
		for pc := range p.Inst {
			in := &p.Inst[pc]
			in.Op = syntax.InstOp(r.Uint())
			switch in.Op {
			case syntax.InstMatch, syntax.InstFail:
				continue
			}
			in.Out = uint32(int64(pc) + r.Int())
			switch in.Op {
			case syntax.InstAlt, syntax.InstAltMatch:
				in.Arg = uint32(int64(pc) + r.Int())
			case syntax.InstCapture, syntax.InstEmptyWidth:
				in.Arg = uint32(r.Uint())
			case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
				in.Arg = uint32(r.Uint())
				if k := r.Uint(); k < uint64(len(table)) {
					in.Rune = table[k]
				} else {
					r.Fail("rune table index out of range")
				}
			}
		}
		if r.Err() == nil {
			if err := checkProg(p); err != nil {
				r.Fail("program " + strconv.Itoa(i) + ": " + err.Error())
			}
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	return progs, nil
}

// checkProg refuses what New and Submatch could not run: a jump out of the
// program, an unknown instruction, or malformed rune ranges.
func checkProg(p *syntax.Prog) error {
	n := uint32(len(p.Inst))
	if n == 0 || p.Start < 0 || p.Start >= int(n) || p.NumCap < 2 {
		return errors.New("bad program header")
	}
	for pc, in := range p.Inst {
		bad := in.Out >= n && in.Op != syntax.InstMatch && in.Op != syntax.InstFail
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			bad = bad || in.Arg >= n
		case syntax.InstRune:
			bad = bad || len(in.Rune) == 0 || len(in.Rune) > 1 && len(in.Rune)%2 != 0
		case syntax.InstRune1:
			bad = bad || len(in.Rune) == 0
		case syntax.InstCapture, syntax.InstEmptyWidth, syntax.InstMatch, syntax.InstFail,
			syntax.InstNop, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		default:
			bad = true
		}
		if bad {
			return errors.New("bad instruction " + strconv.Itoa(pc))
		}
	}
	return nil
}

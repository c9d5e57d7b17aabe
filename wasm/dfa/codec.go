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

// Write appends the rune table and the programs. The programs' fields are
// written a column at a time (every operation, then every jump, then every
// argument, then every rune class): each column is made of a few values
// repeated, which compresses better in the core's module than one
// instruction after the other did (17.4 KB brotli against 20.0 for the
// default rules' programs), and decodes in fewer bytes.
func (pw *ProgWriter) Write(w *binenc.Writer) {
	w.Uint(uint64(len(pw.table)))
	for _, rs := range pw.table {
		w.Uint(uint64(len(rs)))
		// Ranges are sorted: each bound is written from the one before.
		prev := rune(0)
		for _, r := range rs {
			w.Int(int64(r) - int64(prev))
			prev = r
		}
	}
	w.Uint(uint64(len(pw.progs)))
	each := func(fn func(pc int, in *syntax.Inst)) { eachInst(pw.progs, fn) }
	for _, p := range pw.progs {
		w.Uint(uint64(p.Start))
		w.Uint(uint64(p.NumCap))
		w.Uint(uint64(len(p.Inst)))
	}
	each(func(_ int, in *syntax.Inst) { w.Uint(uint64(in.Op)) })
	// Jumps are written relative to their instruction (mostly the next
	// one), and only the fields an instruction uses.
	each(func(pc int, in *syntax.Inst) {
		if hasOut(in.Op) {
			w.Int(int64(in.Out) - int64(pc))
		}
	})
	each(func(pc int, in *syntax.Inst) {
		switch {
		case in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch:
			w.Int(int64(in.Arg) - int64(pc))
		case hasArg(in.Op):
			w.Uint(uint64(in.Arg))
		}
	})
	each(func(_ int, in *syntax.Inst) {
		if isRune(in.Op) {
			w.Uint(uint64(pw.runes[string(in.Rune)]))
		}
	})
}

// eachInst calls fn for every instruction of every program, in order: the
// order in which Write writes a column and ReadProgs reads it back.
func eachInst(progs []*syntax.Prog, fn func(pc int, in *syntax.Inst)) {
	for _, p := range progs {
		for pc := range p.Inst {
			fn(pc, &p.Inst[pc])
		}
	}
}

func hasOut(op syntax.InstOp) bool { return op != syntax.InstMatch && op != syntax.InstFail }

// hasArg: Arg holds a value rather than a jump.
func hasArg(op syntax.InstOp) bool {
	return op == syntax.InstCapture || op == syntax.InstEmptyWidth || isRune(op)
}

func isRune(op syntax.InstOp) bool {
	return op == syntax.InstRune || op == syntax.InstRune1 || op == syntax.InstRuneAny || op == syntax.InstRuneAnyNotNL
}

// ReadProgs reads what ProgWriter.Write wrote. It refuses a program that a
// DFA could not run safely, so damaged data gives an error, never a panic.
func ReadProgs(r *binenc.Reader) ([]syntax.Prog, error) {
	table := make([][]rune, r.Count(1))
	for i := range table {
		rs := make([]rune, r.Count(1))
		prev := int64(0)
		for j := range rs {
			prev += r.Int()
			rs[j] = rune(prev)
		}
		table[i] = rs
	}
	progs := make([]syntax.Prog, r.Count(3))
	sizes := make([]int, len(progs))
	total := 0
	for i := range progs {
		progs[i].Start, progs[i].NumCap = int(r.Uint()), int(r.Uint())
		sizes[i] = r.Count(1)
		// An operation takes a byte: more instructions than bytes left
		// is damage, and would allocate more than the data holds.
		if total += sizes[i]; total > r.Remaining() {
			r.Fail("instruction count past the end")
		}
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	// One array holds every program's instructions.
	insts := make([]syntax.Inst, total)
	ptrs := make([]*syntax.Prog, len(progs))
	for i := range progs {
		progs[i].Inst, insts = insts[:sizes[i]:sizes[i]], insts[sizes[i]:]
		ptrs[i] = &progs[i]
	}
	each := func(fn func(pc int, in *syntax.Inst)) { eachInst(ptrs, fn) }
	each(func(_ int, in *syntax.Inst) { in.Op = syntax.InstOp(r.Uint()) })
	each(func(pc int, in *syntax.Inst) {
		if hasOut(in.Op) {
			in.Out = uint32(int64(pc) + r.Int())
		}
	})
	each(func(pc int, in *syntax.Inst) {
		switch {
		case in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch:
			in.Arg = uint32(int64(pc) + r.Int())
		case hasArg(in.Op):
			in.Arg = uint32(r.Uint())
		}
	})
	each(func(_ int, in *syntax.Inst) {
		if !isRune(in.Op) {
			return
		}
		if k := r.Uint(); k < uint64(len(table)) {
			in.Rune = table[k]
		} else {
			r.Fail("rune table index out of range")
		}
	})
	for i := 0; i < len(progs) && r.Err() == nil; i++ {
		if err := checkProg(&progs[i]); err != nil {
			r.Fail("program " + strconv.Itoa(i) + ": " + err.Error())
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

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

// Add queues p and returns its index in the Progs that ReadProgs returns.
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

// Write appends the rune table and the programs. Each program's fields are
// written a column at a time (every operation, then every jump, then every
// argument, then every rune class): each column is made of a few values
// repeated, which compresses better in the core's module than one
// instruction after the other did, and decodes in fewer bytes. The programs
// come one after the other, their sizes first, so that a reader decodes only
// those it runs (see Progs): the core's module is 3.2 KiB larger in brotli
// than with each column running across all programs.
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
	var bodies binenc.Writer
	w.Uint(uint64(len(pw.progs)))
	for _, p := range pw.progs {
		n := len(bodies.B)
		pw.writeBody(&bodies, p)
		w.Uint(uint64(p.Start))
		w.Uint(uint64(p.NumCap))
		w.Uint(uint64(len(p.Inst)))
		w.Uint(uint64(len(bodies.B) - n))
	}
	w.Str(string(bodies.B))
	w.Word(checksum(string(bodies.B)))
}

func (pw *ProgWriter) writeBody(w *binenc.Writer, p *syntax.Prog) {
	for _, in := range p.Inst {
		w.Uint(uint64(in.Op))
	}
	// Jumps are written relative to their instruction (mostly the next
	// one), and only the fields an instruction uses.
	for pc, in := range p.Inst {
		if hasOut(in.Op) {
			w.Int(int64(in.Out) - int64(pc))
		}
	}
	for pc, in := range p.Inst {
		switch {
		case in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch:
			w.Int(int64(in.Arg) - int64(pc))
		case hasArg(in.Op):
			w.Uint(uint64(in.Arg))
		}
	}
	for _, in := range p.Inst {
		if isRune(in.Op) {
			w.Uint(uint64(pw.runes[string(in.Rune)]))
		}
	}
}

// checksum is FNV-1a over s: the bodies are checked once at load, so that
// damage is an error then rather than a pattern that never runs.
func checksum(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 1099511628211
	}
	return h
}

func hasOut(op syntax.InstOp) bool { return op != syntax.InstMatch && op != syntax.InstFail }

// hasArg: Arg holds a value rather than a jump.
func hasArg(op syntax.InstOp) bool {
	return op == syntax.InstCapture || op == syntax.InstEmptyWidth || isRune(op)
}

func isRune(op syntax.InstOp) bool {
	return op == syntax.InstRune || op == syntax.InstRune1 || op == syntax.InstRuneAny || op == syntax.InstRuneAnyNotNL
}

// Progs holds the programs ProgWriter.Write wrote, each decoded when asked
// for: a cold start of the wasm core then decodes only the patterns its
// first scan runs (55 of the default rules' 93 programs and 5,071 of their
// 17,078 instructions for a 500-character post), and few of the phone
// table's.
type Progs struct {
	table [][]rune
	heads []progHead
}

// progHead is a program's header and its encoded instructions.
type progHead struct {
	start, numCap, insts int
	body                 string
}

// ReadProgs reads what ProgWriter.Write wrote: the rune table, the
// programs' sizes and their bodies, checked against their checksum; it
// decodes no program.
func ReadProgs(r *binenc.Reader) (*Progs, error) {
	p := &Progs{table: make([][]rune, r.Count(1))}
	for i := range p.table {
		rs := make([]rune, r.Count(1))
		prev := int64(0)
		for j := range rs {
			prev += r.Int()
			rs[j] = rune(prev)
		}
		p.table[i] = rs
	}
	p.heads = make([]progHead, r.Count(4))
	sizes := make([]int, len(p.heads))
	total := 0
	for i := range p.heads {
		h := &p.heads[i]
		h.start, h.numCap, h.insts, sizes[i] = int(r.Uint()), int(r.Uint()), int(r.Uint()), r.Count(1)
		// An operation takes a byte: more instructions than bytes is
		// damage, and would allocate more than the data holds.
		if total += sizes[i]; h.insts > sizes[i] || total > r.Remaining() {
			r.Fail("program size past the end")
		}
	}
	bodies := r.Str()
	if sum := r.Word(); r.Err() == nil && (len(bodies) != total || sum != checksum(bodies)) {
		r.Fail("program bodies do not match their sizes and checksum")
	}
	if err := r.Err(); err != nil {
		return nil, err
	}
	for i := range p.heads {
		p.heads[i].body, bodies = bodies[:sizes[i]], bodies[sizes[i]:]
	}
	return p, nil
}

// Len returns the number of programs.
func (p *Progs) Len() int { return len(p.heads) }

// Prog decodes program i. It refuses a program that a DFA could not run
// safely, so damaged data gives an error, never a panic. Each call decodes
// anew: callers keep what they use.
func (p *Progs) Prog(i int) (*syntax.Prog, error) {
	h := &p.heads[i]
	prog := &syntax.Prog{Start: h.start, NumCap: h.numCap, Inst: make([]syntax.Inst, h.insts)}
	r := binenc.NewStringReader(h.body)
	insts := prog.Inst
	for i := range insts {
		insts[i].Op = syntax.InstOp(r.Uint())
	}
	for pc := range insts {
		if in := &insts[pc]; hasOut(in.Op) {
			in.Out = uint32(int64(pc) + r.Int())
		}
	}
	for pc := range insts {
		switch in := &insts[pc]; {
		case in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch:
			in.Arg = uint32(int64(pc) + r.Int())
		case hasArg(in.Op):
			in.Arg = uint32(r.Uint())
		}
	}
	for pc := range insts {
		if in := &insts[pc]; isRune(in.Op) {
			if k := r.Uint(); k < uint64(len(p.table)) {
				in.Rune = p.table[k]
			} else {
				r.Fail("rune table index out of range")
			}
		}
	}
	err := r.End()
	if err == nil {
		err = checkProg(prog)
	}
	if err != nil {
		return nil, errors.New("program " + strconv.Itoa(i) + ": " + err.Error())
	}
	return prog, nil
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

package dfa

import (
	"regexp/syntax"
	"unicode/utf8"
)

// Submatch returns the byte offsets in s of capture group n (1 for the
// first group) in the match at the start of s, which ends at end (what
// MatchEnd returned), or -1, -1 when there is no match or the group took no
// part in it. It gives what Go's regexp gives.
//
// Knowing the end, it reads s only up to the rune after it (zero-width
// assertions at the end look at that rune) and takes a thread's match only
// there: the highest-priority thread that matches, the one it looks for,
// ends there. A value found at the start of a window costs its own length,
// not the window's.
//
// It needs a DFA of one pattern (it returns -1, -1 for others).
//
// It backtracks like Go's regexp does on short inputs (priority order, each
// instruction tried at most once per position), but tests runes through the
// classes the automaton already computed instead of searching the
// instruction's ranges, which with Unicode classes and case folding is most
// of the regexp's time.
func (d *DFA) Submatch(s string, end, n int) (int, int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if n < 1 || 2*n+1 >= d.prog.NumCap || len(d.starts) != 1 || end < 0 || end > len(s) { // NumCap counts the slots, 2 per group
		return -1, -1
	}
	if end < len(s) {
		_, size := utf8.DecodeRuneInString(s[end:])
		s = s[:end+size]
	}
	// Runes of s: start offsets (plus len(s)) and classes.
	pos, cls := d.sub.pos[:0], d.sub.cls[:0]
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		pos, cls = append(pos, int32(i)), append(cls, d.classOfRune(r))
		i += size
	}
	pos = append(pos, int32(len(s)))
	d.sub.pos, d.sub.cls = pos, cls
	runes := len(cls)

	width := runes + 1
	need := (len(d.prog.Inst)*width + 63) / 64
	if cap(d.sub.visited) < need {
		d.sub.visited = make([]uint64, need)
	}
	visited := d.sub.visited[:need]
	clear(visited)

	if d.sub.prog == nil {
		d.sub.prog = make([]subInst, len(d.prog.Inst))
		for pc, in := range d.prog.Inst {
			si := subInst{op: in.Op, out: in.Out, arg: in.Arg, outRune: -1, argRune: -1}
			if k := d.runeIdx[pc]; k >= 0 {
				si.arg = uint32(k)
			}
			if in.Op == syntax.InstAlt || in.Op == syntax.InstAltMatch {
				si.outRune, si.argRune = d.firstRune(in.Out), d.firstRune(in.Arg)
			}
			d.sub.prog[pc] = si
		}
	}
	prog := d.sub.prog
	caps := [2]int32{-1, -1}
	slot0 := uint32(2 * n)
	stack := append(d.sub.stack[:0], uint64(d.prog.Start)<<32)
	for len(stack) > 0 {
		jb := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if jb&restoreJob != 0 {
			caps[jb>>62&1] = int32(uint32(jb))
			continue
		}
		pc, j := uint32(jb>>32), uint32(jb)
	step:
		if bit := int(pc)*width + int(j); visited[bit/64]&(1<<(bit%64)) != 0 {
			continue
		} else {
			visited[bit/64] |= 1 << (bit % 64)
		}
		in := &prog[pc]
		switch in.op {
		case syntax.InstAlt, syntax.InstAltMatch:
			// A branch that starts with a rune the next one does not
			// match is not followed: most branches of an alternation of
			// words fail on their first letter.
			if in.argRune < 0 || int(j) < runes && d.accepts(in.argRune, cls[j]) {
				stack = append(stack, uint64(in.arg)<<32|uint64(j))
			}
			if in.outRune >= 0 && (int(j) == runes || !d.accepts(in.outRune, cls[j])) {
				continue
			}
			pc = in.out
			goto step
		case syntax.InstCapture:
			if in.arg == slot0 || in.arg == slot0+1 {
				k := in.arg - slot0
				stack = append(stack, restoreJob|uint64(k)<<62|uint64(uint32(caps[k])))
				caps[k] = pos[j]
			}
			pc = in.out
			goto step
		case syntax.InstNop:
			pc = in.out
			goto step
		case syntax.InstEmptyWidth:
			before, after := rune(-1), rune(-1)
			if j > 0 {
				before = d.classRune[cls[j-1]]
			}
			if int(j) < runes {
				after = d.classRune[cls[j]]
			}
			if syntax.EmptyOp(in.arg)&^syntax.EmptyOpContext(before, after) == 0 {
				pc = in.out
				goto step
			}
		case syntax.InstMatch:
			if pos[j] == int32(end) {
				d.sub.stack = stack[:0]
				return int(caps[0]), int(caps[1])
			}
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if int(j) < runes && d.accepts(int32(in.arg), cls[j]) {
				pc, j = in.out, j+1
				goto step
			}
		}
	}
	d.sub.stack = stack[:0]
	return -1, -1
}

// A job of Submatch's stack is a thread to resume, pc<<32 | rune index, or,
// with restoreJob set, a capture slot to restore: slot<<62 | value.
const restoreJob = 1 << 63

// subInst is what Submatch reads of an instruction; arg is the index in
// runeInsts for rune instructions (see accepts).
type subInst struct {
	op       syntax.InstOp
	out, arg uint32
	// For an alternation: the runeInsts index of the rune instruction each
	// branch starts with, or -1.
	outRune, argRune int32
}

// firstRune returns the runeInsts index of the instruction at pc, past
// captures and no-ops, if it consumes a rune; else -1.
func (d *DFA) firstRune(pc uint32) int32 {
	for range len(d.prog.Inst) {
		switch d.prog.Inst[pc].Op {
		case syntax.InstCapture, syntax.InstNop:
			pc = d.prog.Inst[pc].Out
			continue
		}
		return d.runeIdx[pc]
	}
	return -1
}

// subScratch holds Submatch's buffers between calls.
type subScratch struct {
	pos     []int32
	cls     []uint16
	visited []uint64
	stack   []uint64
	prog    []subInst // built on first use
}

// classOfRune returns r's class, classifying it if new.
func (d *DFA) classOfRune(r rune) uint16 {
	var c uint16
	if r < utf8.RuneSelf {
		c = d.ascii[r]
	} else {
		c = d.other[r]
	}
	if c == unclassified {
		c = d.classify(r)
	}
	return c
}

// accepts reports whether the rune instructions like runeInsts[k] accept
// the runes of class c: bit k of the class signature (after its kind byte).
func (d *DFA) accepts(k int32, c uint16) bool {
	return d.classSig[c][1+k/8]&(1<<(k%8)) != 0
}

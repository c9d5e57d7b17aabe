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

	caps := [2]int32{-1, -1}
	slot0 := uint32(2 * n)
	stack := append(d.sub.stack[:0], job{pc: uint32(d.prog.Start)})
	defer func() { d.sub.stack = stack[:0] }()
	for len(stack) > 0 {
		jb := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if jb.restore {
			caps[jb.slot] = jb.val
			continue
		}
		pc, j := jb.pc, jb.j
	step:
		if bit := int(pc)*width + int(j); visited[bit/64]&(1<<(bit%64)) != 0 {
			continue
		} else {
			visited[bit/64] |= 1 << (bit % 64)
		}
		in := &d.prog.Inst[pc]
		switch in.Op {
		case syntax.InstAlt, syntax.InstAltMatch:
			stack = append(stack, job{pc: in.Arg, j: j})
			pc = in.Out
			goto step
		case syntax.InstCapture:
			if in.Arg == slot0 || in.Arg == slot0+1 {
				k := in.Arg - slot0
				stack = append(stack, job{restore: true, slot: k, val: caps[k]})
				caps[k] = pos[j]
			}
			pc = in.Out
			goto step
		case syntax.InstNop:
			pc = in.Out
			goto step
		case syntax.InstEmptyWidth:
			before, after := rune(-1), rune(-1)
			if j > 0 {
				before = d.classRune[cls[j-1]]
			}
			if int(j) < runes {
				after = d.classRune[cls[j]]
			}
			if syntax.EmptyOp(in.Arg)&^syntax.EmptyOpContext(before, after) == 0 {
				pc = in.Out
				goto step
			}
		case syntax.InstMatch:
			if pos[j] == int32(end) {
				return int(caps[0]), int(caps[1])
			}
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			if int(j) < runes && d.accepts(pc, cls[j]) {
				pc, j = in.Out, j+1
				goto step
			}
		}
	}
	return -1, -1
}

// job is a thread to resume (pc at rune j), or a capture to restore.
type job struct {
	pc, j   uint32
	restore bool
	slot    uint32
	val     int32
}

// subScratch holds Submatch's buffers between calls.
type subScratch struct {
	pos     []int32
	cls     []uint16
	visited []uint64
	stack   []job
}

// classOfRune returns r's class, classifying it if new.
func (d *DFA) classOfRune(r rune) uint16 {
	if r < utf8.RuneSelf {
		if c := d.ascii[r]; c != noClass {
			return c
		}
	} else if c, ok := d.other[r]; ok {
		return c
	}
	return d.classify(r)
}

// accepts reports whether rune instruction pc accepts the runes of class c:
// bit runeIdx[pc] of the class signature (after its kind byte).
func (d *DFA) accepts(pc uint32, c uint16) bool {
	k := d.runeIdx[pc]
	return d.classSig[c][1+k/8]&(1<<(k%8)) != 0
}

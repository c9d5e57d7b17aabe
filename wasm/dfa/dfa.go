// Package dfa runs a regular expression anchored at the start of its input
// with a deterministic automaton built lazily, state by state, as inputs
// need them, and kept between runs.
//
// The engine runs each rule's pattern anchored at thousands of positions per
// scan. Go's regexp simulates the pattern's program for every one of them
// (its backtracker or its NFA), which costs several times more in
// WebAssembly than natively. Here the same program is simulated once per
// (state, kind of rune) pair; later runs cost one table lookup per rune.
//
// Matches are the ones Go's regexp finds (leftmost-first, Perl semantics,
// with its ASCII \b and multi-line flags): a state is the ordered list of
// the program's threads, and the threads after a match are dropped because a
// regexp prefers the match found first. MatchEnd gives where the match
// ends; Submatch finds a group's span by backtracking over the same rune
// classes.
package dfa

import (
	"regexp/syntax"
	"strconv"
	"sync"
	"unicode/utf8"
)

// DFA matches one pattern. It is safe for concurrent use.
type DFA struct {
	mu   sync.Mutex
	prog *syntax.Prog
	// runeInsts lists the program's rune-consuming instructions: runes
	// that all of them treat alike are one class.
	runeInsts []uint32
	ascii     [utf8.RuneSelf]uint16 // class of each ASCII rune, or noClass
	other     map[rune]uint16       // class of the non-ASCII runes met so far
	classOf   map[string]uint16     // class by signature
	classRune []rune                // a representative rune per class
	classSig  []string              // per class: its signature (see classify)
	runeIdx   []int32               // per program counter: its index in runeInsts, or -1

	states   []state
	index    map[string]int32 // state by key
	size     int              // bytes the states hold, roughly
	maxBytes int

	sub subScratch // Submatch's buffers

	// scratch for building states
	seen  []uint32 // sparse set over program counters
	dense []uint32
	list  []uint32
	key   []byte
}

// before describes the rune before a position, which is all zero-width
// assertions need to know of it (with the rune after it).
type before uint8

const (
	atStart before = iota
	afterNewline
	afterWord
	afterOther
)

// sample is a rune of each kind, for syntax.EmptyOpContext.
var sample = [...]rune{atStart: -1, afterNewline: '\n', afterWord: 'a', afterOther: ' '}

func kindOf(r rune) before {
	switch {
	case r == '\n':
		return afterNewline
	case r < utf8.RuneSelf && syntax.IsWordChar(r):
		return afterWord
	}
	return afterOther
}

// A state is the ordered list of threads (program counters not yet
// followed through empty-width instructions, which depend on the next rune)
// and the kind of rune before.
type state struct {
	pcs    []uint32
	before before
	// next holds, per rune class, 0 when not computed yet, else
	// (target+1)<<1 | 1 if a match ends before the rune.
	next []uint32
	// atEnd: 0 not computed, 1 a match ends at the end of input, 2 not.
	atEnd uint8
}

const (
	noClass = 0xFFFF
	dead    = 0 // the state without threads
)

// DefaultMaxBytes bounds the memory a DFA's states take; past it the cache
// is emptied and rebuilt, so memory stays bounded whatever the input. After
// the benchmark's texts the shipped rules' largest automaton holds 35 KB
// (300 KB for all 69).
const DefaultMaxBytes = 64 << 10

// Compile parses pattern with Perl flags, as regexp.Compile does.
func Compile(pattern string) (*DFA, error) {
	prog, err := CompileProg(pattern)
	if err != nil {
		return nil, err
	}
	return New(prog, DefaultMaxBytes), nil
}

// CompileProg parses and compiles pattern as Compile does, into the program
// New takes.
func CompileProg(pattern string) (*syntax.Prog, error) {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return nil, err
	}
	return syntax.Compile(re.Simplify())
}

// New returns a DFA for prog whose states take at most about maxBytes.
func New(prog *syntax.Prog, maxBytes int) *DFA {
	d := &DFA{
		prog:     prog,
		other:    map[rune]uint16{},
		classOf:  map[string]uint16{},
		maxBytes: maxBytes,
		seen:     make([]uint32, len(prog.Inst)),
		dense:    make([]uint32, 0, len(prog.Inst)),
	}
	d.runeIdx = make([]int32, len(prog.Inst))
	for pc, in := range prog.Inst {
		d.runeIdx[pc] = -1
		switch in.Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			d.runeIdx[pc] = int32(len(d.runeInsts))
			d.runeInsts = append(d.runeInsts, uint32(pc))
		}
	}
	for i := range d.ascii {
		d.ascii[i] = noClass
	}
	d.reset()
	return d
}

// reset empties the state cache, keeping the dead and start states.
func (d *DFA) reset() {
	d.states = d.states[:0]
	d.index = map[string]int32{}
	d.size = 0
	d.intern(nil, atStart) // dead
	d.intern([]uint32{uint32(d.prog.Start)}, atStart)
}

const start = 1

// MatchEnd returns the length of the match of the pattern at the start of
// s, or -1 if there is none.
func (d *DFA) MatchEnd(s string) int {
	d.mu.Lock()
	n := d.matchEnd(s)
	d.mu.Unlock()
	return n
}

func (d *DFA) matchEnd(s string) int {
	last := -1
	si := int32(start)
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		var cls uint16
		if r < utf8.RuneSelf {
			cls = d.ascii[r]
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
			cls = noClass
			if c, ok := d.other[r]; ok {
				cls = c
			}
		}
		if cls == noClass {
			cls = d.classify(r)
		}
		var t uint32
		if st := &d.states[si]; int(cls) < len(st.next) {
			t = st.next[cls]
		}
		if t == 0 {
			t = d.transition(si, cls)
		}
		if t&1 != 0 {
			last = i
		}
		si = int32(t>>1) - 1
		if si == dead {
			return last
		}
		i += size
	}
	st := &d.states[si]
	if st.atEnd == 0 {
		st.atEnd = 2
		if _, matched := d.closure(st.pcs, syntax.EmptyOpContext(sample[st.before], -1)); matched {
			st.atEnd = 1
		}
	}
	if st.atEnd == 1 {
		last = len(s)
	}
	return last
}

// classify gives r a class: runes that every rune instruction accepts or
// refuses alike, and that are alike for zero-width assertions, share one.
func (d *DFA) classify(r rune) uint16 {
	sig := make([]byte, 1, 1+len(d.runeInsts)/8+1)
	sig[0] = byte(kindOf(r))
	var bits byte
	for j, pc := range d.runeInsts {
		if matchRune(&d.prog.Inst[pc], r) {
			bits |= 1 << (j % 8)
		}
		if j%8 == 7 {
			sig, bits = append(sig, bits), 0
		}
	}
	sig = append(sig, bits)
	cls, ok := d.classOf[string(sig)]
	if !ok {
		cls = uint16(len(d.classRune))
		d.classRune = append(d.classRune, r)
		d.classSig = append(d.classSig, string(sig))
		d.classOf[string(sig)] = cls
	}
	if r < utf8.RuneSelf {
		d.ascii[r] = cls
	} else {
		// The non-ASCII runes' classes have a budget too: a text of many
		// distinct letters (CJK, emoji) would otherwise grow the map.
		if len(d.other)*otherEntry >= d.maxBytes/2 {
			clear(d.other)
		}
		d.other[r] = cls
	}
	return cls
}

func matchRune(in *syntax.Inst, r rune) bool {
	switch in.Op {
	case syntax.InstRuneAny:
		return true
	case syntax.InstRuneAnyNotNL:
		return r != '\n'
	}
	return in.MatchRune(r)
}

// transition computes and records the move of state si on class cls.
func (d *DFA) transition(si int32, cls uint16) uint32 {
	r := d.classRune[cls]
	st := &d.states[si]
	list, matched := d.closure(st.pcs, syntax.EmptyOpContext(sample[st.before], r))
	var next []uint32
	for _, pc := range list {
		if in := &d.prog.Inst[pc]; matchRune(in, r) {
			next = append(next, in.Out)
		}
	}
	if d.size >= d.maxBytes {
		// Full: start over. The transition is not recorded, the run goes
		// on from the target interned in the new cache.
		d.reset()
		ti := d.intern(next, kindOf(r))
		return uint32(ti+1)<<1 | b2u(matched)
	}
	ti := d.intern(next, kindOf(r))
	t := uint32(ti+1)<<1 | b2u(matched)
	st = &d.states[si] // intern may have moved it
	if grow := int(cls) + 1 - len(st.next); grow > 0 {
		st.next = append(st.next, make([]uint32, grow)...)
		d.size += 4 * grow
	}
	st.next[cls] = t
	return t
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

// closure follows the threads pcs through the instructions that consume no
// rune, given the zero-width assertions that hold, and returns the
// rune-consuming instructions reached, in priority order. It stops at the
// first match: the threads after it are of lower priority.
func (d *DFA) closure(pcs []uint32, flags syntax.EmptyOp) (list []uint32, matched bool) {
	d.dense = d.dense[:0]
	d.list = d.list[:0]
	for _, pc := range pcs {
		if d.add(pc, flags) {
			return d.list, true
		}
	}
	return d.list, false
}

// add follows pc; it reports whether a match was reached.
func (d *DFA) add(pc uint32, flags syntax.EmptyOp) bool {
	if i := d.seen[pc]; int(i) < len(d.dense) && d.dense[i] == pc {
		return false
	}
	d.seen[pc] = uint32(len(d.dense))
	d.dense = append(d.dense, pc)
	in := &d.prog.Inst[pc]
	switch in.Op {
	case syntax.InstAlt, syntax.InstAltMatch:
		return d.add(in.Out, flags) || d.add(in.Arg, flags)
	case syntax.InstEmptyWidth:
		if syntax.EmptyOp(in.Arg)&^flags == 0 {
			return d.add(in.Out, flags)
		}
	case syntax.InstNop, syntax.InstCapture:
		return d.add(in.Out, flags)
	case syntax.InstMatch:
		return true
	case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
		d.list = append(d.list, pc)
	}
	return false
}

// intern returns the index of the state (pcs, b), adding it if new. pcs
// may hold duplicates; the first occurrence has priority.
func (d *DFA) intern(pcs []uint32, b before) int32 {
	key := append(d.key[:0], byte(b))
	d.dense = d.dense[:0]
	uniq := pcs[:0:0]
	for _, pc := range pcs {
		if i := d.seen[pc]; int(i) < len(d.dense) && d.dense[i] == pc {
			continue
		}
		d.seen[pc] = uint32(len(d.dense))
		d.dense = append(d.dense, pc)
		uniq = append(uniq, pc)
		key = strconv.AppendUint(append(key, ','), uint64(pc), 10)
	}
	d.key = key
	if len(uniq) == 0 && len(d.states) > 0 {
		return dead
	}
	if si, ok := d.index[string(key)]; ok {
		return si
	}
	si := int32(len(d.states))
	d.states = append(d.states, state{pcs: uniq, before: b})
	d.index[string(key)] = si
	d.size += 4*len(uniq) + len(key) + stateOverhead
	return si
}

// otherEntry is roughly what a non-ASCII rune's entry in the class map
// costs; the map may take half the budget.
const otherEntry = 16

// stateOverhead is what a state costs beyond its threads and transitions:
// the struct, its map entry, slice headers.
const stateOverhead = 96

// Prog returns the program d runs.
func (d *DFA) Prog() *syntax.Prog { return d.prog }

// Size returns how many states are cached and about how many bytes they
// and the class map hold (for tests and benchmarks).
func (d *DFA) Size() (states, bytes int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.states), d.size + len(d.other)*otherEntry
}

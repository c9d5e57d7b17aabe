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
//
// NewMulti runs several patterns in one automaton: one run from a position
// gives each pattern's match there, at the cost of one pattern's run. The
// engine runs all its digit rules so at every start in a digit window.
package dfa

import (
	"math/bits"
	"regexp/syntax"
	"unicode/utf8"
	"unsafe"
)

// DFA matches one pattern, or several (see NewMulti). It is safe for
// concurrent use.
type DFA struct {
	mu   mutex
	prog *syntax.Prog
	// starts holds each pattern's first instruction in prog; slot, when
	// there are several patterns, the pattern each instruction belongs to.
	starts []uint32
	slot   []uint8
	// search marks a DFA from NewSearch: every state also holds the
	// patterns' starts, so a run tries every position at once.
	search bool
	// runeInsts lists one of each distinct rune-consuming instruction of
	// the program (the same [0-9] recurs hundreds of times in a group's
	// program): runes that all of them treat alike are one class.
	runeInsts []uint32
	ascii     [utf8.RuneSelf]uint16 // class of each ASCII rune, or unclassified
	other     map[rune]uint16       // class of the non-ASCII runes met so far
	classOf   map[string]uint16     // class by signature
	classRune []rune                // a representative rune per class
	classSig  []string              // per class: its signature (see classify)
	runeIdx   []int32               // per program counter: the index in runeInsts of its like, or -1

	states []state
	// index finds a state by its key: an open-addressing table whose slots
	// hold a state's index plus one (0: empty), at most half full. A Go map
	// took four times the memory.
	index    []int32
	size     int // bytes the states hold, roughly
	maxBytes int

	sub subScratch // Submatch's buffers
	// sets holds the sets of patterns that transitions say match; a
	// transition holds an index in it (0: none), setIdx finds them.
	sets   []uint64
	setIdx map[uint64]uint32

	// scratch for building states
	seen    []uint32 // sparse set over program counters
	dense   []uint32
	list    []uint32
	key     []byte
	threads []uint32 // a state's threads, decoded
	targets []uint32 // a transition's threads, before intern
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
// and the kind of rune before. Each pattern's threads keep their priority
// order; a match of one pattern drops only that pattern's later threads.
type state struct {
	// key is the kind of rune before, then the threads as uvarints: it is
	// also the state's key in DFA.index, so the threads are stored once,
	// compactly (they are read back only to compute a transition).
	key string
	// next holds, per rune class, 0 when not computed yet, else
	// (target+1)<<setBits | k, where sets[k] is the set of patterns whose
	// match ends before the rune. Its length is one past the highest class
	// computed: a table as wide as every class for every state took twice
	// the memory and made the caches overflow.
	next []uint32
	// endSet is the set of patterns whose match ends at the end of input,
	// once ended is true.
	endSet uint64
	ended  bool
}

const (
	// unclassified is the class of the runes not classified yet: its
	// transitions stay 0, so the run loop finds them with the test it
	// makes for transitions not computed yet.
	unclassified = 0
	dead         = 0 // the state without threads
)

// DefaultMaxBytes bounds the memory a DFA's states take; past it the cache
// is emptied and rebuilt, so memory stays bounded whatever the input. At 64
// KiB the core's linear memory reached 15.5 MiB (over 16 MB) after the
// benchmark's texts and 3,963 varied posts with 85 rules; at 56 KiB it
// stayed at 15.0 MiB, for 5% more time on those posts (12 automata fill
// their cache there). With 89 rules and 4,973 posts it had reached 16.0 MiB
// again, until the states took less than their budget says: threads stored
// once, in the key; rows exactly as long as needed; an index table instead
// of a map; a reset that lets the old states go (15.0 MiB, no slower).
const DefaultMaxBytes = 56 << 10

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
	return newDFA(prog, []uint32{uint32(prog.Start)}, nil, maxBytes)
}

// MaxPatterns is how many patterns one automaton runs together.
const MaxPatterns = 64

// NewMulti returns a DFA that runs progs (at most MaxPatterns) together:
// see Ends. Pattern k is bit k of the sets it returns.
func NewMulti(progs []*syntax.Prog, maxBytes int) *DFA {
	all, starts, slot := concat(progs)
	return newDFA(all, starts, slot, maxBytes)
}

// concat returns progs as one program, with each one's start and the
// pattern each instruction belongs to.
func concat(progs []*syntax.Prog) (all *syntax.Prog, starts []uint32, slot []uint8) {
	if len(progs) == 0 || len(progs) > MaxPatterns {
		panic("dfa: an automaton of several patterns needs 1 to 64 programs")
	}
	n := 0
	for _, p := range progs {
		n += len(p.Inst)
	}
	all = &syntax.Prog{Inst: make([]syntax.Inst, 0, n)}
	slot = make([]uint8, 0, n)
	for k, p := range progs {
		off := uint32(len(all.Inst))
		starts = append(starts, off+uint32(p.Start))
		for _, in := range p.Inst {
			switch in.Op {
			case syntax.InstMatch, syntax.InstFail:
			case syntax.InstAlt, syntax.InstAltMatch:
				in.Out, in.Arg = in.Out+off, in.Arg+off
			default: // Arg is not an instruction for these
				in.Out += off
			}
			all.Inst = append(all.Inst, in)
			slot = append(slot, uint8(k))
		}
	}
	all.Start = int(starts[0])
	return all, starts, slot
}

// NewSearch returns a DFA that tells where the first match of any of progs
// (at most MaxPatterns), starting anywhere in an input, ends: see FirstEnd.
// Zero-width assertions (\b, ^, $) are taken to hold, so it finds every
// match the patterns have at any position of the input, and more: a
// prefilter that says where anchored runs cannot succeed.
func NewSearch(progs []*syntax.Prog, maxBytes int) *DFA {
	all, starts, slot := concat(progs)
	for i := range all.Inst {
		if in := &all.Inst[i]; in.Op == syntax.InstEmptyWidth {
			in.Op, in.Arg = syntax.InstNop, 0
		}
	}
	d := newDFA(all, starts, slot, maxBytes)
	d.search = true
	return d
}

// FirstEnd returns the offset in s where the first match of a pattern,
// starting at any offset, ends, or -1 if none does. It is for a DFA from
// NewSearch.
func (d *DFA) FirstEnd(s string) int {
	if !d.search {
		panic("dfa: FirstEnd on a DFA not from NewSearch")
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	si := int32(start)
	for i := 0; i < len(s); {
		c, size := s[i], 1
		cls := d.ascii[c&(utf8.RuneSelf-1)]
		if c >= utf8.RuneSelf {
			cls, size = d.otherClass(s[i:])
		}
		var t uint32
		if next := d.states[si].next; int(cls) < len(next) {
			t = next[cls]
		}
		if t == 0 {
			t = d.slowStep(si, cls, s[i:])
		}
		if t&setMask != 0 {
			return i
		}
		si = int32(t>>setBits) - 1
		i += size
	}
	if d.endSet(si) != 0 {
		return len(s)
	}
	return -1
}

func newDFA(prog *syntax.Prog, starts []uint32, slot []uint8, maxBytes int) *DFA {
	d := &DFA{
		prog:     prog,
		starts:   starts,
		slot:     slot,
		other:    map[rune]uint16{},
		classOf:  map[string]uint16{},
		maxBytes: maxBytes,
		seen:     make([]uint32, len(prog.Inst)),
		dense:    make([]uint32, 0, len(prog.Inst)),
	}
	d.runeIdx = make([]int32, len(prog.Inst))
	like := map[runeKey]int32{}
	for pc, in := range prog.Inst {
		d.runeIdx[pc] = -1
		switch in.Op {
		case syntax.InstRune, syntax.InstRune1, syntax.InstRuneAny, syntax.InstRuneAnyNotNL:
			key := runeKey{op: in.Op, fold: in.Arg & uint32(syntax.FoldCase), n: len(in.Rune)}
			if len(in.Rune) > 0 {
				key.ranges = &in.Rune[0]
			}
			k, ok := like[key]
			if !ok {
				k = int32(len(d.runeInsts))
				like[key] = k
				d.runeInsts = append(d.runeInsts, uint32(pc))
			}
			d.runeIdx[pc] = k
		}
	}
	d.classRune, d.classSig = []rune{-1}, []string{""} // unclassified
	d.reset()
	return d
}

// runeKey is what matchRune looks at in an instruction. Ranges are told
// apart by address: programs read from a snapshot share one table of them
// (see ReadProgs), others are simply not merged.
type runeKey struct {
	op     syntax.InstOp
	fold   uint32
	ranges *rune
	n      int
}

// reset empties the state cache, keeping the dead and start states and the
// empty match set.
func (d *DFA) reset() {
	// Cleared, not only truncated: the old states' rows would stay
	// reachable from the array until overwritten.
	clear(d.states)
	d.states = d.states[:0]
	if d.index == nil {
		d.index = make([]int32, 16)
	}
	clear(d.index)
	d.sets = append(d.sets[:0], 0)
	d.setIdx = map[uint64]uint32{0: 0}
	d.size = 0
	d.intern(nil, atStart) // dead
	d.intern(d.starts, atStart)
}

const start = 1

// MatchEnd returns the length of the match of the pattern at the start of
// s, or -1 if there is none. It is for a DFA of one pattern (New); with
// several, use Ends.
func (d *DFA) MatchEnd(s string) int {
	if len(d.starts) != 1 {
		panic("dfa: MatchEnd on a DFA of several patterns")
	}
	var end [1]int
	d.mu.Lock()
	found := d.ends(s, end[:])
	d.mu.Unlock()
	if found == 0 {
		return -1
	}
	return end[0]
}

// endSet returns the patterns whose match ends at the end of input in
// state si.
func (d *DFA) endSet(si int32) uint64 {
	st := &d.states[si]
	if !st.ended {
		_, st.endSet = d.closure(d.decode(st.key), syntax.EmptyOpContext(sample[st.key[0]], -1))
		st.ended = true
	}
	return st.endSet
}

// Ends runs every pattern of d at the start of s and returns the set of
// patterns that matched; for each, it sets ends[k] to the length of pattern
// k's match (other entries are left as they were). ends needs a length of at
// least the number of patterns.
func (d *DFA) Ends(s string, ends []int) uint64 {
	d.mu.Lock()
	found := d.ends(s, ends[:len(d.starts)])
	d.mu.Unlock()
	return found
}

func (d *DFA) ends(s string, ends []int) (found uint64) {
	si := int32(start)
	// The states are reread only after a slow path, which may add to
	// them: in WebAssembly every field read through d is a load.
	states := d.states
	for i := 0; ; {
		// Most runes are ASCII, with a transition already computed to a
		// live state and no match ending before them: they take this loop,
		// the rest leave it for the step below. Go compiles a taken branch
		// to WebAssembly as a jump through the function's dispatch table,
		// and a loop's exits are laid out as the unlikely way.
		for i < len(s) {
			c := s[i]
			if c >= utf8.RuneSelf {
				break
			}
			next := states[si].next
			cls := int(d.ascii[c])
			if cls >= len(next) {
				break
			}
			t := next[cls]
			if !plain(t) {
				break
			}
			si = int32(t>>setBits) - 1
			i++
		}
		if i == len(s) {
			break
		}
		c, size := s[i], 1
		cls := d.ascii[c&(utf8.RuneSelf-1)]
		if c >= utf8.RuneSelf {
			cls, size = d.otherClass(s[i:])
		}
		var t uint32
		if next := states[si].next; int(cls) < len(next) {
			t = next[cls]
		}
		if t == 0 {
			t = d.slowStep(si, cls, s[i:])
			states = d.states
		}
		if k := t & setMask; k != 0 {
			set := d.sets[k]
			for found |= set; set != 0; set &= set - 1 {
				ends[bits.TrailingZeros64(set)] = i
			}
		}
		si = int32(t>>setBits) - 1
		if si == dead {
			return found
		}
		i += size
	}
	set := d.endSet(si)
	for found |= set; set != 0; set &= set - 1 {
		ends[bits.TrailingZeros64(set)] = len(s)
	}
	return found
}

// otherClass returns the class of the rune s starts with, a non-ASCII one,
// or unclassified, and its size.
func (d *DFA) otherClass(s string) (uint16, int) {
	r, size := utf8.DecodeRuneInString(s)
	return d.other[r], size
}

// slowStep returns the transition of state si on the rune s starts with,
// of class cls, classifying the rune and computing the transition as
// needed.
func (d *DFA) slowStep(si int32, cls uint16, s string) uint32 {
	if cls == unclassified {
		r, _ := utf8.DecodeRuneInString(s)
		cls = d.classify(r)
		if next := d.states[si].next; int(cls) < len(next) && next[cls] != 0 {
			return next[cls]
		}
	}
	return d.transition(si, cls)
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
	list, matched := d.closure(d.decode(st.key), syntax.EmptyOpContext(sample[st.key[0]], r))
	next := d.targets[:0]
	for _, pc := range list {
		if in := &d.prog.Inst[pc]; matchRune(in, r) {
			next = append(next, in.Out)
		}
	}
	kind := kindOf(r)
	if d.search {
		// A match may also start at the next rune; what comes before it
		// does not matter, assertions being taken to hold.
		next, kind = append(next, d.starts...), afterOther
	}
	k, ok := d.setIdx[matched]
	full := !ok && len(d.sets) > setMask || d.size >= d.maxBytes || len(d.states) >= maxStates
	if full {
		// Start over. The transition is not recorded, the run goes on from
		// the target interned in the new cache.
		d.reset()
		k, ok = d.setIdx[matched]
	}
	if !ok {
		k = uint32(len(d.sets))
		d.sets = append(d.sets, matched)
		d.setIdx[matched] = k
		d.size += setEntry
	}
	t := uint32(d.intern(next, kind)+1)<<setBits | k
	d.targets = next
	if full {
		return t
	}
	st = &d.states[si] // intern may have moved it
	if grow := int(cls) + 1 - len(st.next); grow > 0 {
		// Exactly as long as needed: append's spare capacity would be
		// memory the budget does not count.
		row := make([]uint32, int(cls)+1)
		copy(row, st.next)
		st.next = row
		d.size += 4 * grow
	}
	st.next[cls] = t
	return t
}

// A transition keeps its match set's index in its low setBits bits.
const (
	setBits  = 10
	setMask  = 1<<setBits - 1
	setEntry = 32 // what an entry of sets and setIdx costs, roughly
)

// plain reports, in one test, whether transition t is computed, leads to a
// live state and ends no match: t-firstLive then has neither its sign bit
// (t below firstLive: not computed, or to the dead state) nor a set index.
// A transition is below 1<<31: see maxStates.
func plain(t uint32) bool { return (t-firstLive)&(1<<31|setMask) == 0 }

// maxStates bounds a cache's states whatever its byte budget, so that a
// transition, (target+1)<<setBits | k, stays below 1<<31.
const maxStates = 1<<(31-setBits) - 1

// firstLive is the first transition to a live state, without a match.
const firstLive = (dead + 2) << setBits

// closure follows the threads pcs through the instructions that consume no
// rune, given the zero-width assertions that hold, and returns the
// rune-consuming instructions reached, in priority order, and the set of
// patterns that matched. A pattern's threads after its match are dropped:
// they are of lower priority.
func (d *DFA) closure(pcs []uint32, flags syntax.EmptyOp) (list []uint32, matched uint64) {
	d.dense = d.dense[:0]
	d.list = d.list[:0]
	for _, pc := range pcs {
		bit := uint64(1)
		if d.slot != nil {
			bit <<= d.slot[pc]
		}
		if matched&bit == 0 && d.add(pc, flags) {
			matched |= bit
		}
	}
	return d.list, matched
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
	for _, pc := range pcs {
		if i := d.seen[pc]; int(i) < len(d.dense) && d.dense[i] == pc {
			continue
		}
		d.seen[pc] = uint32(len(d.dense))
		d.dense = append(d.dense, pc)
		for ; pc >= 0x80; pc >>= 7 {
			key = append(key, byte(pc)|0x80)
		}
		key = append(key, byte(pc))
	}
	d.key = key
	if len(key) == 1 && len(d.states) > 0 {
		return dead
	}
	// The key is looked up in place; it is copied only for a new state.
	slot, found := d.lookup(unsafe.String(&key[0], len(key)))
	if found {
		return d.index[slot] - 1
	}
	si := int32(len(d.states))
	d.states = append(d.states, state{key: string(key)})
	d.index[slot] = si + 1
	d.size += len(key) + stateOverhead
	if 2*len(d.states) > len(d.index) {
		d.rehash(2 * len(d.index))
	}
	return si
}

// lookup returns the slot of index that holds the state whose key is key,
// or else the empty slot where it would go.
func (d *DFA) lookup(key string) (slot int, found bool) {
	h := uint32(2166136261) // FNV-1a
	for i := 0; i < len(key); i++ {
		h = (h ^ uint32(key[i])) * 16777619
	}
	mask := len(d.index) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		si := d.index[i]
		if si == 0 {
			return i, false
		}
		if d.states[si-1].key == key {
			return i, true
		}
	}
}

// rehash makes index n slots long (a power of two) and puts the states in.
func (d *DFA) rehash(n int) {
	d.index = make([]int32, n)
	for si := range d.states {
		slot, _ := d.lookup(d.states[si].key)
		d.index[slot] = int32(si) + 1
	}
}

// decode returns the threads of the state whose key is key, in a buffer
// that the next call reuses.
func (d *DFA) decode(key string) []uint32 {
	pcs := d.threads[:0]
	var pc uint32
	var shift uint
	for i := 1; i < len(key); i++ {
		c := key[i]
		pc |= uint32(c&0x7f) << shift
		shift += 7
		if c < 0x80 {
			pcs = append(pcs, pc)
			pc, shift = 0, 0
		}
	}
	d.threads = pcs
	return pcs
}

// otherEntry is roughly what a non-ASCII rune's entry in the class map
// costs; the map may take half the budget.
const otherEntry = 16

// stateOverhead is what a state costs beyond its threads and transitions:
// the struct, its slots in the index table, the states array's spare
// capacity.
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

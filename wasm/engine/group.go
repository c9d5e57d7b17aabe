package engine

import (
	"regexp/syntax"
	"sync"

	"vigie/wasm/dfa"
)

// group holds the rules of one anchor that run at every start of their
// windows (digit- or '@'-anchored). They run together in one automaton per
// dfa.MaxPatterns rules: at a start, one run gives every rule's match, where
// running each rule would cost one run per rule.
type group struct {
	rules []int // rule indexes, strongest first; a rule's position is its slot
	// byFirst lists, per byte, the slots of the rules whose matches can
	// start with it, strongest first.
	byFirst [256][]int32
	// reach is, per byte, the longest match of those rules (or unbounded):
	// a run need not read further.
	reach [256]int
	once  sync.Once
	autos []*dfa.DFA // built on first use
	// search, when set, makes a window first pass through searchers, which
	// tell whether a match of each automaton's rules may end in it wherever
	// it starts (see dfa.NewSearch): a window where none can is skipped.
	//
	// It pays where starts are many for few values: every start of an '@'
	// window runs up to the same '@', and the email pattern's searcher has
	// 13 states after the benchmark's texts. The digit rules' searcher combines 45 patterns'
	// states (1,500 after the benchmark's texts, 1.6 MB), and slowed their
	// scans.
	search    bool
	searchers []*dfa.DFA
}

// groupMaxBytes bounds the states of a group's automaton. It runs at
// thousands of starts per scan and its states combine the rules', so it
// needs more room than one rule's (see dfa.DefaultMaxBytes).
const groupMaxBytes = 512 << 10

// add appends rule ri, once rules come strongest first.
func (g *group) add(e *Engine, ri int) {
	slot := int32(len(g.rules))
	g.rules = append(g.rules, ri)
	info := e.rules[ri].info
	for b := range 256 {
		if info.first.has(byte(b)) {
			g.byFirst[b] = append(g.byFirst[b], slot)
			if info.maxLen == unbounded || g.reach[b] == unbounded {
				g.reach[b] = unbounded
			} else {
				g.reach[b] = max(g.reach[b], info.maxLen)
			}
		}
	}
}

// automata returns the group's automata, building them on first use.
func (g *group) automata(e *Engine) []*dfa.DFA {
	g.once.Do(func() {
		for lo := 0; lo < len(g.rules); lo += dfa.MaxPatterns {
			var progs []*syntax.Prog
			for _, ri := range g.rules[lo:min(lo+dfa.MaxPatterns, len(g.rules))] {
				c := &e.rules[ri]
				p := c.re.program(c.info)
				if p == nil {
					p = never // see matcher.program
				}
				progs = append(progs, p)
			}
			g.autos = append(g.autos, dfa.NewMulti(progs, groupMaxBytes))
			if g.search {
				g.searchers = append(g.searchers, dfa.NewSearch(progs, dfa.DefaultMaxBytes))
			}
		}
	})
	return g.autos
}

// mayMatch reports whether a rule of g may match somewhere in s: always
// for a group without searchers.
func (g *group) mayMatch(e *Engine, s string) bool {
	if !g.search {
		return true
	}
	g.automata(e)
	for _, d := range g.searchers {
		if d.FirstEnd(s) >= 0 {
			return true
		}
	}
	return false
}

// never is a program that matches nothing, in the slot of a rule whose
// pattern did not compile.
var never = &syntax.Prog{Inst: []syntax.Inst{{Op: syntax.InstFail}}}

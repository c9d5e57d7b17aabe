package engine

import (
	"cmp"
	"errors"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"sync"

	"vigie/wasm/dfa"
	"vigie/wasm/validators"
)

// Engine is a compiled bundle. It is safe for concurrent use: Scan keeps its
// scratch buffers in a per-call state.
type Engine struct {
	bundle *Bundle
	rules  []compiled
	dict   dictionary
	// The digit- and '@'-anchored rules, and the indexes of the text
	// rules, strongest first.
	digits, ats *group
	textRules   []int
	// contactRules run before the phone numbers, email and postal
	// addresses and IBANs found (AnchorContact), strongest first.
	contactRules []int
	// signatureRules run on the last line of a text that gives a contact
	// value just before it (AnchorSignature), strongest first.
	signatureRules []int
	// siblingRules run where a value of their type ends (AnchorSibling),
	// strongest first.
	siblingRules []int
	rank         []int // per rule: its place when rules are sorted strongest first
	threshold    float64
	ruleIndex    map[string]int // rule id → index, for the wasm results
	description  string         // see Description
	// packed identifies the bytes Load or LoadLazy compiled, for Snapshot;
	// zero for an engine compiled from a Bundle or loaded from a snapshot.
	packed bundleID
}

type compiled struct {
	*Rule
	re        *matcher
	info      *patternInfo // nil until analyzed (see prepare)
	analysis  *sync.Once
	validator validators.Validator
	// kinder is the validator when the rule's veto words treat some kinds
	// of values apart (VetoExcept, VetoTwice).
	kinder validators.Kinder
	// vetoNear is the check Rule.VetoNear names, or nil.
	vetoNear validators.NearCheck
	severity Severity
	boost    float64
	penalty  float64
	before   int
	after    int
}

// DefaultThreshold turns scores into findings: a candidate scoring lower is
// not reported.
const DefaultThreshold = 0.5

// Defaults applied when a rule leaves a field out.
const (
	defaultBoost   = 0.3
	defaultPenalty = 0.4
	defaultAfter   = 60
)

// ruleErr is a bundle error located at one rule.
func ruleErr(id string, err error) error {
	return bundleErr("rule ", id, ": ", err.Error())
}

// Compile checks every rule of b and prepares it for scanning. An error
// names the first rule that does not compile.
func Compile(b *Bundle) (*Engine, error) { return compile(b, false) }

// CompileLazy is Compile for a bundle already checked by Compile (the
// embedded default, or one the updater verified): keyword rules' patterns are
// only analyzed when a trigger first fires, which takes most of the work off
// start-up in WebAssembly. A keyword rule whose pattern turns out invalid
// never matches.
func CompileLazy(b *Bundle) (*Engine, error) { return compile(b, true) }

func compile(b *Bundle, lazy bool) (*Engine, error) {
	e := newEngine(b)
	vals := map[string]validators.Validator{}
	for i := range b.Rules {
		r := &b.Rules[i]
		c, err := compileRule(r, b, vals, lazy && r.Anchor == AnchorKeyword)
		if err == nil {
			err = e.addRule(c)
		}
		if err == nil {
			err = eachKeyword(r, func(entry string, kind hitKind) error { return e.dict.add(entry, i, kind) })
		}
		if err != nil {
			return nil, ruleErr(r.ID, err)
		}
	}
	e.index()
	e.description = describe(e)
	return e, nil
}

func newEngine(b *Bundle) *Engine {
	return &Engine{bundle: b, threshold: DefaultThreshold, ruleIndex: map[string]int{},
		digits: new(group), ats: &group{search: true}}
}

// addRule appends a compiled rule, whose id must be new.
func (e *Engine) addRule(c compiled) error {
	if _, dup := e.ruleIndex[c.ID]; dup {
		return errors.New("duplicate id")
	}
	e.ruleIndex[c.ID] = len(e.rules)
	e.rules = append(e.rules, c)
	return nil
}

// eachKeyword calls fn with each of r's triggers, context and negative
// words, in a fixed order (locales sorted), so that snapshots are
// reproducible.
func eachKeyword(r *Rule, fn func(entry string, kind hitKind) error) error {
	for _, t := range r.Triggers {
		if err := fn(t, kindTrigger); err != nil {
			return errors.New("trigger: " + err.Error())
		}
	}
	for _, set := range []struct {
		words map[string][]string
		kind  hitKind
	}{{r.Context, kindContext}, {r.Negative, kindNegative}, {r.Veto, kindVeto}} {
		for _, locale := range sortedNames(set.words) {
			for _, w := range set.words[locale] {
				if err := fn(w, set.kind); err != nil {
					return errors.New("context: " + err.Error())
				}
			}
		}
	}
	return nil
}

// index lists the rules by anchor, strongest first, once all are added:
// their validated values shadow weaker rules' starts (see matchAll).
// Keyword rules run where their triggers are.
func (e *Engine) index() {
	order := make([]int, len(e.rules))
	for i := range order {
		order[i] = i
	}
	// slices, not sort.SliceStable, whose reflection-based swapper would
	// be the WebAssembly core's only use of it.
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(e.rules[b].Score, e.rules[a].Score) })
	e.rank = make([]int, len(e.rules))
	for k, i := range order {
		e.rank[i] = k
		switch e.rules[i].Anchor {
		case AnchorDigits:
			e.digits.add(e, i)
		case AnchorAt:
			e.ats.add(e, i)
		case AnchorText:
			e.textRules = append(e.textRules, i)
		case AnchorContact:
			e.contactRules = append(e.contactRules, i)
		case AnchorSignature:
			e.signatureRules = append(e.signatureRules, i)
		case AnchorSibling:
			e.siblingRules = append(e.siblingRules, i)
		}
	}
}

func compileRule(r *Rule, b *Bundle, vals map[string]validators.Validator, deferAnalysis bool) (compiled, error) {
	c := compiled{Rule: r}
	if r.ID == "" {
		return c, errors.New("empty id")
	}
	if TypeIndex(r.Type) < 0 {
		return c, errors.New("unknown type " + strconv.Quote(string(r.Type)))
	}
	switch r.Anchor {
	case AnchorDigits, AnchorAt, AnchorText:
	case AnchorContact, AnchorSignature:
		if r.Before <= 0 {
			return c, errors.New("anchor " + r.Anchor + " needs before")
		}
	case AnchorSibling:
		if r.After <= 0 {
			return c, errors.New("anchor sibling needs after")
		}
	case AnchorKeyword:
		if len(r.Triggers) == 0 {
			return c, errors.New("anchor keyword needs triggers")
		}
	default:
		return c, errors.New("unknown anchor " + strconv.Quote(r.Anchor))
	}
	if r.Score <= 0 || r.Score > 1 {
		return c, errors.New("score " + strconv.FormatFloat(r.Score, 'g', -1, 64) + " outside (0,1]")
	}
	c.re = new(matcher)
	c.analysis = new(sync.Once)
	if !deferAnalysis {
		pi, err := analyze(r.Pattern)
		if err != nil {
			return c, errors.New("pattern: " + err.Error())
		}
		c.info = &pi
	}
	if r.Validator != "" {
		v, ok := vals[r.Validator]
		if !ok {
			var err error
			v, err = validators.New(r.Validator, b.Tables[r.Validator])
			if err != nil {
				return c, err
			}
			vals[r.Validator] = v
		}
		c.validator = v
	}
	// A slice, not a map: the first field at fault is always the one named.
	for _, f := range [...]struct {
		name  string
		kinds []string
	}{{"veto_except", r.VetoExcept}, {"veto_twice", r.VetoTwice}} {
		field, kinds := f.name, f.kinds
		if len(kinds) == 0 {
			continue
		}
		k, ok := c.validator.(validators.Kinder)
		if !ok {
			return c, errors.New(field + " needs a validator that tells kinds of values")
		}
		for _, kind := range kinds {
			if !slices.Contains(k.Kinds(), kind) {
				return c, errors.New(field + ": validator " + r.Validator + " has no kind " + strconv.Quote(kind))
			}
		}
		c.kinder = k
	}
	if r.NegativeAfter && r.NegativeBefore {
		return c, errors.New("negative_after and negative_before exclude each other")
	}
	if r.VetoNear != "" {
		f, err := validators.NewNear(r.VetoNear)
		if err != nil {
			return c, errors.New("veto_near: " + err.Error())
		}
		c.vetoNear = f
	}
	c.severity = r.Severity
	if c.severity == "" {
		c.severity = defaultSeverity[r.Type]
	}
	c.boost, c.penalty = r.ContextBoost, r.NegativePenalty
	if c.boost == 0 {
		c.boost = defaultBoost
	}
	if c.penalty == 0 {
		c.penalty = defaultPenalty
	}
	c.before, c.after = r.Before, r.After
	if c.after == 0 {
		c.after = defaultAfter
	}
	if len(r.Explain["fr"]) == 0 || len(r.Explain["en"]) == 0 {
		return c, errors.New("explain needs fr and en")
	}
	for _, l := range r.Locales {
		if strings.TrimSpace(l) == "" {
			return c, errors.New("empty locale")
		}
	}
	return c, nil
}

// matcher runs a rule's pattern anchored at each possible start of a value
// (see scanState.match), which is much cheaper than an unanchored search.
// Its automaton is built the first time a window gets past the prefilters:
// building every pattern's up front is most of the core's start-up time in
// WebAssembly, and many rules never run on a given post.
type matcher struct {
	progOnce, dfaOnce sync.Once
	// prog is the compiled pattern. With a snapshot it is decoded from
	// progs[progIdx] on first use; otherwise it is compiled from the
	// analysis's tree.
	prog      *syntax.Prog
	progs     *dfa.Progs
	progIdx   int
	automaton *dfa.DFA
}

// program returns the pattern's program, or nil if it does not compile
// (only resource limits could make it fail) or its snapshot's copy is
// damaged (which the snapshot's checksum makes unlikely).
func (m *matcher) program(info *patternInfo) *syntax.Prog {
	m.progOnce.Do(func() {
		if m.progs != nil {
			m.prog, _ = m.progs.Prog(m.progIdx)
		} else {
			m.prog, _ = compileTree(info.tree)
		}
		info.tree = nil
	})
	return m.prog
}

// dfa returns the pattern's own automaton, or nil if it does not compile.
func (m *matcher) dfa(info *patternInfo) *dfa.DFA {
	m.dfaOnce.Do(func() {
		if prog := m.program(info); prog != nil {
			m.automaton = dfa.New(prog, dfa.DefaultMaxBytes)
		}
	})
	return m.automaton
}

// compileTree compiles an analyzed pattern into the program the automaton
// runs.
func compileTree(tree *syntax.Regexp) (*syntax.Prog, error) {
	return syntax.Compile(tree.Simplify())
}

// prepare analyzes the pattern of a rule whose analysis was deferred and
// reports whether the rule can run.
func (c *compiled) prepare() bool {
	c.analysis.Do(func() {
		if c.info != nil {
			return
		}
		if pi, err := analyze(c.Pattern); err == nil {
			c.info = &pi
		}
	})
	return c.info != nil
}

// Load parses and compiles a bundle.
func Load(data []byte) (*Engine, error) { return load(data, Compile) }

// LoadLazy parses a bundle and compiles it with CompileLazy.
func LoadLazy(data []byte) (*Engine, error) { return load(data, CompileLazy) }

func load(data []byte, compile func(*Bundle) (*Engine, error)) (*Engine, error) {
	b, err := ParseBundle(data)
	if err != nil {
		return nil, err
	}
	e, err := compile(b)
	if err != nil {
		return nil, err
	}
	e.packed = identify(data)
	return e, nil
}

// Bundle returns the bundle the engine was compiled from.
func (e *Engine) Bundle() *Bundle { return e.bundle }

// RuleIndex returns the index of the rule with the given id, or -1.
func (e *Engine) RuleIndex(id string) int {
	if i, ok := e.ruleIndex[id]; ok {
		return i
	}
	return -1
}

// SetThreshold changes the score below which candidates are dropped
// (sensitivity). Values outside (0,1] are ignored.
func (e *Engine) SetThreshold(t float64) {
	if t > 0 && t <= 1 {
		e.threshold = t
	}
}

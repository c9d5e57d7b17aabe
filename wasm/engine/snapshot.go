package engine

import (
	"errors"
	"hash/fnv"
	"regexp/syntax"
	"sort"
	"strconv"

	"vigie/wasm/binenc"
	"vigie/wasm/dfa"
	"vigie/wasm/validators"
)

// A snapshot is a compiled engine in binary form: the bundle's header, its
// rules as scanning needs them, each pattern's prefilters and compiled
// program, the dictionary with its words already folded, validator tables in
// their binary form (validators.Compact), and the engine's Description.
//
// Why: in WebAssembly, compiling the default bundle (parsing 180 KB of JSON,
// folding thousands of words, parsing and compiling ~70 patterns) took most
// of the core's cold start, and running that much code once also made V8
// recompile it with its optimizing tier, on the same two cores. Loading a
// snapshot is decoding only. The build writes one for the default bundle
// (vigie-scan -print-snapshot) and the wasm core embeds it; other bundles are
// compiled from JSON.
//
// A snapshot is only read by the engine version that wrote it. The bundle of
// an engine loaded from one keeps no patterns (the programs replace them),
// examples nor context words (the dictionary holds them folded), and its
// tables are in binary form.

const (
	snapshotMagic  = "vigie-snapshot\x00"
	snapshotFormat = 11
	// maxRuleWindow bounds a decoded rule's window sizes (bytes).
	maxRuleWindow = 1 << 16
)

// ErrSnapshot is wrapped by every error LoadSnapshot returns.
var ErrSnapshot = errors.New("invalid snapshot")

// WriteSnapshot compiles b and returns its snapshot. packed is b as the JSON
// bytes that ship with the snapshot; SnapshotMatches recognizes them.
func WriteSnapshot(b *Bundle, packed []byte) ([]byte, error) {
	e, err := Compile(b)
	if err != nil {
		return nil, err
	}
	e.packed = identify(packed)
	return e.Snapshot(packed)
}

// ErrNotSnapshottable is returned by Snapshot for an engine that cannot
// describe the bytes given: loaded from a snapshot (its rules keep no
// context words) or from other bytes.
var ErrNotSnapshottable = errors.New("engine not loaded from these bundle bytes")

// Snapshot returns the snapshot of e, which Load or LoadLazy compiled from
// packed (WriteSnapshot for a Bundle): the wasm core makes one of updated
// rules without compiling them a second time.
func (e *Engine) Snapshot(packed []byte) ([]byte, error) {
	if packed == nil || e.packed != identify(packed) {
		return nil, ErrNotSnapshottable
	}
	b := e.bundle
	var w binenc.Writer
	w.Str(snapshotMagic)
	w.Uint(snapshotFormat)
	w.Str(Version)
	w.Uint(e.packed.size)
	w.Word(e.packed.fingerprint)
	w.Uint(uint64(b.Schema))
	for _, s := range []string{b.ID, b.Version, b.CreatedAt, b.MinEngine} {
		w.Str(s)
	}
	w.Uint(uint64(len(b.Tables)))
	for _, name := range sortedNames(b.Tables) {
		t, err := validators.Compact(name, b.Tables[name])
		if err != nil {
			return nil, err
		}
		w.Str(name)
		w.Str(string(t))
	}
	var pw dfa.ProgWriter
	w.Uint(uint64(len(e.rules)))
	for i := range e.rules {
		c := &e.rules[i]
		// The automaton's program: the rule's analysis (deferred when
		// compiled lazily) and program are made now if not yet.
		var prog *syntax.Prog
		if c.prepare() {
			prog = c.re.program(c.info)
		}
		if prog == nil {
			return nil, ruleErr(c.ID, errors.New("pattern does not compile"))
		}
		writeRule(&w, c.Rule)
		writeInfo(&w, c.info)
		pw.Add(prog)
	}
	pw.Write(&w)
	writeKeywords(&w, e)
	w.Str(e.description)
	return w.B, nil
}

// bundleID identifies the bytes a bundle was loaded from.
type bundleID struct {
	size        uint64
	fingerprint uint64
}

func identify(packed []byte) bundleID {
	if packed == nil {
		return bundleID{}
	}
	return bundleID{uint64(len(packed)), fingerprint(packed)}
}

// writeKeywords appends the dictionary: first what entries mean to rules,
// each distinct meaning once (a list's words share one: 195 for the default
// bundle's 2,679 entries), then the entries, each with the index of its
// meaning: whole-word entries by first word (sorted), then one-letter ones,
// prefixes and suffixes by byte.
func writeKeywords(w *binenc.Writer, e *Engine) {
	d := &e.dict
	var entries binenc.Writer
	var sets binenc.Writer
	index := map[string]int{}
	n := 0
	add := func(shape keywordShape, words []string, set int32) {
		var one binenc.Writer
		s := &d.sets[set]
		one.Uint(uint64(len(s.triggers)))
		for _, ri := range s.triggers {
			one.Uint(uint64(ri))
		}
		for _, b := range []bitset{s.context, s.negative, s.veto} {
			var rules []int
			for ri := range len(b) * 64 {
				if b.has(ri) {
					rules = append(rules, ri)
				}
			}
			one.Uint(uint64(len(rules)))
			for _, ri := range rules {
				one.Uint(uint64(ri))
			}
		}
		k, ok := index[string(one.B)]
		if !ok {
			k = len(index)
			index[string(one.B)] = k
			sets.B = append(sets.B, one.B...)
		}
		entries.Uint(uint64(shape))
		entries.Strs(words)
		entries.Uint(uint64(k))
		n++
	}
	firsts := make([]string, len(d.first.entries))
	for i, we := range d.first.entries {
		firsts[i] = we.word
	}
	sort.Strings(firsts)
	for _, first := range firsts {
		for _, p := range d.first.get(first) {
			add(shapeWords, append([]string{first}, p.rest...), p.set)
		}
	}
	for b := range 256 {
		for _, p := range d.oneByte[b] {
			add(shapeWords, append([]string{string([]byte{byte(b)})}, p.rest...), p.set)
		}
	}
	for _, lists := range []*[256][]affix{&d.prefixes, &d.suffixes} {
		for b := range 256 {
			for _, a := range lists[b] {
				shape := shapeSuffix
				if a.prefix {
					shape = shapePrefix
				}
				add(shape, []string{string(a.s)}, a.set)
			}
		}
	}
	w.Uint(uint64(len(index)))
	w.B = append(w.B, sets.B...)
	w.Uint(uint64(n))
	w.B = append(w.B, entries.B...)
}

// fingerprint identifies a packed bundle (64-bit FNV-1a). It is no
// cryptographic hash: bundles reaching the core are the packaged one or a
// verified update, so only an accidental match matters, and SHA-256 of the
// default bundle took 12–25 ms in WebAssembly at start-up, against about
// 1 ms for this.
func fingerprint(packed []byte) uint64 {
	h := fnv.New64a()
	h.Write(packed)
	return h.Sum64()
}

// SnapshotMatches reports whether snap was written for exactly these bundle
// bytes (same length and fingerprint).
func SnapshotMatches(snap string, bundle []byte) bool {
	r := binenc.NewStringReader(snap[:min(len(snap), 64)])
	if readHeader(r) != nil {
		return false
	}
	return r.Uint() == uint64(len(bundle)) && r.Word() == fingerprint(bundle) && r.Err() == nil
}

// readHeader reads and checks the format and engine version.
func readHeader(r *binenc.Reader) error {
	if r.Str() != snapshotMagic || r.Uint() != snapshotFormat {
		return snapErr("not a snapshot of this format")
	}
	if v := r.Str(); v != Version {
		return snapErr("written by engine " + strconv.Quote(v) + ", this is " + Version)
	}
	return nil
}

// LoadSnapshot decodes a snapshot written by WriteSnapshot with this engine
// version. Damaged data gives an error, never a panic. The engine keeps
// references into data (its strings are slices of it): the wasm core embeds
// its snapshot as a string, so loading copies nothing.
func LoadSnapshot(data string) (*Engine, error) {
	r := binenc.NewStringReader(data)
	if err := readHeader(r); err != nil {
		return nil, err
	}
	r.Uint() // the packed bundle's length and fingerprint
	r.Word()
	b := &Bundle{Schema: int(r.Uint()), ID: r.Str(), Version: r.Str(), CreatedAt: r.Str(), MinEngine: r.Str()}
	if n := r.Count(2); n > 0 {
		b.Tables = make(map[string]RawJSON, n)
		for range n {
			b.Tables[r.Str()] = RawJSON(r.Str())
		}
	}
	b.Rules = make([]Rule, r.Count(8))
	infos := make([]patternInfo, len(b.Rules))
	for i := range b.Rules {
		readRule(r, &b.Rules[i])
		readInfo(r, &infos[i])
	}
	progs, err := dfa.ReadProgs(r)
	if err == nil && progs.Len() != len(b.Rules) {
		err = errors.New("one program per rule expected")
	}
	if err != nil {
		return nil, snapErr(err.Error())
	}
	e := newEngine(b)
	vals := map[string]validators.Validator{}
	for i := range b.Rules {
		rule := &b.Rules[i]
		c, err := compileRule(rule, b, vals, true)
		if err == nil {
			c.info = &infos[i]
			c.re.progs, c.re.progIdx = progs, i
			err = e.addRule(c)
		}
		if err != nil {
			return nil, snapErr(ruleErr(rule.ID, err).Error())
		}
	}
	readKeywords(r, e)
	e.description = r.Str()
	if err := r.End(); err != nil {
		return nil, snapErr(err.Error())
	}
	e.index()
	return e, nil
}

// readKeywords fills e's dictionary with what writeKeywords wrote. Entries
// with one meaning share its ruleSet. Errors stay in r.
func readKeywords(r *binenc.Reader, e *Engine) {
	d := &e.dict
	rule := func() int {
		ri := r.Uint()
		if ri >= uint64(len(e.rules)) {
			r.Fail("bad keyword rule")
			return 0
		}
		return int(ri)
	}
	d.sets = make([]ruleSet, r.Count(4))
	for i := 0; i < len(d.sets) && r.Err() == nil; i++ {
		s := &d.sets[i]
		if k := r.Count(1); k > 0 {
			s.triggers = make([]int32, k)
			for i := range s.triggers {
				s.triggers[i] = int32(rule())
			}
		}
		for _, b := range []*bitset{&s.context, &s.negative, &s.veto} {
			for k := r.Count(1); k > 0; k-- {
				b.add(rule())
			}
		}
	}
	// Entries come sorted by first word (see writeKeywords): the phrases of
	// one first word are added at once, as a piece of one array.
	n := r.Count(4)
	d.first.reserve(n)
	phrases := make([]phrase, 0, n)
	first, from := "", 0 // the first word of phrases[from:]
	flush := func() {
		if len(phrases) > from {
			d.addPhrases(first, phrases[from:len(phrases):len(phrases)])
		}
		from = len(phrases)
	}
	for ; n > 0 && r.Err() == nil; n-- {
		shape := keywordShape(r.Uint())
		words := r.Count(1)
		if shape > shapeSuffix || words == 0 || shape != shapeWords && words != 1 {
			r.Fail("bad keyword")
			break
		}
		word := r.Str()
		var rest []string
		if words > 1 {
			rest = make([]string, words-1)
			for i := range rest {
				rest[i] = r.Str()
			}
		}
		set := r.Uint()
		if word == "" || set >= uint64(len(d.sets)) {
			r.Fail("bad keyword")
			break
		}
		if shape != shapeWords {
			d.addAffix(shape, word, int32(set))
			continue
		}
		if word != first {
			flush()
			first = word
		}
		phrases = append(phrases, newPhrase(rest, int32(set)))
	}
	flush()
}

func snapErr(msg string) error { return &snapshotError{msg} }

type snapshotError struct{ msg string }

func (e *snapshotError) Error() string { return "invalid snapshot: " + e.msg }
func (e *snapshotError) Unwrap() error { return ErrSnapshot }

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// writeRule writes the fields of r that scanning and the wasm binding use.
func writeRule(w *binenc.Writer, r *Rule) {
	for _, s := range []string{r.ID, string(r.Type), r.Anchor, r.Validator, string(r.Severity)} {
		w.Str(s)
	}
	w.Strs(r.Locales)
	w.Strs(r.Triggers)
	w.Int(int64(r.Before))
	w.Int(int64(r.After))
	for _, f := range []float64{r.Score, r.ContextBoost, r.NegativePenalty} {
		w.Float(f)
	}
	w.Bool(r.RequiresContext)
	w.Bool(r.NegativeAfter)
	w.Bool(r.NegativeBefore)
	w.Strs(r.VetoExcept)
	w.Strs(r.VetoTwice)
	w.Str(r.VetoNear)
	w.Uint(uint64(len(r.Explain)))
	for _, lang := range sortedNames(r.Explain) {
		w.Str(lang)
		w.Str(r.Explain[lang])
	}
}

func readRule(r *binenc.Reader, rule *Rule) {
	rule.ID, rule.Type, rule.Anchor = r.Str(), Type(r.Str()), r.Str()
	rule.Validator, rule.Severity = r.Str(), Severity(r.Str())
	rule.Locales, rule.Triggers = r.Strs(), r.Strs()
	rule.Before, rule.After = int(r.Int()), int(r.Int())
	if rule.Before < 0 || rule.Before > maxRuleWindow || rule.After < 0 || rule.After > maxRuleWindow {
		r.Fail("bad window")
	}
	rule.Score, rule.ContextBoost, rule.NegativePenalty = r.Float(), r.Float(), r.Float()
	rule.RequiresContext = r.Bool()
	rule.NegativeAfter = r.Bool()
	rule.NegativeBefore = r.Bool()
	rule.VetoExcept = r.Strs()
	rule.VetoTwice = r.Strs()
	rule.VetoNear = r.Str()
	if n := r.Count(2); n > 0 {
		rule.Explain = make(map[string]string, n)
		for range n {
			rule.Explain[r.Str()] = r.Str()
		}
	}
}

func writeInfo(w *binenc.Writer, pi *patternInfo) {
	w.Int(int64(pi.minDigits))
	w.Int(int64(pi.minLetters))
	for _, word := range pi.first {
		w.Word(word)
	}
	w.Int(int64(pi.maxLen))
	w.Int(int64(pi.valueIdx))
	w.Bool(pi.tokenDigit)
	w.Int(int64(pi.minToken))
	w.Str(pi.required)
}

func readInfo(r *binenc.Reader, pi *patternInfo) {
	pi.minDigits, pi.minLetters = int(r.Int()), int(r.Int())
	for i := range pi.first {
		pi.first[i] = r.Word()
	}
	pi.maxLen, pi.valueIdx = int(r.Int()), int(r.Int())
	if pi.maxLen < 1 && pi.maxLen != unbounded {
		r.Fail("bad longest match")
	}
	pi.tokenDigit = r.Bool()
	pi.minToken = int(r.Int())
	pi.required = r.Str()
}

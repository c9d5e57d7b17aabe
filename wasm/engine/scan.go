package engine

import (
	"math/bits"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"vigie/wasm/dfa"
)

// Limits that bound the work of one scan whatever the input.
const (
	// MaxInputRunes caps the text a scan looks at: findings are reported
	// in the first MaxInputRunes code points only.
	MaxInputRunes = 20000
	// maxWindow splits a longer digit window (a table of numbers, digit
	// soup) into pieces; windowOverlap keeps values that straddle a cut.
	maxWindow     = 384
	windowOverlap = 48
	// maxWindowBytes is the total size of the digit windows, and that of
	// the keyword windows, rule patterns may run on in one scan; what lies
	// beyond is not examined.
	maxWindowBytes = 64 << 10
	// maxCandidates stops collecting once that many candidates are found.
	maxCandidates = 1024
	// maxUnbounded is how far a pattern with + or * may reach from its
	// start: values are short (an API token or a JWT is the longest).
	maxUnbounded = 512
	// recentCands is how far back add looks for the same value.
	recentCands = 32
	// maxRuns bounds the pattern executions of each phase of a scan (digit
	// windows, '@' windows, keyword windows), so that one phase cannot use
	// up another's. A 500-character post needs about 60 in all, a
	// 20,000-character text dense with personal data about 3,800; past the
	// budget the rest of the text is not examined in that phase, so
	// adversarial input (digit soup) costs a bounded time.
	maxRuns = 6000
	// Context words count when they end at most contextBefore bytes before
	// a match or start at most contextAfter bytes after it.
	contextBefore = 80
	contextAfter  = 40
	// digitExtend widens a digit cluster on both sides so patterns see
	// prefixes such as "+33 (0)", "FR76" or plate letters.
	digitExtend = 12
	// maxAtLocal and maxAtDomain bound the window around an '@'.
	maxAtLocal  = 64
	maxAtDomain = 255
)

// window is a span of the text a pattern runs on, with its digit count.
type window struct{ start, end, digits int }

// byRank returns kw ordered by the rank of their rules, each rule's windows
// in the order they came: a counting sort, ranks are few.
func (st *scanState) byRank(e *Engine, kw []ruleWindow) []ruleWindow {
	if cap(st.rankStart) < len(e.rules)+1 {
		st.rankStart = make([]int32, len(e.rules)+1)
	}
	at := st.rankStart[:len(e.rules)+1]
	clear(at)
	for _, k := range kw {
		at[e.rank[k.rule]+1]++
	}
	for r := 1; r < len(at); r++ {
		at[r] += at[r-1]
	}
	out := slices.Grow(st.sorted[:0], len(kw))[:len(kw)]
	for _, k := range kw {
		r := e.rank[k.rule]
		out[at[r]] = k
		at[r]++
	}
	st.sorted = out
	return out
}

// ruleWindow is a window of one keyword rule.
type ruleWindow struct {
	window
	rule int
}

// starts returns the start positions inside w: the starts before each end
// are counted in countsBefore, so a window needs no search.
func (st *scanState) starts(w window) []int32 {
	return st.allStarts[st.countsBefore[w.start]>>startsShift : st.countsBefore[w.end]>>startsShift]
}

type candidate struct {
	rule       int
	start, end int // the value
	score      float64
}

// scanState holds per-scan scratch data.
type scanState struct {
	folded []byte // the text folded (see lex)
	// countsBefore[i] counts the ASCII digits (bits 0-15) and letters
	// (bits 16-31) in text[:i], and the starts before i (from startsShift
	// on): a pattern that needs n digits or letters is not tried where its
	// longest match holds fewer, and a window's starts are a slice of
	// allStarts. One array for all three saves stores per byte; a scan
	// holds at most MaxInputRunes ASCII bytes.
	countsBefore []uint64
	runs         int     // pattern executions so far
	limit        int     // runs at which the current phase stops
	allStarts    []int32 // where a value may start (see lex)
	next         []int   // per rule: no new match before this offset
	// covers[p] describes the candidates that contain byte p (see add);
	// it is all zero again once a scan is over.
	covers []cover
	tok    struct { // see tokenFacts
		at, end, len int
		digit        bool
	}
	// keywordWindows are the keyword rules' windows; last[ri] is the index
	// there of rule ri's last one, or -1.
	keywordWindows []ruleWindow
	last           []int32
	sorted         []ruleWindow // keywordWindows by rank (see byRank)
	rankStart      []int32
	ends           []int    // per group slot: its rule's match at the start tried
	found          []uint64 // per group automaton: the slots that matched
	words          []span
	digitTokens    []token // the tokens that hold a digit (see lex)
	hits           []hit
	vetoes         []hit       // the hits that veto a rule (see Rule.Veto)
	near           []hit       // the hits near a candidate (see contextOf)
	names          []candidate // the candidates for a person's name (see named)
	cands          []candidate
	taken          []candidate // see resolve
	keys           []uint64    // see best
	ordered        []candidate
	// windows and cut are the digit windows before and after long ones
	// are cut (the '@' windows reuse the first).
	windows, cut []window
}

// Scan returns the personal data found in text, sorted by start and not
// overlapping. text should be valid UTF-8; invalid bytes only separate words.
func (e *Engine) Scan(text string) []Finding {
	return e.scan(text, e.threshold)
}

// states recycles scan buffers: a scan runs on every pause in typing, and
// reusing them keeps the wasm heap from growing.
var states = sync.Pool{New: func() any { return new(scanState) }}

func (e *Engine) scan(text string, threshold float64) []Finding {
	st := states.Get().(*scanState)
	defer states.Put(st)
	return e.scanWith(st, text, threshold)
}

func (e *Engine) scanWith(st *scanState, text string, threshold float64) []Finding {
	st.cands = st.cands[:0]
	st.tok.at = -1
	text = text[:st.lex(text, MaxInputRunes)]
	if len(st.covers) < len(text) {
		st.covers = make([]cover, len(text))
	}
	st.hits = e.dict.find(st.folded, st.words, st.hits[:0])
	st.vetoes = st.vetoes[:0]
	for _, h := range st.hits {
		if len(e.dict.sets[h.set].veto) > 0 {
			st.vetoes = append(st.vetoes, h)
		}
	}

	budget := maxWindowBytes
	st.runs, st.limit = 0, maxRuns
	if len(e.digits.rules) > 0 {
		st.windows, st.cut = digitWindows(text, st.digitTokens, st.windows[:0], st.cut[:0])
		for _, w := range st.cut {
			if budget <= 0 || st.runs >= st.limit {
				break
			}
			budget -= w.end - w.start
			st.matchAll(e, e.digits, text, w)
		}
	}
	st.limit = st.runs + maxRuns
	if len(e.ats.rules) > 0 {
		st.windows = atWindows(text, st.windows[:0])
		for _, w := range st.windows {
			st.matchAll(e, e.ats, text, w)
		}
	}
	// Keyword windows: one per trigger hit, merged per rule when they
	// overlap (hits come in text order), so a rule with many nearby
	// triggers ("je", "suis", "mon"…) runs once over the union. Rules run
	// strongest first, each over its windows in text order, as at a digit
	// start: which of two equally confident rules takes a value must not
	// depend on what else the text holds. Text rules run last, in the same
	// budget.
	budget, st.limit = maxWindowBytes, st.runs+maxRuns
	if cap(st.last) < len(e.rules) {
		st.last = make([]int32, len(e.rules))
	}
	last := st.last[:len(e.rules)]
	for i := range last {
		last[i] = -1
	}
	kw := st.keywordWindows[:0]
	for _, h := range st.hits {
		for _, r := range e.dict.sets[h.set].triggers {
			ri := int(r)
			c := &e.rules[ri]
			w := snap(text, window{start: h.start - c.before, end: h.end + c.after})
			if j := last[ri]; j >= 0 && w.start <= kw[j].end {
				kw[j].end = max(kw[j].end, w.end)
				continue
			}
			last[ri] = int32(len(kw))
			kw = append(kw, ruleWindow{window: w, rule: ri})
		}
	}
	st.keywordWindows = kw
	for _, k := range st.byRank(e, kw) {
		if budget <= 0 {
			break
		}
		w := st.withDigits(k.window)
		budget -= w.end - w.start
		st.match(e, k.rule, text, w, st.starts(w))
	}
	for _, ri := range e.textRules {
		w := st.withDigits(window{start: 0, end: len(text)})
		st.match(e, ri, text, w, st.starts(w))
	}
	if len(e.contactRules) > 0 {
		st.matchContacts(e, text)
	}
	if len(e.signatureRules) > 0 {
		st.matchSignatures(e, text)
	}
	if len(e.siblingRules) > 0 {
		st.matchSiblings(e, text)
	}
	for _, cd := range st.cands {
		clear(st.covers[cd.start:cd.end])
	}
	return e.resolve(text, st, threshold)
}

// match runs rule ri's pattern on one window (a keyword window, or the whole
// text): anchored, at every position where a value may start.
func (st *scanState) match(e *Engine, ri int, text string, w window, starts []int32) {
	c := &e.rules[ri]
	if !c.prepare() || w.digits < c.info.minDigits || !hasRequired(text[w.start:w.end], c.info.required) {
		return
	}
	next := w.start // no new match before the end of the last value
	for _, p := range starts {
		// What attempt would refuse first, checked here to save calls:
		// most starts cannot begin a value of the rule.
		if int(p) < next || !c.info.first.startsAt(text, int(p)) {
			continue
		}
		if me, ok := st.attempt(e, ri, text, w, int(p)); ok {
			next = me
		}
	}
}

// matchContacts runs the contact rules before each phone number, email
// address, postal address and IBAN found ("Maxime Vandenbroeck +32 475…",
// "Christine Dumont : christine…", a CV's "Thomas Girard\n14 allée des
// Érables"), in the keyword phase's budget.
func (st *scanState) matchContacts(e *Engine, text string) {
	found := len(st.cands)
	for i := 0; i < found; i++ {
		cd := st.cands[i]
		if !contactValue(e.rules[cd.rule].Type) || i > 0 && st.cands[i-1].start == cd.start {
			continue
		}
		for _, ri := range e.contactRules {
			w := snap(text, window{start: cd.start - e.rules[ri].before, end: cd.start})
			st.matchBefore(e, ri, text, w)
		}
	}
}

// contactEndsIn reports whether a contact value (contactValue) found so far
// ends in [from, to].
func (st *scanState) contactEndsIn(e *Engine, from, to int) bool {
	for _, cd := range st.cands {
		if cd.end >= from && cd.end <= to && contactValue(e.rules[cd.rule].Type) {
			return true
		}
	}
	return false
}

// contactValue reports whether a contact rule runs before values of type t:
// a name is given just before the way to reach its bearer, or to pay them
// ("Sarah Collins, GB64 NWBK…").
func contactValue(t Type) bool {
	return t == Phone || t == Email || t == PostalAddress || t == IBAN
}

// matchBefore runs contact rule ri on w, which ends where a contact value
// starts: the first start whose match reaches the end of w gives the value,
// if the validator takes it. The first match is the longest: when it is no
// value, a shorter one is none either ("Lycée Victor Hugo : 04…" names a
// school). The value's end is not checked for glue, the contact follows it.
func (st *scanState) matchBefore(e *Engine, ri int, text string, w window) {
	if c := &e.rules[ri]; c.prepare() {
		st.firstWhole(c, ri, text, st.starts(w), w.end)
	}
}

// runAt runs rule ri's pattern anchored at p on text[p:end] and adds the
// value of its match if the validator takes it. With whole the match must
// span text[p:end], else end at a word boundary. It reports whether the
// pattern matched.
func (st *scanState) runAt(c *compiled, ri int, text string, p, end int, whole bool) bool {
	d := c.re.dfa(c.info)
	if d == nil {
		return false
	}
	st.runs++
	s := text[p:end]
	n := d.MatchEnd(s)
	if n < 0 || whole && n != len(s) || !whole && !boundary(text, 0, p+n) {
		return false
	}
	vs, ve := 0, n
	if c.info.valueIdx > 0 {
		vs, ve = d.Submatch(s, n, c.info.valueIdx)
	}
	if vs >= 0 && vs < ve && (c.validator == nil || c.validator.Valid(s[vs:ve])) {
		st.add(ri, p+vs, p+ve, c.Score)
	}
	return true
}

// matchSignatures runs the signature rules where a post is signed under or
// after the way to reach its author: on the text's last line when a contact
// value (contactValue) ends at most Before bytes before it ("… 06 45 98 12
// 33\nMerci de partager 🙏\nNadia Belkacem"), and after a contact value on
// that line that ends at most Before bytes before the end ("07 66 29 13 58
// – Manon Guérin", "au 02 99 31 64 85 après 18h (Hélène Cadiou)"). A match
// must reach the end of the text.
func (st *scanState) matchSignatures(e *Engine, text string) {
	end := len(strings.TrimRight(text, " \t\r\n"))
	ls := strings.LastIndexByte(text[:end], '\n') + 1
	found := len(st.cands)
	for _, ri := range e.signatureRules {
		c := &e.rules[ri]
		if !c.prepare() {
			continue
		}
		if ls > 0 && ls < end && st.contactEndsIn(e, ls-c.before, ls) {
			st.firstWhole(c, ri, text, []int32{int32(ls)}, end)
		}
		for i := 0; i < found; i++ {
			cd := st.cands[i]
			if cd.end >= max(ls, end-c.before) && cd.end < end && contactValue(e.rules[cd.rule].Type) {
				st.firstWhole(c, ri, text, st.starts(window{start: cd.end, end: end}), end)
			}
		}
	}
}

// firstWhole runs rule ri at each of starts in turn, its match spanning
// the text up to end, until one matches (see runAt).
func (st *scanState) firstWhole(c *compiled, ri int, text string, starts []int32, end int) {
	for _, p := range starts {
		if len(st.cands) >= maxCandidates || st.runs >= st.limit {
			return
		}
		// boundary on text[:p] checks only what comes before p.
		if c.info.first.startsAt(text, int(p)) && boundary(text[:p], int(p), int(p)) &&
			st.runAt(c, ri, text, int(p), end, true) {
			return
		}
	}
}

// matchSiblings runs the sibling rules where a value of their own type
// ends, within After bytes: a name joined to one found ("Élodie Marchand et
// Antoine Roux se disent oui"). The values they find are followed in turn
// ("A, B et C").
func (st *scanState) matchSiblings(e *Engine, text string) {
	for i := 0; i < len(st.cands); i++ {
		cd := st.cands[i]
		for _, ri := range e.siblingRules {
			c := &e.rules[ri]
			if c.Type != e.rules[cd.rule].Type || !c.prepare() {
				continue
			}
			if len(st.cands) >= maxCandidates || st.runs >= st.limit {
				return
			}
			w := snap(text, window{start: cd.end, end: cd.end + c.After})
			if cd.end < len(text) && w.start == cd.end && c.info.first.startsAt(text, cd.end) {
				st.runAt(c, ri, text, cd.end, w.end, false)
			}
		}
	}
}

// matchAll runs a group of rules on one window, start by start: one run of
// the group's automaton gives every rule's match there. Rules take their
// matches strongest first, so a value found by a strong rule shadows weaker
// rules inside it.
func (st *scanState) matchAll(e *Engine, g *group, text string, w window) {
	autos := g.automata(e)
	if cap(st.next) < len(e.rules) {
		st.next = make([]int, len(e.rules))
	}
	next := st.next[:len(e.rules)]
	clear(next)
	nextMax := 0 // the largest of next
	if n := len(autos) * dfa.MaxPatterns; len(st.ends) < n {
		st.ends, st.found = make([]int, n), make([]uint64, len(autos))
	}
	if !g.mayMatch(e, text[w.start:w.end]) {
		return
	}
	for _, p32 := range st.starts(w) {
		if st.runs >= st.limit {
			return // the phase's budget is spent (see maxRuns)
		}
		p := int(p32)
		slots := g.byFirst[text[p]]
		if len(slots) == 0 || len(st.cands) >= maxCandidates {
			continue
		}
		// The values found before this start: those the rules find here
		// do not shadow one another, context may still favour a weaker one.
		cv := st.covers[p]
		// Past every rule's last value and outside the values found, any
		// rule may start: the common case, decided without calls.
		if (p < nextMax || cv.rule != 0) && !st.eligible(e, g, slots, next, p, cv) {
			continue
		}
		st.runs++
		end := patternEnd(text, w, p, g.reach[text[p]])
		for k, a := range autos {
			st.found[k] = a.Ends(text[p:end], st.ends[k*dfa.MaxPatterns:])
		}
		// Slots are in strength order: the rules that matched, strongest
		// first.
		for k, found := range st.found[:len(autos)] {
			for ; found != 0; found &= found - 1 {
				nextMax = max(nextMax, st.take(e, g, k*dfa.MaxPatterns+bits.TrailingZeros64(found), text, w, p, next, cv))
			}
		}
	}
}

// take checks the match of the rule in slot at p, found by the group's
// automaton, and records its value. It returns the rule's next[ri].
func (st *scanState) take(e *Engine, g *group, slot int, text string, w window, p int, next []int, cv cover) int {
	ri := g.rules[slot]
	c := &e.rules[ri]
	if p < next[ri] || len(st.cands) >= maxCandidates || cv.shadows(ri, c.Score) {
		return next[ri]
	}
	// Checking a match counts as a run: a rule run alone would have
	// counted there (see maxRuns).
	st.runs++
	end := patternEnd(text, w, p, c.info.maxLen)
	if me, ok := st.try(c, ri, text, p, end, st.ends[slot]); ok {
		next[ri] = me
	}
	return next[ri]
}

// eligible reports whether one of the rules in slots may still take a value
// at p: one whose last value ends before p and that no stronger value
// found shadows there. In digit soup most starts lie inside values found.
func (st *scanState) eligible(e *Engine, g *group, slots []int32, next []int, p int, cv cover) bool {
	if len(st.cands) >= maxCandidates {
		return false
	}
	for _, slot := range slots {
		ri := g.rules[slot]
		if p >= next[ri] && !cv.shadows(ri, e.rules[ri].Score) {
			return true
		}
	}
	return false
}

// patternEnd returns where the input of a pattern anchored at p in w ends:
// past its longest match (maxLen, or maxUnbounded) by one rune, so that its
// own end checks (\b) behave as on the whole window.
func patternEnd(text string, w window, p, maxLen int) int {
	if maxLen == unbounded {
		maxLen = maxUnbounded
	}
	end := p + maxLen
	switch {
	case end >= w.end:
		return w.end
	case text[end] < utf8.RuneSelf:
		return end + 1
	}
	_, size := utf8.DecodeRuneInString(text[end:])
	return min(end+size, w.end)
}

// hasRequired reports whether s contains every rune of required.
func hasRequired(s, required string) bool {
	for _, r := range required {
		if !strings.ContainsRune(s, r) {
			return false
		}
	}
	return true
}

// tokenLen returns the length of the run of ASCII letters and digits at p.
func tokenLen(text string, p, end int) int {
	n := 0
	for p+n < end && isAlnum(text[p+n]) {
		n++
	}
	return n
}

// attempt tries rule ri anchored at p, a start position of window w where
// its values may start (see match), after the cheap prefilters, and records
// what it finds. It returns the end of an accepted value.
func (st *scanState) attempt(e *Engine, ri int, text string, w window, p int) (int, bool) {
	c := &e.rules[ri]
	if len(st.cands) >= maxCandidates {
		return 0, false
	}
	if c.info.minToken > 0 || c.info.tokenDigit {
		st.tokenFacts(text, p, w.end)
		if st.tok.len < c.info.minToken || c.info.tokenDigit && !st.tok.digit {
			return 0, false
		}
	}
	end := patternEnd(text, w, p, c.info.maxLen)
	if n := st.countsBefore[end] - st.countsBefore[p]; int(n&0xFFFF) < c.info.minDigits ||
		int(n>>16&0xFFFF) < c.info.minLetters || st.runs >= st.limit ||
		st.covers[p].shadows(ri, c.Score) {
		return 0, false
	}
	d := c.re.dfa(c.info)
	if d == nil {
		return 0, false
	}
	st.runs++
	return st.try(c, ri, text, p, end, d.MatchEnd(text[p:end]))
}

// tokenFacts computes, once per start and window, what the token
// prefilters of every rule tried there need.
func (st *scanState) tokenFacts(text string, p, end int) {
	if st.tok.at == p && st.tok.end == end {
		return
	}
	st.tok.at, st.tok.end = p, end
	st.tok.len = tokenLen(text, p, end)
	st.tok.digit = firstTokenHasDigit(text, p, end)
}

// firstTokenHasDigit reports whether the first run of ASCII letters and
// digits at or after p (before end) contains a digit.
func firstTokenHasDigit(text string, p, end int) bool {
	for p < end && !isAlnum(text[p]) {
		p++
	}
	for ; p < end && isAlnum(text[p]); p++ {
		if isDigit(text[p]) {
			return true
		}
	}
	return false
}

// cover describes the candidates found so far that contain a position: the
// best score among them and its rule (plus one), and the best score of the
// other rules. The zero cover, rule 0, is that of a position no candidate
// contains; rule scores are above zero. Scores are the rules' own, before
// context: float32 keeps the array small and orders them alike.
type cover struct {
	best, other float32
	rule        int32
}

// with returns the cover once a candidate of rule ri with score is added.
func (cv cover) with(ri int, score float32) cover {
	switch {
	case int(cv.rule) == ri+1:
		cv.best = max(cv.best, score)
	case score > cv.best:
		// The old best is another rule's, and the best of them all.
		cv.other, cv.best, cv.rule = cv.best, score, int32(ri+1)
	default:
		cv.other = max(cv.other, score)
	}
	return cv
}

// shadows reports whether a value of another rule at least as confident as
// score contains the position: that value would win the overlap anyway, so
// rule ri need not start there (rules run strongest first). A rule's own
// values do not shadow it: a keyword window cut short may have produced a
// shorter value that a later window extends.
func (cv cover) shadows(ri int, score float64) bool {
	switch {
	case cv.rule == 0:
		return false
	case int(cv.rule) != ri+1:
		return cv.best >= float32(score)
	}
	return cv.other >= float32(score)
}

// maxShorter bounds how often a refused match is retried shorter.
const maxShorter = 3

// try takes n, the length of rule c's match anchored at p within text[:end]
// (or -1), and records the value if the boundary check and the validator
// accept it. A refused match is
// retried up to maxShorter times without its last token when that token is
// foreign to the rest (it holds a letter, or a separator the rest does not
// use), so a number followed by a word or an expiry date ("BE41 0630 1234
// 5610 voor", "5131-3074-1862-3955 09/27") still yields the value, while a
// long digit run is not mined for a shorter valid number. It returns the end
// of the accepted value.
func (st *scanState) try(c *compiled, ri int, text string, p, end, n int) (int, bool) {
	for shorter := 0; ; shorter++ {
		if n < 0 {
			return 0, false
		}
		me := p + n
		vs, ve := 0, n
		if c.info.valueIdx > 0 {
			vs, ve = c.re.dfa(c.info).Submatch(text[p:end], n, c.info.valueIdx)
		}
		// A value never ends in white space. A pattern's optional tail
		// (`\s?['′]?` after a coordinate's minutes) may take the space
		// before the next word, which the boundary check would then refuse
		// as glued to it ("N 48° 01.512 W 002° 10.883 Bonne chasse").
		for me > p && isSpaceByte(text[me-1]) {
			me--
		}
		for ve > vs && vs >= 0 && isSpaceByte(text[p+ve-1]) {
			ve--
		}
		if boundary(text, p, me) && vs >= 0 && vs < ve && !glued(text, p+vs, p+ve, st.endsValue(p+vs-2)) &&
			(c.validator == nil || c.validator.Valid(text[p+vs:p+ve])) {
			st.add(ri, p+vs, p+ve, c.Score)
			// The rule's next value may start in what followed this
			// one in the match ("Jules Perrin et Rose Perrin sont nés").
			return p + ve, true
		}
		// Cut before the last run of separators inside the match.
		cut := me - 1
		for cut > p && isAlnum(text[cut]) {
			cut--
		}
		for cut > p && !isAlnum(text[cut-1]) {
			cut--
		}
		if shorter == maxShorter || cut <= p || !foreignTail(text[p:cut], text[cut:me]) {
			return 0, false
		}
		end = cut
		st.runs++
		n = c.re.dfa(c.info).MatchEnd(text[p:end])
	}
}

// foreignTail reports whether tail holds a letter or a punctuation byte that
// kept does not contain.
func foreignTail(kept, tail string) bool {
	for i := 0; i < len(tail); i++ {
		c := tail[i]
		switch {
		case isDigit(c):
		case isAlnum(c) || c >= utf8.RuneSelf:
			return true
		case strings.IndexByte(kept, c) < 0:
			return true
		}
	}
	return false
}

func (st *scanState) add(ri, start, end int, score float64) {
	for i := len(st.cands) - 1; i >= max(0, len(st.cands)-recentCands); i-- {
		if o := st.cands[i]; o.rule == ri && o.start == start && o.end == end {
			return
		}
	}
	st.cands = append(st.cands, candidate{rule: ri, start: start, end: end, score: score})
	covers := st.covers[start:end]
	for i := range covers {
		covers[i] = covers[i].with(ri, float32(score))
	}
}

// resolve applies context, the threshold and overlap resolution.
func (e *Engine) resolve(text string, st *scanState, threshold float64) []Finding {
	names := st.names[:0]
	for _, cd := range st.cands {
		if e.rules[cd.rule].Type == PersonName {
			names = append(names, cd)
		}
	}
	st.names = names
	kept := st.cands[:0]
	for _, cd := range st.cands {
		c := &e.rules[cd.rule]
		if e.dropped(st, text, c, cd) && !named(names, cd) {
			continue
		}
		pos, neg := e.contextOf(st, cd, c)
		if c.RequiresContext && !pos {
			continue
		}
		if pos {
			cd.score += c.boost
		}
		if neg {
			cd.score -= c.penalty
		}
		// Rounded as reported, so that the threshold compares what the
		// rules say (0.6 + 0.3 - 0.4 = 0.5), not floating-point error.
		cd.score = round3(min(max(cd.score, 0), 1))
		if cd.score >= threshold {
			kept = append(kept, cd)
		}
	}
	kept = st.best(kept)
	// taken holds the chosen values sorted by start, so the overlap test is
	// a binary search, not a scan of every finding. It holds no pointers:
	// inserting into it moves plain memory.
	taken := st.taken[:0]
	for _, cd := range kept {
		i := sort.Search(len(taken), func(i int) bool { return taken[i].end > cd.start })
		if i < len(taken) && taken[i].start < cd.end {
			continue
		}
		taken = slices.Insert(taken, i, cd)
	}
	st.taken = taken
	if len(taken) == 0 {
		return nil
	}
	out := make([]Finding, len(taken))
	for i, cd := range taken {
		c := &e.rules[cd.rule]
		out[i] = Finding{Type: c.Type, Rule: c.ID, Start: cd.start, End: cd.end,
			Score: cd.score, Severity: c.severity, rule: cd.rule}
	}
	return out
}

// best returns kept ordered best first: higher score, then longer value,
// then earlier, then the first rule in the bundle. It sorts integer keys,
// where a comparison function would cost an indirect call per comparison in
// WebAssembly: the score (rounded to 0.001), the length and the start make
// a key's high bits, the candidate's index its low 20; ties of the three,
// rare, are then ordered by rule.
func (st *scanState) best(kept []candidate) []candidate {
	const idxBits, posBits = 20, 17 // offsets are below 4*MaxInputRunes < 1<<posBits
	keys := st.keys[:0]
	for i, cd := range kept {
		keys = append(keys, uint64(1000-int(cd.score*1000+0.5))<<(idxBits+2*posBits)|
			uint64(1<<posBits-1-(cd.end-cd.start))<<(idxBits+posBits)|uint64(cd.start)<<idxBits|uint64(i))
	}
	slices.Sort(keys)
	out := st.ordered[:0]
	for j, k := range keys {
		cd := kept[k&(1<<idxBits-1)]
		// Insert by rule among the candidates of the same score, length and
		// start: out only permutes such runs, so out[i] has the high bits of
		// keys[i].
		i := j
		for i > 0 && keys[i-1]>>idxBits == k>>idxBits && out[i-1].rule > cd.rule {
			i--
		}
		out = slices.Insert(out, i, cd)
	}
	st.keys, st.ordered = keys, out
	return out
}

// dropped reports whether veto words or the near check of cd's rule c drop
// it, with the exceptions its value's kind makes (Rule.VetoExcept,
// Rule.VetoTwice).
func (e *Engine) dropped(st *scanState, text string, c *compiled, cd candidate) bool {
	vetoes := e.vetoes(st, text, cd)
	if vetoes == 0 && !c.vetoedNear(text, cd) {
		return false
	}
	if c.kinder == nil {
		return true
	}
	switch kind := c.kinder.Kind(text[cd.start:cd.end]); {
	case slices.Contains(c.VetoExcept, kind):
		return false
	case slices.Contains(c.VetoTwice, kind):
		return vetoes >= 2
	}
	return true
}

// vetoReach is how far from a value, in bytes, a veto word counts: the
// length of a long post, not the next one in a thread of posts.
const vetoReach = 500

// vetoes counts the different veto words of cd's rule within vetoReach,
// up to 2: "orders" twice is one word.
func (e *Engine) vetoes(st *scanState, text string, cd candidate) int {
	first := ""
	for _, h := range st.vetoes {
		if h.end < cd.start-vetoReach || h.start > cd.end+vetoReach || !e.dict.sets[h.set].veto.has(cd.rule) {
			continue
		}
		w := text[h.start:h.end]
		switch {
		case first == "":
			first = w
		case !strings.EqualFold(w, first):
			return 2
		}
	}
	if first == "" {
		return 0
	}
	return 1
}

// ownerReach is how far before a value, in bytes, a person's name makes it
// that person's: "auprès de Nathalie Roche, présidente de l'APE, au 02 41
// 87 36 52".
const ownerReach = 40

// named reports whether one of names, the candidates for a person's name,
// ends at most ownerReach bytes before cd. Veto words then leave cd alone:
// a club's or an office's post may give a named member's own number,
// address or mailbox.
func named(names []candidate, cd candidate) bool {
	for _, n := range names {
		if n.end <= cd.start && cd.start-n.end <= ownerReach {
			return true
		}
	}
	return false
}

// nearReach is how far before and after a value, in bytes, a near check
// (Rule.VetoNear) looks: the hours or the office that go with a phone
// number are written right beside it.
const nearReach = 40

// vetoedNear reports whether c's near check drops cd.
func (c *compiled) vetoedNear(text string, cd candidate) bool {
	if c.vetoNear == nil {
		return false
	}
	before := snap(text, window{start: cd.start - nearReach, end: cd.start})
	after := snap(text, window{start: cd.end, end: cd.end + nearReach})
	return c.vetoNear(text[before.start:before.end], text[after.start:after.end])
}

// contextOf reports whether context words and negative words of candidate
// cd's rule are near it. A context word inside a negative phrase does not
// count: "numéro" in "numéro de série" is no cue for a phone number.
func (e *Engine) contextOf(st *scanState, cd candidate, c *compiled) (pos, neg bool) {
	// Hits come in text order: start at the first one that can be near.
	first := sort.Search(len(st.hits), func(i int) bool { return st.hits[i].end >= cd.start-contextBefore })
	near := st.near[:0]
	for _, h := range st.hits[first:] {
		if h.start > cd.end+contextAfter {
			break
		}
		if h.end <= cd.start && cd.start-h.end <= contextBefore ||
			h.start >= cd.end && h.start-cd.end <= contextAfter {
			near = append(near, h)
		}
	}
	st.near = near
	for _, h := range near {
		set := &e.dict.sets[h.set]
		neg = neg || set.negative.has(cd.rule) && (h.start >= cd.end || !c.NegativeAfter) &&
			(h.end <= cd.start || !c.NegativeBefore)
	}
	for _, h := range near {
		if !e.dict.sets[h.set].context.has(cd.rule) {
			continue
		}
		inside := false
		for _, n := range near {
			if n.start <= h.start && h.end <= n.end && n != h && e.dict.sets[n.set].negative.has(cd.rule) {
				inside = true
				break
			}
		}
		if !inside {
			return true, neg
		}
	}
	return false, neg
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

// boundary reports whether [s,e) is not glued to a letter or digit on either
// side (RE2 has no look-behind, so this check lives in code).
func boundary(text string, s, e int) bool {
	if s > 0 {
		r, _ := utf8.DecodeLastRuneInString(text[:s])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	if e < len(text) {
		r, _ := utf8.DecodeRuneInString(text[e:])
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// glued reports whether the value [s,e) is a piece of a longer number: next
// to a token of digits only, across one separator the value itself uses
// ("SIRET 483 129 [078 00026]", "☎ [06.23.71].48.95"), unless the token
// before ends a value found (afterValue: "4012-8888-8888-1881 4012 8888 8888
// 1881" is two card numbers). After a value a space does not count: "FR76
// … 4560 211 45 €" is an IBAN, then a price. No labelled value of the test
// corpora is glued.
func glued(text string, s, e int, afterValue bool) bool {
	if s >= 2 && !afterValue && isDigit(text[s]) && isDigit(text[s-2]) && numberSep(text[s-1], text[s:e], true) {
		i := s - 2
		for i > 0 && isDigit(text[i-1]) {
			i--
		}
		if i == 0 || !isAlnum(text[i-1]) {
			return true
		}
	}
	if e+1 < len(text) && isDigit(text[e-1]) && isDigit(text[e+1]) && numberSep(text[e], text[s:e], false) {
		j := e + 1
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j == len(text) || !isAlnum(text[j]) {
			return true
		}
	}
	return false
}

// endsValue reports whether a value found ends with the byte at i: it
// covers i, not i+1.
func (st *scanState) endsValue(i int) bool {
	return i >= 0 && i+1 < len(st.covers) && st.covers[i].rule != 0 && st.covers[i+1].rule == 0
}

// numberSep reports whether c separates the digit groups of value: a dot
// or a dash it contains, or a space before it (before says which side). A
// dot right after a value is a decimal point ("Waldparkplatz 49.4183").
func numberSep(c byte, value string, before bool) bool {
	if c == '.' && !before {
		return true
	}
	return (c == '.' || c == '-' || before && c == ' ') && strings.IndexByte(value, c) >= 0
}

// byteKinds classifies bytes with one table lookup: the scan's per-byte
// passes ask these questions of every byte.
var byteKinds = func() (k [256]uint8) {
	for c := '0'; c <= '9'; c++ {
		k[c] |= kindDigit
	}
	for c := 'a'; c <= 'z'; c++ {
		k[c] |= kindLetter
		k[c-'a'+'A'] |= kindLetter
	}
	return k
}()

const (
	kindDigit  = 1
	kindLetter = 2
)

func isAlnum(c byte) bool { return byteKinds[c] != 0 }

func isDigit(c byte) bool { return byteKinds[c] == kindDigit }

// digitWindows returns the windows around digit clusters: runs of tokens that
// hold a digit (tokens, from lex), separated by at most 3 non-alphanumeric
// bytes on one line, widened by digitExtend and merged when they touch. Long
// windows are cut into overlapping pieces. It appends the merged windows to
// ws and the cut ones to out (buffers reused from scan to scan) and returns
// both.
func digitWindows(text string, tokens []token, ws, out []window) (clusters, windows []window) {
	add := func(s, e int) {
		s, e = max(s-digitExtend, 0), min(e+digitExtend, len(text))
		w := snap(text, window{start: s, end: e})
		if n := len(ws); n > 0 && w.start <= ws[n-1].end {
			ws[n-1].end = max(ws[n-1].end, w.end)
			return
		}
		ws = append(ws, w)
	}
	cs, ce := -1, -1 // current cluster
	for _, t := range tokens {
		i, j := int(t.start), int(t.end)
		if cs >= 0 && i-ce <= 3 && !hasNewline(text[ce:i]) {
			ce = j
			continue
		}
		if cs >= 0 {
			add(cs, ce)
		}
		cs, ce = i, j
	}
	if cs >= 0 {
		add(cs, ce)
	}
	// Cut long windows into overlapping pieces so no pattern runs on a huge
	// span in one go.
	for _, w := range ws {
		for w.end-w.start > maxWindow {
			p := snap(text, window{start: w.start, end: w.start + maxWindow})
			out = append(out, p)
			w.start = snap(text, window{start: p.end - windowOverlap, end: w.end}).start
		}
		out = append(out, w)
	}
	return ws, out
}

// hasNewline reports whether the few bytes between two tokens hold a
// newline: a loop the compiler inlines, where strings.IndexByte is a call
// per token, which counts in WebAssembly on digit-dense text.
func hasNewline(gap string) bool {
	for i := 0; i < len(gap); i++ {
		if gap[i] == '\n' {
			return true
		}
	}
	return false
}

// withDigits sets w.digits from the prefix counts.
func (st *scanState) withDigits(w window) window {
	w.digits = int((st.countsBefore[w.end] - st.countsBefore[w.start]) & 0xFFFF)
	return w
}

// atWindows appends to ws, for each '@', the surrounding run of non-space
// bytes.
func atWindows(text string, ws []window) []window {
	for i := 0; i < len(text); i++ {
		k := strings.IndexByte(text[i:], '@')
		if k < 0 {
			break
		}
		i += k
		s := i
		// Inside the previous window, this one merges with it: its start
		// does not matter.
		if n := len(ws); n == 0 || i >= ws[n-1].end {
			for s > 0 && i-s < maxAtLocal && !isSpaceByte(text[s-1]) {
				s--
			}
		}
		// Go on from the previous window's end when it is past this '@':
		// the bytes in between are not spaces, and an '@' soup stays linear.
		e := i + 1
		if n := len(ws); n > 0 && ws[n-1].end > e {
			e = ws[n-1].end
		}
		for e < len(text) && e-i < maxAtDomain && !isSpaceByte(text[e]) {
			e++
		}
		w := snap(text, window{start: s, end: e})
		if n := len(ws); n > 0 && w.start < ws[n-1].end {
			ws[n-1].end = max(ws[n-1].end, w.end)
			continue
		}
		ws = append(ws, w)
	}
	return ws
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r'
}

// snap clips w to the text and moves its ends inwards to rune boundaries.
func snap(text string, w window) window {
	w.start = max(w.start, 0)
	w.end = min(w.end, len(text))
	for w.start < w.end && !utf8.RuneStart(text[w.start]) {
		w.start++
	}
	for w.end < len(text) && w.end > w.start && !utf8.RuneStart(text[w.end]) {
		w.end--
	}
	if w.end < w.start {
		w.end = w.start
	}
	return w
}

// ScanAbove is Scan with another threshold (the user's sensitivity); values
// outside (0,1] mean the engine's own.
func (e *Engine) ScanAbove(text string, threshold float64) []Finding {
	if threshold <= 0 || threshold > 1 {
		threshold = e.threshold
	}
	return e.scan(text, threshold)
}

package engine

import (
	"bytes"
	"errors"
	"slices"
	"strconv"
	"strings"
)

// hitKind says what a keyword means to its rule.
type hitKind uint8

const (
	kindTrigger hitKind = iota
	kindContext
	kindNegative
	kindVeto
)

// phrase is a whole-word dictionary entry, folded: the words after the
// first, and what it means to rules.
type phrase struct {
	rest []string
	// next is the hash (wordHash) of rest[0]: a word of the text that does
	// not go on with it is told apart without comparing the words.
	next uint32
	set  int32 // index in dictionary.sets
}

// affix is a "*suffix" or "prefix*" entry, matched against single words.
type affix struct {
	s      []byte
	prefix bool
	set    int32
}

// ruleSet says what an entry means to each rule: a trigger (the rule runs
// around it), context or negative context (it raises or lowers the rule's
// score nearby), or a veto (the rule's values near it are dropped). An entry
// found is one hit however many rules list it: "n°" or "commande" are
// negative context for dozens.
type ruleSet struct {
	triggers                []int32
	context, negative, veto bitset
}

// bitset is a set of rule indexes.
type bitset []uint64

func (b bitset) has(i int) bool { return i>>6 < len(b) && b[i>>6]&(1<<(i&63)) != 0 }

func (b *bitset) add(i int) {
	for i>>6 >= len(*b) {
		*b = append(*b, 0)
	}
	(*b)[i>>6] |= 1 << (i & 63)
}

// dictionary finds every rule keyword in one pass over the words of a folded
// text: a table lookup per word, plus a short list of affixes.
type dictionary struct {
	first wordTable
	// maybe has a bit set for each word in first (see wordBit): most words
	// of a text are no keyword, and the bit test is much cheaper than
	// hashing the word for the map, above all in WebAssembly.
	maybe [maybeBits / 64]uint64
	// oneByte holds the phrases whose first word is one letter ("a", "à",
	// "y", "e"…, common in every language), by its byte.
	oneByte [256][]phrase
	// Affixes indexed by the byte they end with (suffixes) or start with
	// (prefixes), so a word is only compared with the few that could match;
	// pairs has a bit set for each of their first two (prefixes) or last
	// two (suffixes) bytes, so most words are compared with none.
	suffixes, prefixes [256][]affix
	pairs              [2][1 << 16 / 64]uint64
	sets               []ruleSet
}

// maybeBits sizes the word filter: 8 KiB, a few percent of false
// positives with the default bundle's thousands of words.
const maybeBits = 1 << 16

// wordBit hashes a word's length and its first, second and last bytes.
func wordBit(w []byte) uint {
	h := uint(len(w))
	h = h*131 + uint(w[0])
	h = h*131 + uint(w[min(1, len(w)-1)])
	h = h*131 + uint(w[len(w)-1])
	return h % maybeBits
}

// hit is an entry found in the text, in original byte offsets.
type hit struct {
	set        int32 // what it means to rules: dictionary.sets[set]
	start, end int
}

// keywordShape says how an entry's words are matched.
type keywordShape uint8

const (
	shapeWords  keywordShape = iota // a word or phrase, whole words
	shapePrefix                     // "prefix*": words starting with it
	shapeSuffix                     // "*suffix": words ending with it
)

func (d *dictionary) add(entry string, rule int, kind hitKind) error {
	shape, w, err := parseKeyword(entry)
	if err != nil {
		return err
	}
	d.insert(shape, w, int32(rule), kind)
	return nil
}

// parseKeyword folds a bundle's keyword entry into the words it matches.
func parseKeyword(entry string) (keywordShape, []string, error) {
	if strings.HasPrefix(entry, "*") || strings.HasSuffix(entry, "*") {
		shape := shapeSuffix
		if strings.HasSuffix(entry, "*") {
			shape = shapePrefix
		}
		w := foldWords(strings.Trim(entry, "*"))
		if len(w) != 1 {
			return shape, nil, errors.New("keyword " + strconv.Quote(entry) + ": an affix must be one word")
		}
		return shape, w, nil
	}
	w := plainWord(entry)
	if w == nil {
		w = foldWords(entry)
	}
	if len(w) == 0 {
		return shapeWords, nil, errors.New("keyword " + strconv.Quote(entry) + " has no letters")
	}
	return shapeWords, w, nil
}

// insert adds what parsed words mean to a rule; w and its first word are
// not empty.
func (d *dictionary) insert(shape keywordShape, w []string, rule int32, kind hitKind) {
	s := &d.sets[d.entry(shape, w)]
	switch kind {
	case kindTrigger:
		if !slices.Contains(s.triggers, rule) {
			s.triggers = append(s.triggers, rule)
		}
	case kindContext:
		s.context.add(int(rule))
	case kindNegative:
		s.negative.add(int(rule))
	case kindVeto:
		s.veto.add(int(rule))
	}
}

// entry returns the set of the entry (shape, w), adding the entry with an
// empty set if new.
func (d *dictionary) entry(shape keywordShape, w []string) int32 {
	newSet := int32(len(d.sets))
	if shape != shapeWords {
		for _, a := range *d.affixes(shape, w[0]) {
			if string(a.s) == w[0] {
				return a.set
			}
		}
		d.sets = append(d.sets, ruleSet{})
		d.addAffix(shape, w[0], newSet)
		return newSet
	}
	var list []phrase
	if len(w[0]) == 1 {
		list = d.oneByte[w[0][0]]
	} else {
		list = d.first.get(w[0])
	}
	for _, p := range list {
		if slices.Equal(p.rest, w[1:]) {
			return p.set
		}
	}
	d.sets = append(d.sets, ruleSet{})
	d.addPhrases(w[0], []phrase{newPhrase(w[1:], newSet)})
	return newSet
}

// affixes returns the list an affix entry of word s belongs to: prefixes by
// their first byte, suffixes by their last.
func (d *dictionary) affixes(shape keywordShape, s string) *[]affix {
	if shape == shapePrefix {
		return &d.prefixes[s[0]]
	}
	return &d.suffixes[s[len(s)-1]]
}

// addAffix appends the affix entry s, not empty, of the given shape.
func (d *dictionary) addAffix(shape keywordShape, s string, set int32) {
	list := d.affixes(shape, s)
	*list = append(*list, affix{s: []byte(s), prefix: shape == shapePrefix, set: set})
	// Mark the pairs a longer word that has s as its affix may show: its
	// first two bytes (prefixes) or last two (suffixes); a one-byte affix
	// leaves the other byte free.
	pairs := &d.pairs[shape-shapePrefix]
	mark := func(pair int) { pairs[pair/64] |= 1 << (pair % 64) }
	switch {
	case len(s) >= 2 && shape == shapePrefix:
		mark(int(s[0])<<8 | int(s[1]))
	case len(s) >= 2:
		mark(int(s[len(s)-2])<<8 | int(s[len(s)-1]))
	default:
		for b := range 256 {
			if shape == shapePrefix {
				mark(int(s[0])<<8 | b)
			} else {
				mark(b<<8 | int(s[0]))
			}
		}
	}
}

// mayHaveAffix reports whether word, of two bytes or more, may have an affix
// entry of the given shape (see dictionary.pairs).
func (d *dictionary) mayHaveAffix(shape keywordShape, word []byte) bool {
	pair := int(word[0])<<8 | int(word[1])
	if shape == shapeSuffix {
		pair = int(word[len(word)-2])<<8 | int(word[len(word)-1])
	}
	return d.pairs[shape-shapePrefix][pair/64]&(1<<(pair%64)) != 0
}

// newPhrase returns the phrase of set whose words after the first are rest.
func newPhrase(rest []string, set int32) phrase {
	p := phrase{rest: rest, set: set}
	if len(rest) > 0 {
		p.next = wordHash(rest[0])
	}
	return p
}

// addPhrases appends ps, whose first word is first.
func (d *dictionary) addPhrases(first string, ps []phrase) {
	if len(first) == 1 {
		d.oneByte[first[0]] = append(d.oneByte[first[0]], ps...)
		return
	}
	d.first.addAll(first, ps)
	d.mark(first)
}

// mark sets the word filter's bit for a first word of two bytes or more.
func (d *dictionary) mark(word string) {
	bit := wordBit([]byte(word))
	d.maybe[bit/64] |= 1 << (bit % 64)
}

// plainWord returns entry as a one-word list when it is already folded (a
// lower-case ASCII word, the common case), sparing fold's allocations at
// load time; nil otherwise.
func plainWord(entry string) []string {
	if entry == "" {
		return nil
	}
	for i := 0; i < len(entry); i++ {
		if c := entry[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return nil
		}
	}
	return []string{entry}
}

// span is a word of the folded text: its offsets there, and those of the
// text it was folded from.
type span struct{ start, end, origStart, origEnd int32 }

// find appends every keyword hit of the folded text b, whose words are ws,
// to dst.
func (d *dictionary) find(b []byte, ws []span, dst []hit) []hit {
	for i, w := range ws {
		word := b[w.start:w.end]
		var first []phrase
		if len(word) == 1 {
			first = d.oneByte[word[0]]
		} else if bit := wordBit(word); d.maybe[bit/64]&(1<<(bit%64)) != 0 {
			first = d.first.lookup(word)
		}
		next, hashed := uint32(0), false
		for _, k := range first {
			if i+len(k.rest) >= len(ws) {
				continue
			}
			if len(k.rest) > 0 {
				if !hashed {
					nw := ws[i+1]
					next, hashed = wordHash(b[nw.start:nw.end]), true
				}
				if k.next != next {
					continue
				}
			}
			ok := true
			for j, r := range k.rest {
				nw := ws[i+1+j]
				if string(b[nw.start:nw.end]) != r {
					ok = false
					break
				}
			}
			if ok {
				last := ws[i+len(k.rest)]
				dst = append(dst, hit{set: k.set, start: int(w.origStart), end: int(last.origEnd)})
			}
		}
		if len(word) < 2 { // an affix word is longer than its affix
			continue
		}
		if d.mayHaveAffix(shapePrefix, word) {
			for _, a := range d.prefixes[word[0]] {
				if len(word) > len(a.s) && bytes.HasPrefix(word, a.s) {
					dst = append(dst, hit{set: a.set, start: int(w.origStart), end: int(w.origEnd)})
				}
			}
		}
		if d.mayHaveAffix(shapeSuffix, word) {
			for _, a := range d.suffixes[word[len(word)-1]] {
				if len(word) > len(a.s) && bytes.HasSuffix(word, a.s) {
					dst = append(dst, hit{set: a.set, start: int(w.origStart), end: int(w.origEnd)})
				}
			}
		}
	}
	return dst
}

// wordTable holds the whole-word entries by first word: an open-addressing
// table, at most half full, whose slots hold an index in entries plus one
// (0: empty). A Go map costs a call and a generic hash per lookup, for the
// thousand words of a long text that pass the word filter.
type wordTable struct {
	slots   []int32
	entries []wordEntry
}

// wordEntry is a first word, its hash and its phrases.
type wordEntry struct {
	word    string
	hash    uint32
	phrases []phrase
}

// wordHash is FNV-1a over a word's bytes.
func wordHash[S string | []byte](w S) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(w); i++ {
		h = (h ^ uint32(w[i])) * 16777619
	}
	return h
}

// lookup returns the phrases whose first word is w.
func (t *wordTable) lookup(w []byte) []phrase {
	if len(t.slots) == 0 {
		return nil
	}
	h := wordHash(w)
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		k := t.slots[i]
		if k == 0 {
			return nil
		}
		if e := &t.entries[k-1]; e.hash == h && e.word == string(w) {
			return e.phrases
		}
	}
}

// get is lookup for a string.
func (t *wordTable) get(w string) []phrase {
	return t.lookup([]byte(w))
}

// addAll appends ps to the phrases of first word w; a new word keeps ps
// itself.
func (t *wordTable) addAll(w string, ps []phrase) {
	t.reserve(1)
	h := wordHash(w)
	mask := uint32(len(t.slots) - 1)
	i := h & mask
	for ; t.slots[i] != 0; i = (i + 1) & mask {
		if e := &t.entries[t.slots[i]-1]; e.hash == h && e.word == w {
			e.phrases = append(e.phrases, ps...)
			return
		}
	}
	t.entries = append(t.entries, wordEntry{word: w, hash: h, phrases: ps})
	t.slots[i] = int32(len(t.entries))
}

// reserve makes room for n more words: the table stays at most half full.
func (t *wordTable) reserve(n int) {
	size := max(len(t.slots), 64)
	for size < 2*(len(t.entries)+n) {
		size *= 2
	}
	if size == len(t.slots) {
		return
	}
	t.entries = slices.Grow(t.entries, n)
	t.slots = make([]int32, size)
	mask := uint32(size - 1)
	for k, e := range t.entries {
		i := e.hash & mask
		for t.slots[i] != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = int32(k + 1)
	}
}

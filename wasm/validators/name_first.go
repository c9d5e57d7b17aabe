package validators

import (
	"errors"
	"sort"

	"vigie/wasm/binenc"
	"vigie/wasm/jsonv"
)

// The "first_name" validator accepts a person name only when one of its
// words is a common given name. Rules that find a name from a weak cue (a
// kinship word, a title, "je suis", a birth date or an age after it) use it,
// so that capitalised phrases ("Je suis Charlie", "I'm Very Happy", brands,
// places) are not taken for names. Its table (tables/first_name.json) holds
// the given names, lower-case with accents folded; see its "source" field.

func init() {
	register("first_name", newFirstName)
	compacters["first_name"] = compactFirstNames
}

// nameLeadNonWords start capitalised place or institution names that hold a
// given name ("Saint Pierre", "San José", "Sankt Georgen").
var nameLeadNonWords = map[string]bool{
	"saint": true, "sainte": true, "st": true, "ste": true, "san": true, "santa": true,
	"santo": true, "sankt": true, "sao": true,
}

// eponyms are people whose names schools, streets and squares carry ("école
// Jules Ferry", "lycée Jean Moulin", "via Giuseppe Garibaldi"), and dog
// breeds named like people ("un Jack Russell"), and saints whose churches
// are named after them ("chiesa di Santa Maria Assunta"): a name starting with one of
// them, folded, names a place or a dog in a post, not who someone is.
var eponyms = map[string]bool{
	"victor hugo": true, "jean jaures": true, "jean moulin": true, "jules ferry": true,
	"louis pasteur": true, "marie curie": true, "pierre curie": true,
	"emile zola": true, "jean zay": true, "paul bert": true, "jacques prevert": true,
	"georges brassens": true, "albert camus": true, "jean monnet": true, "leon blum": true,
	"pierre brossolette": true, "gabriel peri": true, "jules verne": true, "jean mace": true,
	"jean rostand": true, "louise michel": true, "simone veil": true, "aristide briand": true,
	"georges clemenceau": true, "paul eluard": true,
	"anatole france": true, "romain rolland": true, "henri barbusse": true, "paul langevin": true,
	"jean mermoz": true, "maurice ravel": true, "claude debussy": true, "hector berlioz": true,
	"louis aragon": true, "paul cezanne": true, "rene cassin": true, "jean giono": true,
	"marcel pagnol": true, "alphonse daudet": true, "lucie aubrac": true, "nelson mandela": true,
	"rosa parks": true, "martin luther": true, "jean-baptiste clement": true,
	"konrad adenauer": true, "willy brandt": true, "albert einstein": true, "friedrich schiller": true,
	"sophie scholl": true, "anne frank": true, "otto hahn": true, "max planck": true,
	"robert koch": true, "heinrich heine": true, "thomas mann": true,
	"antonio machado": true, "giuseppe garibaldi": true,
	"giuseppe mazzini": true, "giuseppe verdi": true, "dante alighieri": true,
	"alessandro manzoni": true, "winston churchill": true,
	"william shakespeare": true, "isaac newton": true,
	"jack russell": true, "king charles": true, "maria assunta": true,
	// Public figures named in the news, and fiction read aloud ("son premier
	// Harry Potter"): a title cue ("le président …") is no sign of a
	// private person there.
	"emmanuel macron": true, "brigitte macron": true, "francois bayrou": true,
	"michel barnier": true, "gabriel attal": true, "sebastien lecornu": true,
	"jordan bardella": true, "jean-luc melenchon": true,
	"sergio mattarella": true, "giorgia meloni": true, "olaf scholz": true,
	"friedrich merz": true, "angela merkel": true, "frank-walter steinmeier": true,
	"luis montenegro": true, "marcelo rebelo": true,
	"ursula von": true, "dick schoof": true, "mark rutte": true,
	"keir starmer": true, "donald trump": true, "joe biden": true, "barack obama": true,
	"kamala harris": true, "elon musk": true, "mark zuckerberg": true,
	"thomas pesquet": true, "kylian mbappe": true, "antoine dupont": true,
	"zinedine zidane": true, "lionel messi": true, "cristiano ronaldo": true,
	"taylor swift": true, "harry potter": true, "umberto eco": true,
	"charles aznavour": true, "edith piaf": true, "johnny hallyday": true,
	"jean valjean": true, "arsene lupin": true, "sherlock holmes": true,
	"james bond": true, "indiana jones": true, "hermione granger": true,
	"freddie mercury": true, "vasco rossi": true,
}

// eponym reports whether v's first two words, folded, are one of eponyms.
func eponym(v string) bool {
	var b [48]byte
	n, words := 0, 0
	for i := 0; i < len(v) && words < 2; {
		r, size := foldLatin(v[i:])
		switch {
		case r != 0 || v[i] == '-':
			if r == 0 {
				r = '-'
			}
			if n == len(b) {
				return false
			}
			b[n] = r
			n++
		case v[i] == ' ' || v[i] == '\t':
			if n > 0 && b[n-1] != ' ' {
				words++
				if words < 2 {
					if n == len(b) {
						return false
					}
					b[n] = ' '
					n++
				}
			}
		default:
			return false
		}
		i += max(size, 1)
	}
	return eponyms[string(b[:n])]
}

type firstNames map[string]bool

func newFirstName(table []byte) (Validator, error) {
	if len(table) == 0 {
		return nil, errors.New("the bundle has no first_name table")
	}
	if table[0] == compactMark {
		r := binenc.NewReader(table[1:])
		names := r.Strs()
		if err := r.End(); err != nil {
			return nil, err
		}
		set := make(firstNames, len(names))
		for _, n := range names {
			set[n] = true
		}
		if len(set) == 0 {
			return nil, errors.New("first_name table lists no names")
		}
		return set, nil
	}
	v, err := jsonv.Parse(table)
	if err != nil {
		return nil, err
	}
	set := firstNames{}
	err = jsonv.Fields(v, func(k string, val jsonv.Value) error {
		switch k {
		case "source":
			_, err := val.AsString()
			return err
		case "names":
			names, err := val.Strings()
			for _, n := range names {
				set[n] = true
			}
			return err
		}
		return errors.New("unknown field " + k)
	})
	if err != nil {
		return nil, err
	}
	if len(set) == 0 {
		return nil, errors.New("first_name table lists no names")
	}
	return set, nil
}

// compactFirstNames writes the names as a list of strings, which loads
// without parsing JSON.
func compactFirstNames(table []byte) ([]byte, error) {
	v, err := newFirstName(table)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(v.(firstNames)))
	for n := range v.(firstNames) {
		names = append(names, n)
	}
	sort.Strings(names)
	w := binenc.Writer{B: []byte{compactMark}}
	w.Strs(names)
	return w.B, nil
}

// Valid accepts what personNameValid accepts when the first word of v, or
// the first part of a hyphenated one ("Jean-Luc"), is a known given name and
// v does not start with "Saint", "San"…. Surname-first forms count too: the
// last word may be the given name after an upper-case surname ("DUPONT
// Marie", "DE LA FONTAINE Marie", but not "RIB de Nathalie") or in a
// labelled form ("Dupont Prénom : Marie").
func (s firstNames) Valid(v string) bool {
	if !personNameValid(v) || eponym(v) {
		return false
	}
	var w [24]byte
	n, word := 0, 0
	firstKnown, lastKnown, firstCaps, form := false, false, true, false
	// Whether the word being read, the one before it, and any word between
	// the first and the last hold a lower-case letter.
	lower, prevLower, midLower := false, false, false
	flush := func() bool {
		defer func() { n, lower = 0, false }()
		if n == 0 {
			return true
		}
		if word >= 2 {
			midLower = midLower || prevLower
		}
		prevLower = lower
		known := n <= len(w) && s[string(w[:n])]
		if word == 0 {
			if n <= len(w) && nameLeadNonWords[string(w[:n])] {
				return false
			}
			firstKnown = firstKnown || known
		}
		lastKnown = known
		return true
	}
	for i := 0; i < len(v); {
		r, size := foldLatin(v[i:])
		switch {
		case r != 0:
			if v[i] >= 'a' && v[i] <= 'z' {
				lower = true
				firstCaps = firstCaps && word > 0
			}
			if n < len(w) {
				w[n] = r
			}
			n++
			i += size
		case v[i] >= 0x80:
			_, size = decodeSize(v[i:])
			n = len(w) + 1
			i += size
		default:
			if !flush() {
				return false
			}
			switch v[i] {
			case ' ', '\t':
				word++
			case ':':
				form = true
			}
			i++
		}
	}
	if !flush() {
		return false
	}
	// An upper-case surname is followed by a given name written in lower
	// case ("DUPONT Marie"): all in capitals, "LA FAMILLE DE NADIA" is no
	// surname-first form.
	return firstKnown || lastKnown && (firstCaps && !midLower && prevLower || form)
}

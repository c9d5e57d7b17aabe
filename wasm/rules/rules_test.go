package rules

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"vigie/wasm/engine"
	"vigie/wasm/eval"
)

// TestExamples runs every rule's examples as subtests named after the rule,
// and fails a rule with fewer than engine.MinExamples of either kind.
func TestExamples(t *testing.T) {
	b := defaultBundle(t)
	for _, f := range engine.CheckExamples(b) {
		t.Run(f.Rule, func(t *testing.T) { t.Error(f) })
	}
	if _, err := engine.Compile(b); err != nil {
		t.Fatal(err)
	}
}

// defaultBundle parses the packed default rules.
func defaultBundle(t *testing.T) *engine.Bundle {
	t.Helper()
	data, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b, err := engine.ParseBundle(data)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// corpus is the texts rule tests run over: the development posts and every
// example of b's rules.
func corpus(t *testing.T, b *engine.Bundle) []string {
	t.Helper()
	posts, err := eval.LoadPosts("../testdata/posts")
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range posts {
		texts = append(texts, p.Text)
	}
	for _, r := range b.Rules {
		for _, ex := range r.Examples.Positive {
			texts = append(texts, ex.Text)
		}
		texts = append(texts, r.Examples.Negative...)
	}
	return texts
}

// TestLongTextFindsWhatItsPartsFind scans the development posts joined
// into texts of close to engine.MaxInputRunes: each must give what its posts
// give alone. Posts are kept apart by enough blank lines that no context
// word reaches across.
func TestLongTextFindsWhatItsPartsFind(t *testing.T) {
	e := defaultEngine(t)
	posts, err := eval.LoadPosts("../testdata/posts")
	if err != nil {
		t.Fatal(err)
	}
	gap := strings.Repeat("\n", 1000)
	for i := 0; i < len(posts); {
		var text strings.Builder
		var want []engine.Finding
		first := i
		for ; i < len(posts) && utf8.RuneCountInString(text.String())+len(gap)+len(posts[i].Text) < engine.MaxInputRunes; i++ {
			text.WriteString(gap)
			at := text.Len()
			text.WriteString(posts[i].Text)
			for _, f := range e.Scan(posts[i].Text) {
				f.Start, f.End = f.Start+at, f.End+at
				want = append(want, f)
			}
		}
		if got := e.Scan(text.String()); !slices.Equal(got, want) {
			t.Errorf("posts %d to %d together: %d findings, %d apart", first, i-1, len(got), len(want))
			for k := range min(len(got), len(want)) {
				if got[k] != want[k] {
					t.Logf("%+v\n%+v", got[k], want[k])
					break
				}
			}
		}
	}
}

// TestShadowingSeesEveryValue puts many values after a post: the keyword
// rules, which run after the digit rules over the whole text, must still see
// the phone number the post holds, as they do in the post alone, and leave
// it to the phone rule.
func TestShadowingSeesEveryValue(t *testing.T) {
	e := defaultEngine(t)
	post := "Pass-Nr.: F12345671\n\n824753557"
	text := post + strings.Repeat("\n", 200) + strings.Repeat("06 12 34 56 78\n\n", 60)
	want := e.Scan(post)
	var got []engine.Finding
	for _, f := range e.Scan(text) {
		if f.End <= len(post) {
			got = append(got, f)
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("in a long text: %+v\nalone: %+v", got, want)
	}
}

// TestBudgetsArePerPhase fills the digit phase's budget with digit soup:
// the e-mail and the address after it must still be found.
func TestBudgetsArePerPhase(t *testing.T) {
	e := defaultEngine(t)
	text := strings.Repeat("6 8 6.6 68 6 8 8.8 4 8 ", 600) +
		"\n\nÉcrivez à marie.dupont@gmail.com, livraison au 12 rue des Lilas 69003 Lyon."
	var types []engine.Type
	for _, f := range e.Scan(text) {
		if f.Start > 13000 {
			types = append(types, f.Type)
		}
	}
	if !slices.Contains(types, engine.Email) || !slices.Contains(types, engine.PostalAddress) {
		t.Errorf("after the soup: %v, want an e-mail and an address", types)
	}
}

// TestRulesTogether holds cases where rules compete for one value, which
// the rules' own examples (each rule alone) cannot show.
func TestRulesTogether(t *testing.T) {
	e := defaultEngine(t)
	tests := []struct {
		text string
		want []string // type and value of each finding
	}{{
		// The last groups of a tax number form a valid Spanish landline,
		// and "numéro" is a phone cue: the tax number must win.
		"Pour le dossier : numéro fiscal 30 12 874 561 165 et 3 fiches de paie",
		[]string{"NATIONAL_ID 30 12 874 561 165"},
	}, {
		// A club's post ("kermesse", "cotisation" are veto words) gives a
		// named member's own landline and mailbox: the name before them
		// makes them hers, and the veto words leave them alone.
		"Kermesse samedi ! Inscriptions auprès de Nathalie Roche, présidente de l'APE, au 02 41 87 36 52",
		[]string{"PERSON_NAME Nathalie Roche", "PHONE 02 41 87 36 52"},
	}, {
		"Cotisation 25 €. Pour toute question, votre trésorière Martine Roux : martine.roux.rando@orange.fr",
		[]string{"PERSON_NAME Martine Roux", "EMAIL martine.roux.rando@orange.fr"},
	}, {
		// The same without a name: the club's own.
		"Kermesse samedi ! Inscriptions au 02 41 87 36 52 ou kermesse.rando@orange.fr",
		nil,
	}}
	for _, tt := range tests {
		var got []string
		for _, f := range e.Scan(tt.text) {
			got = append(got, string(f.Type)+" "+tt.text[f.Start:f.End])
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: got %q, want %q", tt.text, got, tt.want)
		}
	}
}

func defaultEngine(t *testing.T) *engine.Engine {
	t.Helper()
	e, err := DefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// FuzzShippedRules scans arbitrary text with the shipped rules: no panic;
// findings as Scan promises (engine.CheckFindings); and the same findings when the text is scanned again, so that nothing a
// scan leaves in the buffers later scans reuse (the per-byte cover of the
// values found) changes what they find.
func FuzzShippedRules(f *testing.F) {
	for _, s := range []string{benchPost, "Pass-Nr.: F12345671\n\n824753557",
		"Meine Steuer-ID: 12345678903.", "mot de passe : Tr0ub4dor&3", strings.Repeat("06 12 ", 40)} {
		f.Add(s)
	}
	e, err := DefaultEngine()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		fs := e.Scan(text)
		if err := engine.CheckFindings(text, fs); err != nil {
			t.Fatal(err)
		}
		if again := e.Scan(text); !slices.Equal(again, fs) {
			t.Fatalf("second scan: %+v\nfirst: %+v", again, fs)
		}
	})
}

// TestPackLists: a rule takes a shared list's words into the field it names,
// the lists' words first, then its own, each once; a bad reference or list
// is an error naming the file.
func TestPackLists(t *testing.T) {
	const rule = `{"id": "r", "type": "EMAIL", "anchor": "at", "pattern": "x", "score": 0.9, %s
		"explain": {"fr": "f", "en": "e"}, "examples": {"positive": [], "negative": []}}`
	shops := `{"about": "shops", "words": {"fr": ["boulangerie", "mairie"], "en": ["bakery"]}}`
	hours := `{"about": "hours", "words": {"fr": ["horaires", "mairie"]}}`
	tests := []struct {
		name, fields string
		lists        map[string]string
		want         map[string][]string // veto
		err          string
	}{
		{"one list", `"lists": {"veto": ["shops"]},`, map[string]string{"shops": shops},
			map[string][]string{"fr": {"boulangerie", "mairie"}, "en": {"bakery"}}, ""},
		{"lists then own words, each once", `"lists": {"veto": ["shops", "hours"]}, "veto": {"fr": ["sarl", "horaires"], "de": ["gmbh"]},`,
			map[string]string{"shops": shops, "hours": hours},
			map[string][]string{"fr": {"boulangerie", "mairie", "horaires", "sarl"}, "en": {"bakery"}, "de": {"gmbh"}}, ""},
		{"missing list", `"lists": {"veto": ["nope"]},`, nil, nil, `detectors/r.json: lists: veto: list "nope"`},
		{"not a word field", `"lists": {"triggers": ["shops"]},`, map[string]string{"shops": shops}, nil, `"triggers" is not a field of words`},
		{"no list named", `"lists": {"veto": []},`, nil, nil, "veto names no list"},
		{"path as a name", `"lists": {"veto": ["../shops"]},`, nil, nil, `bad list name "../shops"`},
		{"list without about", `"lists": {"veto": ["bare"]},`, map[string]string{"bare": `{"words": {"fr": ["x"]}}`}, nil, `lists/bare.json: a list needs "about"`},
		{"unknown field in a list", `"lists": {"veto": ["odd"]},`, map[string]string{"odd": `{"about": "a", "word": {}}`}, nil, `lists/odd.json: json: unknown field "word"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"detectors/r.json": {Data: []byte(fmt.Sprintf(rule, tt.fields))}}
			for name, data := range tt.lists {
				fsys["lists/"+name+".json"] = &fstest.MapFile{Data: []byte(data)}
			}
			b, err := Pack(fsys, Meta{Version: "t", CreatedAt: "2026-11-27T00:00:00Z"})
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("error %v, want one with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := b.Rules[0].Veto; !maps.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("veto %q, want %q", got, tt.want)
			}
		})
	}
}

// TestNamePatternIsShared: the name rules read a name the same way, with
// person-name-cue's pattern (capitalised words, particles, upper-case
// surnames), whatever comes around it. Two have their own: the form rule
// reads "Nom : … Prénom : …", and after "je m'appelle" (person-name) a
// name may run over a line break and join surnames with y or e ("me llamo
// José García y López"), where elsewhere "X y Y" are two people.
func TestNamePatternIsShared(t *testing.T) {
	b := defaultBundle(t)
	var name string
	for _, r := range b.Rules {
		if r.ID == "person-name-cue" {
			name = r.Pattern
		}
	}
	if name == "" {
		t.Fatal("no person-name-cue rule")
	}
	for _, r := range b.Rules {
		if r.Type == engine.PersonName && r.ID != "person-name-form" && r.ID != "person-name" && !strings.Contains(r.Pattern, name) {
			t.Errorf("%s: pattern does not hold person-name-cue's", r.ID)
		}
	}
}

package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// testBundle is a small bundle independent of the shipped rules, so engine
// tests do not move when rules change.
func testBundle(t testing.TB, mutate ...func(*Bundle)) *Bundle {
	t.Helper()
	explain := map[string]string{"fr": "x", "en": "x"}
	b := &Bundle{Schema: SchemaVersion, ID: "test", Version: "1", MinEngine: "1.0.0", Rules: []Rule{
		{ID: "iban", Type: IBAN, Anchor: AnchorDigits, Validator: "iban", Score: 0.9, Explain: explain,
			Pattern: `(?i)\b[a-z]{2}[0-9]{2}(?:[ ]?[a-z0-9]{4}){2,7}(?:[ ]?[a-z0-9]{1,3})?\b`},
		{ID: "email", Type: Email, Anchor: AnchorAt, Score: 0.85, Explain: explain,
			Pattern: `(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}`},
		{ID: "num", Type: NationalID, Anchor: AnchorDigits, Score: 0.4, Explain: explain,
			Pattern: `\b\d{6}\b`, Context: map[string][]string{"fr": {"numéro fiscal", "sécu", "numéro"}},
			Negative: map[string][]string{"fr": {"commande", "numéro de série"}},
			Veto:     map[string][]string{"fr": {"horaires d'ouverture"}}},
		{ID: "ctx", Type: Passport, Anchor: AnchorDigits, Score: 0.9, Explain: explain,
			Pattern: `\b\d{2}[A-Z]{2}\d{5}\b`, RequiresContext: true,
			Context: map[string][]string{"fr": {"passeport"}}},
		{ID: "pwd", Type: Credential, Anchor: AnchorKeyword, Score: 0.9, Explain: explain,
			Triggers: []string{"mot de passe", "*pass"}, After: 30,
			Pattern: `(?i)(?:mot de passe|\w*pass)\s*[:=]\s*(?P<v>\S+)`},
		{ID: "wifi", Type: Credential, Anchor: AnchorKeyword, Score: 0.8, Explain: explain,
			Triggers: []string{"wifi"}, After: 30, Pattern: `(?i)wifi\s*:\s*(?P<v>\S+)`,
			Negative: map[string][]string{"de": {"passwort"}}, NegativeAfter: true},
	}}
	for _, m := range mutate {
		m(b)
	}
	return b
}

func testEngine(t testing.TB) *Engine {
	t.Helper()
	e, err := Compile(testBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestScan(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name, text string
		want       []string // "TYPE value"
	}{
		{"iban and email", "RIB FR76 3000 6000 0112 3456 7890 189 😊 mail: a.b@c.fr.", []string{"IBAN FR76 3000 6000 0112 3456 7890 189", "EMAIL a.b@c.fr"}},
		{"invalid iban", "FR76 3000 6000 0112 3456 7890 188", nil},
		{"weak number alone", "j'ai 123456 abonnés", nil},
		{"context raises", "mon numéro fiscal 123456", []string{"NATIONAL_ID 123456"}},
		{"accent-folded context", "NUMERO FISCAL : 123456", []string{"NATIONAL_ID 123456"}},
		{"context cancelled by negative", "numéro fiscal de la commande 123456", nil},
		{"context too far", "sécu" + strings.Repeat(" blabla", 20) + " 123456", nil},
		{"glued to letters", "ref123456", nil},
		{"requires context, absent", "code 12AB34567", nil},
		{"requires context, present", "passeport 12AB34567", []string{"PASSPORT 12AB34567"}},
		{"keyword window, value group", "le mot de passe: Soleil2024!", []string{"CREDENTIAL Soleil2024!"}},
		{"affix trigger", "wifipass = azerty", []string{"CREDENTIAL azerty"}},
		{"whole words only", "compass 123", nil},
		{"negative word before, counted only after", "Passwort vom wifi: Maison5G", []string{"CREDENTIAL Maison5G"}},
		{"negative word after", "wifi: Maison5G\nPasswort folgt", nil},
		{"veto in the post", "mon numéro fiscal 123456" + strings.Repeat(" blabla", 30) + " Horaires d'ouverture : 9h-18h", nil},
		{"veto too far", "mon numéro fiscal 123456" + strings.Repeat(" blabla", 80) + " Horaires d'ouverture : 9h-18h", []string{"NATIONAL_ID 123456"}},
		{"veto for its rule only", "numéro fiscal 123456, a.b@c.fr. Horaires d'ouverture", []string{"EMAIL a.b@c.fr"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, f := range e.Scan(tt.text) {
				got = append(got, string(f.Type)+" "+tt.text[f.Start:f.End])
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScanAboveThreshold(t *testing.T) {
	e := testEngine(t)
	text := "j'ai 123456 abonnés"
	if got := e.ScanAbove(text, 0.3); len(got) != 1 {
		t.Errorf("ScanAbove(0.3) = %v, want the 0.4 candidate", got)
	}
	if got := e.ScanAbove(text, 0.6); len(got) != 0 {
		t.Errorf("ScanAbove(0.6) = %v, want none", got)
	}
	// "numéro" inside the negative "numéro de série" is no context: the
	// score is 0.4 - 0.4, not 0.4 + 0.3 - 0.4.
	if got := e.ScanAbove("numéro de série 123456", 0.2); len(got) != 0 {
		t.Errorf("ScanAbove(0.2) = %v, want none", got)
	}
	// 0.4 + 0.3 - 0.4 is 0.3, which reaches a 0.3 threshold; in floating
	// point it is 0.29999999999999993.
	if got := e.ScanAbove("numéro fiscal de la commande 123456", 0.3); len(got) != 1 || got[0].Score != 0.3 {
		t.Errorf("ScanAbove(0.3) = %v, want one finding scored 0.3", got)
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Téléphone", "telephone"},
		{"STRAẞE Straße", "strasse strasse"},
		{"n° de suivi", "no de suivi"},
		{"m’appelle", "m'appelle"},
		{"Ça 😊 va", "ca   va"},
		{"Œuvre", "oeuvre"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var f folded
			fold(tt.in, &f)
			if got := string(f.b); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if len(f.orig) != len(f.b) {
				t.Fatalf("orig has %d entries for %d bytes", len(f.orig), len(f.b))
			}
			for i, o := range f.orig {
				if !utf8.RuneStart(tt.in[o]) {
					t.Errorf("orig[%d] = %d is not a rune start", i, o)
				}
			}
		})
	}
}

func TestConverters(t *testing.T) {
	text := "é😊a" // bytes: é=2, 😊=4, a=1
	tests := []struct {
		b, runes, units int
	}{{0, 0, 0}, {2, 1, 1}, {6, 2, 3}, {7, 3, 4}}
	rc, uc := NewRuneConverter(text), NewUTF16Converter(text)
	for _, tt := range tests {
		if got := rc.Offset(tt.b); got != tt.runes {
			t.Errorf("rune offset of byte %d: got %d, want %d", tt.b, got, tt.runes)
		}
		if got := uc.Offset(tt.b); got != tt.units {
			t.Errorf("UTF-16 offset of byte %d: got %d, want %d", tt.b, got, tt.units)
		}
	}
	if got := rc.Offset(2); got != 1 {
		t.Errorf("asking backwards: got %d, want 1", got)
	}
}

func TestParseBundleErrors(t *testing.T) {
	good, err := json.Marshal(testBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data string
		want string
	}{
		{"not json", "{", "expected a string key"},
		{"wrong type", `{"schema":"1","rules":[{}]}`, "schema: got string, want number"},
		{"unknown field", `{"schema":1,"rules":[{}],"extra":1}`, "unknown field"},
		{"wrong schema", `{"schema":2,"rules":[{}]}`, "schema 2"},
		{"newer engine", `{"schema":1,"min_engine":"9.0","rules":[{}]}`, "needs engine 9.0"},
		{"bad version", `{"schema":1,"min_engine":"v1","rules":[{}]}`, "not dotted numbers"},
		{"no rules", `{"schema":1}`, "no rules"},
		{"trailing", string(good) + "{}", "trailing data"},
		{"not utf-8", "\xff", "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseBundle([]byte(tt.data))
			if err == nil || !errors.Is(err, ErrBundle) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an ErrBundle containing %q", err, tt.want)
			}
		})
	}
	if _, err := Load(good); err != nil {
		t.Errorf("good bundle: %v", err)
	}
}

func TestCompileErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Bundle)
		want   string
	}{
		{"unknown type", func(b *Bundle) { b.Rules[0].Type = "SHOE_SIZE" }, "unknown type"},
		{"bad pattern", func(b *Bundle) { b.Rules[0].Pattern = "(" }, "pattern"},
		{"empty match", func(b *Bundle) { b.Rules[0].Pattern = "a*" }, "empty string"},
		{"unknown validator", func(b *Bundle) { b.Rules[0].Validator = "nope" }, "unknown validator"},
		{"unknown anchor", func(b *Bundle) { b.Rules[0].Anchor = "vibes" }, "unknown anchor"},
		{"keyword without triggers", func(b *Bundle) { b.Rules[4].Triggers = nil }, "needs triggers"},
		{"contact without before", func(b *Bundle) { b.Rules[0].Anchor, b.Rules[0].Before = AnchorContact, 0 }, "needs before"},
		{"score", func(b *Bundle) { b.Rules[0].Score = 1.5 }, "score"},
		{"explain", func(b *Bundle) { b.Rules[0].Explain = map[string]string{"fr": "x"} }, "explain"},
		{"duplicate id", func(b *Bundle) { b.Rules[1].ID = "iban" }, "duplicate"},
		{"bad affix", func(b *Bundle) { b.Rules[4].Triggers = []string{"*two words"} }, "one word"},
		{"huge repeat", func(b *Bundle) { b.Rules[0].Pattern = `[a-z]{8,1000}` }, "counted repetition"},
		{"huge program", func(b *Bundle) { b.Rules[0].Pattern = strings.Repeat(`(?:ab|cd|ef)[0-9]{2,60}`, 40) }, "instructions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Compile(testBundle(t, tt.mutate))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestCheckExamples(t *testing.T) {
	b := testBundle(t, func(b *Bundle) {
		b.Rules = b.Rules[:1]
		b.Rules[0].Examples = Examples{
			Positive: []Example{{Text: "FR76 3000 6000 0112 3456 7890 189", Match: "FR76 3000 6000 0112 3456 7890 189"},
				{Text: "iban: FR7630006000011234567890189.", Match: "FR76"}},
			Negative: []string{"FR76", "FR76 3000 6000 0112 3456 7890 189"},
		}
	})
	fails := CheckExamples(b)
	if len(fails) != 2 {
		t.Fatalf("got %d failures %v, want 2 (a wrong match and a firing negative)", len(fails), fails)
	}
	if err := ExamplesError(fails); !errors.Is(err, ErrBundle) {
		t.Errorf("ExamplesError: got %v, want ErrBundle", err)
	}
	b.Rules[0].Examples.Negative = b.Rules[0].Examples.Negative[:1]
	if fails := CheckExamples(b); len(fails) != 2 || !strings.Contains(fails[0].Reason, "at least") {
		t.Errorf("too few examples: got %v", fails)
	}
}

func TestInputCap(t *testing.T) {
	e := testEngine(t)
	text := strings.Repeat("é", MaxInputRunes) + " a@b.fr"
	if got := e.Scan(text); len(got) != 0 {
		t.Errorf("found %v past the input cap", got)
	}
	text = strings.Repeat("é", MaxInputRunes-10) + " a@b.fr"
	if got := e.Scan(text); len(got) != 1 {
		t.Errorf("got %v, want the email inside the cap", got)
	}
}

// checkFindings asserts the invariants every scan must keep.
func checkFindings(t *testing.T, text string, fs []Finding) {
	t.Helper()
	if err := CheckFindings(text, fs); err != nil {
		t.Fatal(err)
	}
}

func FuzzScan(f *testing.F) {
	for _, s := range []string{"RIB FR76 3000 6000 0112 3456 7890 189", "a@b.fr", "mot de passe: x",
		"numéro fiscal 123456", "😊é\n1 2 3", strings.Repeat("9 ", 300), "@@@@", "\xff\xfe1234"} {
		f.Add(s)
	}
	e := testEngine(f)
	f.Fuzz(func(t *testing.T, text string) {
		checkFindings(t, text, e.Scan(text))
	})
}

func FuzzParseBundle(f *testing.F) {
	good, _ := json.Marshal(testBundle(f))
	f.Add(good)
	f.Add([]byte(`{"schema":1,"rules":[{"id":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ParseBundle(data)
		if err != nil {
			return
		}
		if e, err := Compile(b); err == nil {
			e.Scan("FR76 3000 6000 0112 3456 7890 189 a@b.fr 123456")
		}
	})
}

func TestMinDigits(t *testing.T) {
	tests := []struct {
		pattern string
		want    int
	}{
		{`\d{6}`, 6},
		{`[0-9]{2}[A-Z]{2}\d{5}`, 7},
		{`(?i)[a-z]{2}[0-9]{2}(?:[ ]?[a-z0-9]{4}){2,7}`, 2},
		{`\+?\d{2,3}|\d{9}`, 2},
		{`(?P<v>\d+)`, 1},
		{`a1b2`, 2},
		{`(?i)a1`, 1},
		{`[\d ]{3}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			pi, err := analyze(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if got := pi.minDigits; got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestMaxBytes(t *testing.T) {
	tests := []struct {
		pattern string
		want    int
	}{
		{`\d{6}`, 6},
		{`[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}`, 39},
		{`é`, 2},
		{`\d+`, unbounded},
		{`a|bcd`, 3},
		{`\bx\b`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			pi, err := analyze(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if got := pi.maxLen; got != tt.want {
				t.Errorf("got %d, want %d", got, tt.want)
			}
		})
	}
}

func TestFirstTokenNeedsDigit(t *testing.T) {
	tests := []struct {
		pattern string
		want    bool
	}{
		{`[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]`, true},
		{`(?i)[a-z]{2}\d{2}(?: ?[a-z0-9]{4}){2,7}`, true},
		{`\+?\d{2}[ .]?\d{2}`, true},
		{`[A-Z]{2}-\d{3}-[A-Z]{2}`, false},
		{`[A-Z]{2} ?\d{2}`, false},
		{`(?i)[a-z]+@[a-z]+`, false},
		{`\d+|[a-z]+`, false},
		{`[a-z]*\d`, true},
		{`[a-z]+`, false},
		{`(?i)[a-z]{2}\d`, true},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			pi, err := analyze(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if pi.tokenDigit != tt.want {
				t.Errorf("got %v, want %v", pi.tokenDigit, tt.want)
			}
		})
	}
}

func TestTokenAndRequired(t *testing.T) {
	tests := []struct {
		pattern  string
		minToken int
		required string
	}{
		{`(?i)\b[a-z]{6}[0-9lmnpqrstuv]{2}[abcdehlmprst]`, 9, ""},
		{`(?i)(?:[0-9a-f]{1,4})?(?::[0-9a-f]{0,4}){2,7}`, 0, ":"},
		{`\d{1,3}\s?°\s?\d{1,2}`, 1, "°"},
		{`[a-z]+@[a-z]+\.[a-z]{2,}`, 1, "@."},
		{`\+33 ?6|06`, 0, ""},
		{`[A-Z]{2}-\d{3}-[A-Z]{2}`, 2, "-"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			pi, err := analyze(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if pi.minToken != tt.minToken || pi.required != tt.required {
				t.Errorf("got minToken %d required %q, want %d %q", pi.minToken, pi.required, tt.minToken, tt.required)
			}
		})
	}
}

func TestCompileLazy(t *testing.T) {
	strict := testEngine(t)
	lazy, err := CompileLazy(testBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"le mot de passe: Soleil2024!", "wifipass = azerty", "RIB FR76 3000 6000 0112 3456 7890 189"} {
		if a, b := strict.Scan(text), lazy.Scan(text); !reflect.DeepEqual(a, b) {
			t.Errorf("%q: strict %v, lazy %v", text, a, b)
		}
	}
	bad := testBundle(t, func(b *Bundle) { b.Rules[4].Pattern = `(?P<v>\S{1,9999})` })
	if _, err := Compile(bad); err == nil {
		t.Error("Compile accepted a keyword rule with a huge repetition")
	}
	e, err := CompileLazy(bad)
	if err != nil {
		t.Fatalf("CompileLazy: %v", err)
	}
	if got := e.Scan("mot de passe: x"); len(got) != 0 {
		t.Errorf("a rule whose pattern does not analyze matched: %v", got)
	}
}

func TestMinLetters(t *testing.T) {
	tests := []struct {
		pattern string
		want    int
	}{
		{`\d{8}[A-Z]`, 1},
		{`(?i)[a-z]{2}\d{2}`, 2},
		{`[XYZ]\d{7}[A-Z]|\d{8}[A-Z]`, 1},
		{`\d{8}[A-Z]?`, 0},
		{`[\dA-Z]{4}`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			pi, err := analyze(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			if pi.minLetters != tt.want {
				t.Errorf("got %d, want %d", pi.minLetters, tt.want)
			}
		})
	}
}

func TestRunBudget(t *testing.T) {
	// Digit soup: every digit starts a match the validator refuses. The scan
	// must stop running patterns at maxRuns (the other phases have nothing
	// to run).
	e, err := Compile(testBundle(t, func(b *Bundle) {
		b.Rules = append(b.Rules, Rule{ID: "one", Type: NationalID, Anchor: AnchorDigits, Score: 0.1,
			Pattern: `\d \d`, Validator: "iban", Explain: map[string]string{"fr": "x", "en": "x"}})
	}))
	if err != nil {
		t.Fatal(err)
	}
	soup := strings.Repeat("1 ", 10000)
	var st scanState
	e.scanWith(&st, soup, DefaultThreshold)
	// A start counts its run and its match's check: the last one may end a
	// run past the budget.
	if st.runs < maxRuns || st.runs > maxRuns+1 {
		t.Errorf("ran %d patterns, want the budget %d", st.runs, maxRuns)
	}
}

// TestAtSearch: an '@' window where no address can match is skipped
// without running the pattern at its starts.
func TestAtSearch(t *testing.T) {
	e := testEngine(t)
	tests := []struct {
		name, text string
		emails     int
		maxRuns    int
	}{
		{"soup", strings.Repeat("a@b.", 2000), 0, 0},
		{"address after soup", strings.Repeat("a@b.", 2000) + " marie.dupont@example.fr", 1, 2},
		{"mention", "rdv @marie demain, @paul aussi", 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var st scanState
			got := e.scanWith(&st, tt.text, DefaultThreshold)
			if len(got) != tt.emails {
				t.Errorf("found %v, want %d email", got, tt.emails)
			}
			if st.runs > tt.maxRuns {
				t.Errorf("ran %d patterns, want at most %d", st.runs, tt.maxRuns)
			}
		})
	}
}

// TestManyDigitRules runs more digit rules than one group automaton holds
// (dfa.MaxPatterns): rule k matches "<digits>-k", and each value must come
// from its own rule, in whichever automaton it landed.
func TestManyDigitRules(t *testing.T) {
	const n = 70
	e, err := Compile(testBundle(t, func(b *Bundle) {
		b.Rules = nil
		for k := range n {
			b.Rules = append(b.Rules, Rule{ID: "r" + strconv.Itoa(k), Type: NationalID, Anchor: AnchorDigits,
				Score: 0.9, Pattern: `\b\d+-` + strconv.Itoa(k) + `\b`, Explain: map[string]string{"fr": "x", "en": "x"}})
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got := len(e.digits.automata(e)); got != 2 {
		t.Fatalf("%d automata for %d rules", got, n)
	}
	var text strings.Builder
	var want []string
	for _, k := range []int{0, 63, 64, 69, 5} {
		fmt.Fprintf(&text, "x %d-%d y ", 100+k, k)
		want = append(want, fmt.Sprintf("r%d %d-%d", k, 100+k, k))
	}
	var got []string
	for _, f := range e.Scan(text.String()) {
		got = append(got, f.Rule+" "+text.String()[f.Start:f.End])
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

// FuzzConverters checks the converters, which count 8 bytes at a time,
// against counting the runes and UTF-16 units of each prefix.
func FuzzConverters(f *testing.F) {
	f.Add("Appelez le 06 12 34 56 78 😊 ou écrivez à marie@exemple.fr")
	f.Add("é😊a")
	f.Add("😊😊😊 — €€€ 𝄞𝄞 ça marche… très bien ✈️")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		rc, uc := NewRuneConverter(s), NewUTF16Converter(s)
		for b := range len(s) + 1 {
			if b < len(s) && !utf8.RuneStart(s[b]) {
				continue
			}
			if got, want := rc.Offset(b), utf8.RuneCountInString(s[:b]); got != want {
				t.Fatalf("rune offset of byte %d in %q: got %d, want %d", b, s, got, want)
			}
			if got, want := uc.Offset(b), len(utf16.Encode([]rune(s[:b]))); got != want {
				t.Fatalf("UTF-16 offset of byte %d in %q: got %d, want %d", b, s, got, want)
			}
		}
	})
}

// TestDictionaryAffixes finds prefix and suffix entries, one-byte ones too,
// only in words longer than them.
func TestDictionaryAffixes(t *testing.T) {
	var d dictionary
	for i, entry := range []string{"ghp_*", "x*", "*strasse", "*s", "rue"} {
		if err := d.add(entry, i, kindTrigger); err != nil {
			t.Fatal(err)
		}
	}
	text := "ghp_abc x xa Hauptstrasse strasse is s rue"
	var st scanState
	st.lex(text, MaxInputRunes)
	var got []string
	for _, h := range d.find(st.folded, st.words, nil) {
		got = append(got, fmt.Sprintf("%s:%v", text[h.start:h.end], d.sets[h.set].triggers))
	}
	want := []string{"ghp_abc:[0]", "xa:[1]", "Hauptstrasse:[2]", "is:[3]", "rue:[4]"}
	if !slices.Equal(got, want) {
		t.Errorf("hits %v, want %v", got, want)
	}
}

// TestFirstRunes checks the start prefilter of patterns (patternInfo.first):
// it refuses the lead bytes and the Latin-1 letters (after a 0xC3 lead) a
// pattern cannot start with, and keeps every other start.
func TestFirstRunes(t *testing.T) {
	tests := []struct {
		pattern, text string
		want          string // the runes of text where a match may start
	}{
		{`[A-ZÀ-Þ][a-zß-ÿ]+`, "Élodie à émile Zoé 🎉", "ÉZ"},
		{`\p{Lu}\p{Ll}+`, "Émile é Ørsted ß", "ÉØ"},
		{`(?i)né`, "NÉ né É", "Nn"},
		{`[^a-z]x`, "\xffx", "\xff"},
		{`[\x{100}-\x{17F}]`, "ŁÉa", "Ł"},
		{`[\x{D800}-\x{E000}]`, "\ue000\u0800a", "\ue000"}, // a range from a surrogate
		{`.`, "aé🎉", "aé🎉"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			pi, err := analyze(tt.pattern)
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for p := range tt.text {
				if pi.first.startsAt(tt.text, p) {
					_, size := utf8.DecodeRuneInString(tt.text[p:])
					got.WriteString(tt.text[p : p+size])
				}
			}
			if got.String() != tt.want {
				t.Errorf("starts in %q: got %q, want %q", tt.text, got.String(), tt.want)
			}
		})
	}
}

// TestBest: candidates come out best first, ties of score, length and start
// by rule, whatever order they came in.
func TestBest(t *testing.T) {
	want := []candidate{
		{rule: 3, start: 10, end: 30, score: 0.9},
		{rule: 1, start: 5, end: 15, score: 0.85},
		{rule: 2, start: 5, end: 15, score: 0.85},
		{rule: 5, start: 5, end: 15, score: 0.85},
		{rule: 0, start: 6, end: 16, score: 0.85},
		{rule: 4, start: 0, end: 4, score: 0.85},
		{rule: 0, start: 0, end: 40, score: 0.5},
	}
	var st scanState
	for _, perm := range [][]int{{0, 1, 2, 3, 4, 5, 6}, {6, 5, 4, 3, 2, 1, 0}, {3, 6, 2, 0, 5, 1, 4}} {
		in := make([]candidate, len(perm))
		for i, j := range perm {
			in[i] = want[j]
		}
		if got := st.best(in); !slices.Equal(got, want) {
			t.Errorf("from %v: got %v, want %v", perm, got, want)
		}
	}
}

// telRule adds a French phone rule, "tel", with r's validator and veto
// fields, and a numbering plan where 06… is a mobile and 01… a landline.
func telRule(r Rule) func(*Bundle) {
	return phoneRule(`{"national":["FR"],"regions":[{"region":"FR","cc":33,`+
		`"trunk":"0","lengths":[9],"mobile":{"6":"6\\d{8}"},"fixed":{"1":"1\\d{8}"}}]}`, `0\d(?: \d\d){4}`, r)
}

// phoneRule adds a phone rule, "tel", matching pattern, with r's validator
// and veto fields, and plan as the phone table.
func phoneRule(plan, pattern string, r Rule) func(*Bundle) {
	return func(b *Bundle) {
		b.Tables = map[string]RawJSON{"phone": RawJSON(plan)}
		r.ID, r.Type, r.Anchor, r.Score = "tel", Phone, AnchorDigits, 0.7
		r.Explain = map[string]string{"fr": "x", "en": "x"}
		r.Pattern = pattern
		b.Rules = append(b.Rules, r)
	}
}

// TestVetoExcept: veto words drop a rule's values except those of the kinds
// the rule names, as its validator tells them; a rule can name only kinds
// its validator tells.
func TestVetoExcept(t *testing.T) {
	tel := func(validator string, except ...string) func(*Bundle) {
		return telRule(Rule{Validator: validator, Veto: map[string][]string{"fr": {"restaurant"}}, VetoExcept: except})
	}
	e, err := Compile(testBundle(t, tel("phone", "mobile")))
	if err != nil {
		t.Fatal(err)
	}
	text := "Restaurant du port : 01 43 27 85 96, ou Paul au 06 41 27 85 90"
	findings := e.Scan(text)
	if len(findings) != 1 || text[findings[0].Start:findings[0].End] != "06 41 27 85 90" {
		t.Errorf("got %+v, want the mobile only", findings)
	}
	if f := e.Scan("Paul : 01 43 27 85 96"); len(f) != 1 {
		t.Errorf("without a veto word: got %+v, want the landline", f)
	}
	for _, bad := range []func(*Bundle){tel("iban", "mobile"), tel("phone", "cordless")} {
		if _, err := Compile(testBundle(t, bad)); err == nil || !strings.Contains(err.Error(), "veto_except") {
			t.Errorf("got error %v, want one about veto_except", err)
		}
	}
}

// TestVetoNear: a rule's near check drops its values with the text around
// them, sparing the kinds VetoExcept names; an unknown check is an error.
func TestVetoNear(t *testing.T) {
	tel := func(near string) func(*Bundle) {
		return telRule(Rule{Validator: "phone", VetoExcept: []string{"mobile"}, VetoNear: near})
	}
	e, err := Compile(testBundle(t, tel("opening_hours")))
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{
		"Mairie : 01 43 27 85 96 (lun-ven 9h-12h)": 0,
		"Paul : 06 41 27 85 90 (lun-ven 9h-12h)":   1, // a mobile is spared
		"Paul : 01 43 27 85 96 après 18h":          1,
	} {
		if got := e.Scan(text); len(got) != want {
			t.Errorf("%q: got %+v, want %d findings", text, got, want)
		}
	}
	if _, err := Compile(testBundle(t, tel("hours"))); err == nil || !strings.Contains(err.Error(), "veto_near") {
		t.Errorf("got error %v, want one about veto_near", err)
	}
}

// TestVetoTwice: one veto word leaves a value of a kind VetoTwice names,
// two different ones drop it, and near checks leave it alone; a rule can
// name only kinds its validator tells.
func TestVetoTwice(t *testing.T) {
	tel := func(twice ...string) func(*Bundle) {
		// A plan that, like North America's, has no fixed-line patterns.
		return phoneRule(`{"national":["US"],"regions":[{"region":"US","cc":1,`+
			`"trunk":"1","trunk_optional":true,"lengths":[10],"mobile":{"4":"4\\d{9}"}}]}`, `\(\d{3}\) \d{3}-\d{4}`,
			Rule{Validator: "phone", Veto: map[string][]string{"en": {"bakery", "orders"}},
				VetoTwice: twice, VetoNear: "opening_hours"})
	}
	e, err := Compile(testBundle(t, tel("fixed_or_mobile")))
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]int{
		"I work at the bakery, text me at (418) 525-4781":        1,
		"Bakery on Main St: call (418) 525-4781 for orders":      0,
		"Bakery, best bakery in town! (418) 525-4781":            1, // one word twice
		"Paul : (418) 525-4781 (lun-ven 9h-12h)":                 1,
		"Paul : (418) 525-4781 (lun-ven 9h-12h), not for orders": 1,
		"Paul : (418) 525-4781 (lun-ven 9h-12h), bakery orders":  0,
	} {
		if got := e.Scan(text); len(got) != want {
			t.Errorf("%q: got %+v, want %d findings", text, got, want)
		}
	}
	for _, bad := range []func(*Bundle){tel("cordless"), telRule(Rule{Validator: "iban", VetoTwice: []string{"mobile"}})} {
		if _, err := Compile(testBundle(t, bad)); err == nil || !strings.Contains(err.Error(), "veto_twice") {
			t.Errorf("got error %v, want one about veto_twice", err)
		}
	}
}

// TestSignature: a signature rule takes the text's last line, whole, when
// a contact value ends at most Before bytes before it.
func TestSignature(t *testing.T) {
	b := testBundle(t, telRule(Rule{}), func(b *Bundle) {
		b.Rules = append(b.Rules, Rule{ID: "sig", Type: PersonName, Anchor: AnchorSignature, Before: 40, Score: 0.7,
			Pattern: `(?:- )?(?P<v>\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+)$`, Explain: map[string]string{"fr": "x", "en": "x"}})
	})
	e, err := Compile(b)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Appelez le 06 41 27 85 90.\n- Paul Martin\n\n":                                                           "Paul Martin",
		"Appelez le 06 41 27 85 90.\nMerci de partager\nPaul Martin":                                              "Paul Martin",
		"Appelez le 06 41 27 85 90.\nMerci de partager, vraiment, à tous ceux qui liront ce message\nPaul Martin": "", // too far
		"Paul Martin": "", // no contact value
		"Appelez le 06 41 27 85 90 - Paul Martin":            "Paul Martin", // after the contact, on its line
		"Appelez le 06 41 27 85 90 après 18h - Paul Martin":  "Paul Martin",
		"Appelez le 06 41 27 85 90 - Paul Martin, merci":     "", // not the end of the text
		"Appelez le 06 41 27 85 90\nPaul Martin - Anne Roux": "", // the last line is no name, the contact is not on it
		"Appelez le 06 41 27 85 90.\nPaul Martin merci":      "", // not the whole line
		"Bonjour.\nPaul Martin":                              "", // no contact value
		"Paul Martin\n06 41 27 85 90":                        "", // the contact after it
	} {
		var got string
		for _, f := range e.Scan(text) {
			if f.Type == PersonName {
				got = text[f.Start:f.End]
			}
		}
		if got != want {
			t.Errorf("%q: got name %q, want %q", text, got, want)
		}
	}
	bad := testBundle(t, func(b *Bundle) { b.Rules[0].Anchor, b.Rules[0].Before = AnchorSignature, 0 })
	if _, err := Compile(bad); err == nil || !strings.Contains(err.Error(), "needs before") {
		t.Errorf("got error %v, want one about before", err)
	}
}

// TestSibling: a sibling rule runs where a value of its type ends, and on
// the values it finds in turn; After bounds its window.
func TestSibling(t *testing.T) {
	name := `\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+`
	b := testBundle(t, func(b *Bundle) {
		explain := map[string]string{"fr": "x", "en": "x"}
		b.Rules = append(b.Rules,
			Rule{ID: "cue", Type: PersonName, Anchor: AnchorKeyword, Triggers: []string{"bravo"}, After: 40, Score: 0.7,
				Pattern: `(?i:bravo) (?P<v>` + name + `)`, Explain: explain},
			Rule{ID: "and", Type: PersonName, Anchor: AnchorSibling, After: 30, Score: 0.7,
				Pattern: `(?:,| et) (?P<v>` + name + `)`, Explain: explain})
	})
	e, err := Compile(b)
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"Bravo Paul Martin et Anne Roux !":                      "Paul Martin|Anne Roux",
		"Bravo Paul Martin, Anne Roux et Léa Petit":             "Paul Martin|Anne Roux|Léa Petit",
		"Bravo Paul Martin et merci":                            "Paul Martin",
		"Bravo Paul Martin et Anne Rouxeldubourgmestrelleville": "Paul Martin", // past After
		"Paul Martin et Anne Roux":                              "",            // no name found first
	} {
		if g := strings.Join(values(e, text), "|"); g != want {
			t.Errorf("%q: got %q, want %q", text, g, want)
		}
	}
	bad := testBundle(t, func(b *Bundle) { b.Rules[0].Anchor, b.Rules[0].After = AnchorSibling, 0 })
	if _, err := Compile(bad); err == nil || !strings.Contains(err.Error(), "needs after") {
		t.Errorf("got error %v, want one about after", err)
	}
}

// TestGlued: a value is not taken out of a longer number, across a
// separator it uses itself; other neighbours do not glue.
func TestGlued(t *testing.T) {
	tests := []struct {
		text, value string
		want        bool
	}{
		{"SIRET 483 129 078 00026", "078 00026", true},
		{"c'est 30 21 517 029 090 et", "029 090", true},
		{"☎ 06.23.71.48.95", "06.23.71", true},
		{"réf 12-34-56-78-90", "34-56-78-90", true},
		{"☎ 06.23.71.48.95", "06.23.71.48.95", false},
		{"IPv6 2a01:cb04::1", "2a01:cb04::1", false}, // "v6" is no number
		{"FR76 1660 6100 1800 7123 4560 211 45 €", "FR76 1660 6100 1800 7123 4560 211", false},
		{"5131-3074-1862-3955 09/27", "5131-3074-1862-3955", false}, // a space after
		{"1987 06 12 34 56 78", "06 12 34 56 78", true},
		{"am Waldparkplatz 49.4183, 8.7042", "Waldparkplatz 49", true},
		{"appelle au 06 12 34 56 78.Merci", "06 12 34 56 78", false},
		{"4012-8888-8888-1881 4012 8888 8888 1881", "4012 8888 8888 1881", true}, // unless a value ends before: see scanState.try
		{"78.193.42.117 90.112.45.201", "90.112.45.201", false},                  // dots inside, a space between
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			s := strings.Index(tt.text, tt.value)
			if got := glued(tt.text, s, s+len(tt.value), false); got != tt.want {
				t.Errorf("glued(%q, %q): got %v, want %v", tt.text, tt.value, got, tt.want)
			}
		})
	}
}

// TestTrailingSpace: a match that ends in white space ends its value before
// it, and what follows that space does not glue to the value (a value with
// a space inside is not retried shorter, see scanState.try).
func TestTrailingSpace(t *testing.T) {
	e, err := Compile(testBundle(t, func(b *Bundle) {
		b.Rules = append(b.Rules, Rule{ID: "deg", Type: GeoCoordinates, Anchor: AnchorDigits, Score: 0.9,
			Explain: map[string]string{"fr": "x", "en": "x"}, Pattern: `\d+° \d+\.\d+\s?'?`})
	}))
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{
		"point 48° 01.512 Bonne chasse": "48° 01.512",
		"point 48° 01.512 ' ici":        "48° 01.512 '",
		"point 48° 01.512\nBonne":       "48° 01.512",
		"point 48° 01.512x":             "",
	} {
		got := ""
		if vs := values(e, text); len(vs) == 1 {
			got = vs[0]
		}
		if got != want {
			t.Errorf("%q: got %q, want %q", text, got, want)
		}
	}
}

// TestNegativeBefore: a rule that counts negative words only before its
// matches keeps a value followed by one; setting it with NegativeAfter is
// an error.
func TestNegativeBefore(t *testing.T) {
	dob := func(before, after bool) func(*Bundle) {
		return func(b *Bundle) {
			b.Rules = append(b.Rules, Rule{ID: "dob", Type: DateOfBirth, Anchor: AnchorDigits, Score: 0.85,
				Explain: map[string]string{"fr": "x", "en": "x"}, Pattern: `\d\d\.\d\d\.\d{4}`,
				Negative: map[string][]string{"de": {"gest"}}, NegativeBefore: before, NegativeAfter: after})
		}
	}
	for _, tt := range []struct {
		before bool
		want   []string
	}{
		{true, []string{"12.05.1936"}},
		{false, nil},
	} {
		e, err := Compile(testBundle(t, dob(tt.before, false)))
		if err != nil {
			t.Fatal(err)
		}
		if got := values(e, "geb. 12.05.1936 gest. 02.03.2025"); !slices.Equal(got, tt.want) {
			t.Errorf("negative_before %v: got %q, want %q", tt.before, got, tt.want)
		}
	}
	if _, err := Compile(testBundle(t, dob(true, true))); err == nil || !strings.Contains(err.Error(), "exclude each other") {
		t.Errorf("got error %v, want one about negative_after and negative_before", err)
	}
}

// values returns the text of each finding of e in text, in order.
func values(e *Engine, text string) []string {
	var vs []string
	for _, f := range e.Scan(text) {
		vs = append(vs, text[f.Start:f.End])
	}
	return vs
}

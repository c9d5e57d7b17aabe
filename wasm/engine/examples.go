package engine

import (
	"errors"
	"strconv"
	"strings"
)

// ExampleFailure describes one rule example that did not behave.
type ExampleFailure struct {
	Rule   string
	Text   string
	Reason string
}

func (f ExampleFailure) Error() string {
	return "rule " + f.Rule + ": example " + strconv.Quote(f.Text) + ": " + f.Reason
}

// MinExamples is how many positive and negative examples every rule needs.
const MinExamples = 2

// CheckExamples runs every rule's examples, each rule alone: a positive
// example must yield its Match, a negative one nothing. It also enforces
// MinExamples. The admin CLI, the server and the extension updater all call
// it before trusting a bundle.
func CheckExamples(b *Bundle) []ExampleFailure {
	var fails []ExampleFailure
	for i := range b.Rules {
		fails = append(fails, checkRule(b, i)...)
	}
	return fails
}

// ExamplesError joins failures into one error, or returns nil.
func ExamplesError(fails []ExampleFailure) error {
	if len(fails) == 0 {
		return nil
	}
	errs := make([]error, len(fails))
	for i, f := range fails {
		errs[i] = f
	}
	return &examplesError{n: len(fails), err: errors.Join(errs...)}
}

type examplesError struct {
	n   int
	err error
}

func (e *examplesError) Error() string {
	return "invalid bundle: " + strconv.Itoa(e.n) + " failing examples: " + e.err.Error()
}
func (e *examplesError) Unwrap() []error { return []error{ErrBundle, e.err} }

// feeds reports whether rule o finds values that rule r runs near: the
// phone, email, address and IBAN values a contact or signature rule needs,
// or the values of its own type a sibling rule follows.
func feeds(o, r *Rule) bool {
	switch o.Anchor {
	case AnchorContact, AnchorSignature, AnchorSibling:
		return false
	}
	switch r.Anchor {
	case AnchorContact, AnchorSignature:
		return contactValue(o.Type)
	case AnchorSibling:
		return o.Type == r.Type
	}
	return false
}

func checkRule(b *Bundle, i int) []ExampleFailure {
	r := b.Rules[i]
	var fails []ExampleFailure
	fail := func(text string, reason ...string) {
		fails = append(fails, ExampleFailure{Rule: r.ID, Text: text, Reason: strings.Join(reason, "")})
	}
	if len(r.Examples.Positive) < MinExamples || len(r.Examples.Negative) < MinExamples {
		fail("", "needs at least ", strconv.Itoa(MinExamples), " positive and ", strconv.Itoa(MinExamples), " negative examples")
	}
	one := *b
	one.Rules = []Rule{r}
	// The rules whose values r runs near run with it; only r's own
	// findings count.
	for _, o := range b.Rules {
		if feeds(&o, &r) {
			one.Rules = append(one.Rules, o)
		}
	}
	e, err := Compile(&one)
	if err != nil {
		fail("", "does not compile: ", err.Error())
		return fails
	}
	own := func(text string) []Finding {
		var fs []Finding
		for _, f := range e.Scan(text) {
			if f.Rule == r.ID {
				fs = append(fs, f)
			}
		}
		return fs
	}
	for _, ex := range r.Examples.Positive {
		if !strings.Contains(ex.Text, ex.Match) || ex.Match == "" {
			fail(ex.Text, "match ", strconv.Quote(ex.Match), " is not in the text")
			continue
		}
		var got []string
		found := false
		for _, f := range own(ex.Text) {
			v := ex.Text[f.Start:f.End]
			got = append(got, v)
			found = found || v == ex.Match
		}
		if !found {
			fail(ex.Text, "want ", strconv.Quote(ex.Match), ", got ", quoteAll(got))
		}
	}
	for _, text := range r.Examples.Negative {
		if fs := own(text); len(fs) > 0 {
			fail(text, "want nothing, got ", strconv.Quote(text[fs[0].Start:fs[0].End]))
		}
	}
	return fails
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return "[" + strings.Join(q, " ") + "]"
}

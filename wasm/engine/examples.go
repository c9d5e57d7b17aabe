package engine

import (
	"errors"
	"fmt"
	"strings"
)

// ExampleFailure describes one rule example that did not behave.
type ExampleFailure struct {
	Rule   string
	Text   string
	Reason string
}

func (f ExampleFailure) Error() string {
	return fmt.Sprintf("rule %s: example %q: %s", f.Rule, f.Text, f.Reason)
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
	return fmt.Errorf("%w: %d failing examples: %w", ErrBundle, len(fails), errors.Join(errs...))
}

func checkRule(b *Bundle, i int) []ExampleFailure {
	r := b.Rules[i]
	var fails []ExampleFailure
	fail := func(text, format string, args ...any) {
		fails = append(fails, ExampleFailure{Rule: r.ID, Text: text, Reason: fmt.Sprintf(format, args...)})
	}
	if len(r.Examples.Positive) < MinExamples || len(r.Examples.Negative) < MinExamples {
		fail("", "needs at least %d positive and %d negative examples", MinExamples, MinExamples)
	}
	one := *b
	one.Rules = []Rule{r}
	e, err := Compile(&one)
	if err != nil {
		fail("", "does not compile: %v", err)
		return fails
	}
	for _, ex := range r.Examples.Positive {
		if !strings.Contains(ex.Text, ex.Match) || ex.Match == "" {
			fail(ex.Text, "match %q is not in the text", ex.Match)
			continue
		}
		var got []string
		found := false
		for _, f := range e.Scan(ex.Text) {
			v := ex.Text[f.Start:f.End]
			got = append(got, v)
			found = found || v == ex.Match
		}
		if !found {
			fail(ex.Text, "want %q, got %q", ex.Match, got)
		}
	}
	for _, text := range r.Examples.Negative {
		if fs := e.Scan(text); len(fs) > 0 {
			fail(text, "want nothing, got %q", text[fs[0].Start:fs[0].End])
		}
	}
	return fails
}

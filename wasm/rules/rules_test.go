package rules

import (
	"testing"

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

// Package eval measures how well the engine finds personal data in labelled
// corpora: the posts under wasm/testdata/posts and the Presidio conformance
// cases under shared/corpora. It matches predicted spans to gold spans and
// reports precision, recall and F1 per type, per group and overall (micro).
package eval

import (
	"sort"

	"vigie/wasm/engine"
)

// Span is a labelled or predicted piece of personal data. Start and End are
// Unicode code point offsets into the case text, End exclusive.
type Span struct {
	Type  engine.Type `json:"type"`
	Start int         `json:"start"`
	End   int         `json:"end"`
	Value string      `json:"value"`
	// SourceEntity is the peer corpus's own label (Presidio's entity), if any.
	SourceEntity string `json:"source_entity,omitempty"`
	// Rule is the engine rule that produced a predicted span.
	Rule string `json:"-"`
}

// Case is one text with its gold spans.
type Case struct {
	ID   string
	Text string
	Gold []Span
	// Annotated lists the types whose gold is exhaustive for this case;
	// predictions of other types are ignored. Nil means every type, and
	// makes a case without gold a personal-data-free case.
	Annotated []engine.Type
	// Group labels the case in the per-group table (language of a post,
	// Presidio entity of a conformance case). A gold span's SourceEntity,
	// when set, takes precedence for its own true positive or miss.
	Group string
}

// Item is a case with the engine's predictions for it.
type Item struct {
	Case *Case
	Pred []Span
}

// Counts are true positives, false positives and false negatives.
type Counts struct{ TP, FP, FN int }

func (c *Counts) add(o Counts) { c.TP += o.TP; c.FP += o.FP; c.FN += o.FN }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (c Counts) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 1 when there was nothing to find.
func (c Counts) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall (1 on an empty table).
func (c Counts) F1() float64 {
	if c.TP+c.FP+c.FN == 0 {
		return 1
	}
	return 2 * float64(c.TP) / float64(2*c.TP+c.FP+c.FN)
}

// Gold is the number of gold spans (TP+FN).
func (c Counts) Gold() int { return c.TP + c.FN }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Error is a missed gold span or a spurious prediction.
type Error struct {
	CaseID string
	Span   Span
}

// Report is the outcome of scoring a set of items.
type Report struct {
	Micro   Counts
	ByType  map[engine.Type]*Counts
	ByGroup map[string]*Counts
	// Clean is the number of cases that hold no personal data at all
	// (Annotated nil, no gold); CleanFlagged how many of them got at
	// least one prediction.
	Clean, CleanFlagged int
	// Missed and Spurious list the errors in case order.
	Missed, Spurious []Error
}

// Score matches predictions to gold spans. A prediction matches a gold span
// of the same type that it overlaps; each span matches at most once, and
// larger overlaps are paired first. Predictions of types a case does not
// annotate are ignored.
func Score(items []Item) *Report {
	r := &Report{ByType: map[engine.Type]*Counts{}, ByGroup: map[string]*Counts{}}
	for _, it := range items {
		c := it.Case
		pred := annotatedOnly(it.Pred, c.Annotated)
		if c.Annotated == nil && len(c.Gold) == 0 {
			r.Clean++
			if len(pred) > 0 {
				r.CleanFlagged++
			}
		}
		goldHit, predHit := match(c.Gold, pred)
		for i, g := range c.Gold {
			var k Counts
			if goldHit[i] {
				k.TP = 1
			} else {
				k.FN = 1
				r.Missed = append(r.Missed, Error{c.ID, g})
			}
			group := c.Group
			if g.SourceEntity != "" {
				group = g.SourceEntity
			}
			r.count(g.Type, group, k)
		}
		for j, p := range pred {
			if !predHit[j] {
				r.Spurious = append(r.Spurious, Error{c.ID, p})
				r.count(p.Type, c.Group, Counts{FP: 1})
			}
		}
	}
	return r
}

func (r *Report) count(t engine.Type, group string, k Counts) {
	r.Micro.add(k)
	if r.ByType[t] == nil {
		r.ByType[t] = &Counts{}
	}
	r.ByType[t].add(k)
	if r.ByGroup[group] == nil {
		r.ByGroup[group] = &Counts{}
	}
	r.ByGroup[group].add(k)
}

func annotatedOnly(pred []Span, annotated []engine.Type) []Span {
	if annotated == nil {
		return pred
	}
	var out []Span
	for _, p := range pred {
		for _, t := range annotated {
			if p.Type == t {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// match pairs gold and predicted spans one to one: among all same-type
// overlapping pairs, the largest overlap is taken first (ties by position),
// so a wide prediction covering two gold spans counts once.
func match(gold, pred []Span) (goldHit, predHit []bool) {
	goldHit, predHit = make([]bool, len(gold)), make([]bool, len(pred))
	type pair struct{ g, p, overlap int }
	var pairs []pair
	for i, g := range gold {
		for j, p := range pred {
			if g.Type != p.Type {
				continue
			}
			if ov := min(g.End, p.End) - max(g.Start, p.Start); ov > 0 {
				pairs = append(pairs, pair{i, j, ov})
			}
		}
	}
	sort.SliceStable(pairs, func(a, b int) bool { return pairs[a].overlap > pairs[b].overlap })
	for _, pr := range pairs {
		if !goldHit[pr.g] && !predHit[pr.p] {
			goldHit[pr.g], predHit[pr.p] = true, true
		}
	}
	return goldHit, predHit
}

// Predict scans text with e and returns the findings as spans with code
// point offsets, the unit the corpora and `vigie-scan -jsonl` use.
func Predict(e *engine.Engine, text string) []Span {
	fs := e.Scan(text)
	out := make([]Span, 0, len(fs))
	conv := engine.NewRuneConverter(text) // findings are sorted: offsets only grow
	for _, f := range fs {
		out = append(out, Span{Type: f.Type, Start: conv.Offset(f.Start), End: conv.Offset(f.End),
			Value: text[f.Start:f.End], Rule: f.Rule})
	}
	return out
}

// Run predicts every case with e and scores the result.
func Run(e *engine.Engine, cases []Case) *Report {
	items := make([]Item, len(cases))
	for i := range cases {
		items[i] = Item{Case: &cases[i], Pred: Predict(e, cases[i].Text)}
	}
	return Score(items)
}

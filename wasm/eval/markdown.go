package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"vigie/wasm/engine"
)

// WriteTypeTable writes the per-type table of r as Markdown, types in
// taxonomy order, then the micro average.
func (r *Report) WriteTypeTable(w io.Writer) error {
	var rows []string
	for _, t := range engine.Types {
		if c := r.ByType[t]; c != nil {
			rows = append(rows, string(t))
		}
	}
	return writeTable(w, "type", rows, func(k string) Counts { return *r.ByType[engine.Type(k)] }, r.Micro)
}

// WriteGroupTable writes the per-group table of r as Markdown, groups
// sorted by name, under the given first-column title.
func (r *Report) WriteGroupTable(w io.Writer, title string) error {
	rows := make([]string, 0, len(r.ByGroup))
	for g := range r.ByGroup {
		rows = append(rows, g)
	}
	sort.Strings(rows)
	return writeTable(w, title, rows, func(k string) Counts { return *r.ByGroup[k] }, r.Micro)
}

func writeTable(w io.Writer, title string, rows []string, get func(string) Counts, micro Counts) error {
	var b strings.Builder
	fmt.Fprintf(&b, "| %s | gold | TP | FP | FN | precision | recall | F1 |\n", title)
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|\n")
	line := func(name string, c Counts) {
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %.3f | %.3f | %.3f |\n",
			name, c.Gold(), c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	for _, k := range rows {
		line(k, get(k))
	}
	line("**micro**", micro)
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteErrors lists missed and spurious spans as Markdown bullets, at most
// limit of each (0: all).
func (r *Report) WriteErrors(w io.Writer, limit int) error {
	var b strings.Builder
	list := func(title string, errs []Error) {
		fmt.Fprintf(&b, "%s (%d):\n\n", title, len(errs))
		for i, e := range errs {
			if limit > 0 && i == limit {
				fmt.Fprintf(&b, "- … %d more\n", len(errs)-limit)
				break
			}
			rule := ""
			if e.Span.Rule != "" {
				rule = " (" + e.Span.Rule + ")"
			}
			fmt.Fprintf(&b, "- %s %s %q [%d:%d]%s\n", e.CaseID, e.Span.Type, e.Span.Value, e.Span.Start, e.Span.End, rule)
		}
		b.WriteString("\n")
	}
	list("Missed", r.Missed)
	list("Spurious", r.Spurious)
	_, err := io.WriteString(w, b.String())
	return err
}

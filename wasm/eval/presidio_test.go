package eval

import (
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"vigie/wasm/rules"
)

// presidioCases is the peer conformance corpus in the shared/ folder that
// sits beside the checkout (see shared/corpora/README.md).
const presidioCases = "../../../shared/corpora/presidio-cases.jsonl"

// TestPresidioConformance holds the engine to micro-F1 >= 0.90 on the
// Presidio cases of EU/UK/US and generic recognizers, and logs the non-EU
// identifiers apart without a bar.
func TestPresidioConformance(t *testing.T) {
	if _, err := os.Stat(presidioCases); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s is absent: the shared/ corpora folder must sit beside the checkout for the conformance report", presidioCases)
	}
	eu, other, err := LoadPresidio(presidioCases)
	if err != nil {
		t.Fatal(err)
	}
	e, err := rules.DefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	r := Run(e, eu)
	t.Logf("EU/UK/US and generic recognizers, %d cases (date rows left out)\n%s", len(eu), tables(t, r))
	t.Logf("non-EU identifiers, %d cases (no bar)\n%s", len(other), tables(t, Run(e, other)))
	if f := r.Micro.F1(); f < minMicroF1 {
		var b strings.Builder
		if err := r.WriteErrors(&b, 0); err != nil {
			t.Fatal(err)
		}
		t.Errorf("micro-F1 %.3f on EU/UK/US and generic cases, want >= %.2f\n%s", f, minMicroF1, b.String())
	}
}

func tables(t *testing.T, r *Report) string {
	t.Helper()
	var b strings.Builder
	if err := r.WriteTypeTable(&b); err != nil {
		t.Fatal(err)
	}
	b.WriteString("\n")
	if err := r.WriteGroupTable(&b, "source_entity"); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

package eval

import (
	"fmt"
	"path"
	"strings"
	"testing"

	"vigie/wasm/engine"
	"vigie/wasm/rules"
)

// postsDir holds the labelled posts, one <lang>.jsonl per language;
// blindDir the posts written without reading the rules (see
// testdata/README.md).
const (
	postsDir = "../testdata/posts"
	blindDir = "../testdata/blind"
)

// The quality bars on the labelled posts. They mirror the outside bars on
// a held-out set (micro-F1 >= 0.90, each type >= 0.80 except PERSON_NAME,
// at most 4 of 75 personal-data-free posts flagged); a type needs
// minTypeGold gold spans before its own F1 is held to the bar.
const (
	minMicroF1   = 0.90
	minTypeF1    = 0.80
	minTypeGold  = 5
	maxCleanRate = 0.05
)

func TestPostsQuality(t *testing.T) {
	for _, dir := range []string{postsDir, blindDir} {
		t.Run(path.Base(dir), func(t *testing.T) { checkQuality(t, dir) })
	}
}

func checkQuality(t *testing.T, dir string) {
	cases, err := LoadPosts(dir)
	if err != nil {
		t.Fatal(err)
	}
	e, err := rules.DefaultEngine()
	if err != nil {
		t.Fatal(err)
	}
	r := Run(e, cases)
	var b strings.Builder
	if err := r.WriteTypeTable(&b); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "\npersonal-data-free posts with a finding: %d of %d\n\n", r.CleanFlagged, r.Clean)
	if err := r.WriteGroupTable(&b, "lang"); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d posts\n%s", len(cases), b.String())

	if f := r.Micro.F1(); f < minMicroF1 {
		t.Errorf("micro-F1 %.3f, want >= %.2f", f, minMicroF1)
	}
	for _, ty := range engine.Types {
		c := r.ByType[ty]
		if ty == engine.PersonName || c == nil || c.Gold() < minTypeGold {
			continue
		}
		if f := c.F1(); f < minTypeF1 {
			t.Errorf("%s: F1 %.3f, want >= %.2f", ty, f, minTypeF1)
		}
	}
	if float64(r.CleanFlagged) > maxCleanRate*float64(r.Clean) {
		t.Errorf("%d of %d personal-data-free posts have a finding, want at most %.0f%%",
			r.CleanFlagged, r.Clean, 100*maxCleanRate)
	}
	if t.Failed() {
		b.Reset()
		if err := r.WriteErrors(&b, 0); err != nil {
			t.Fatal(err)
		}
		t.Log("\n" + b.String())
	}
}

// TestPostsCorpus keeps the corpus usable as a quality measure: enough
// posts, enough personal-data-free ones, and every taxonomy type present.
// LoadPosts already checks each span against its text.
func TestPostsCorpus(t *testing.T) {
	cases, err := LoadPosts(postsDir)
	if err != nil {
		t.Fatal(err)
	}
	clean, perType := 0, map[engine.Type]int{}
	for _, c := range cases {
		if len(c.Gold) == 0 {
			clean++
		}
		for _, s := range c.Gold {
			perType[s.Type]++
		}
	}
	if len(cases) < 300 || clean < 60 {
		t.Errorf("got %d posts, %d without personal data; want >= 300 and >= 60", len(cases), clean)
	}
	for _, ty := range engine.Types {
		if perType[ty] < minTypeGold {
			t.Errorf("%s: %d gold spans, want >= %d", ty, perType[ty], minTypeGold)
		}
	}
}

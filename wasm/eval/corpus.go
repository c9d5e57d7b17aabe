package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"vigie/wasm/engine"
)

// line is one corpus line; both corpora share this shape (Presidio lines
// add annotated and meta).
type line struct {
	ID        string        `json:"id"`
	Lang      string        `json:"lang"`
	Text      *string       `json:"text"`
	Spans     []Span        `json:"spans"`
	Annotated []engine.Type `json:"annotated"`
	Meta      struct {
		Cases []string `json:"cases"`
	} `json:"meta"`
}

// readLines decodes a JSON-lines file and checks every span against its
// text: offsets in range, value equal to the code point slice, type in the
// taxonomy.
func readLines(path string) ([]line, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var out []line
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for n := 1; sc.Scan(); n++ {
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		var l line
		dec := json.NewDecoder(bytes.NewReader(raw))
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if l.ID == "" || l.Text == nil {
			return nil, fmt.Errorf(`%s:%d: want "id" and "text"`, path, n)
		}
		if err := checkSpans(*l.Text, l.Spans); err != nil {
			return nil, fmt.Errorf("%s:%d (%s): %w", path, n, l.ID, err)
		}
		out = append(out, l)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

func checkSpans(text string, spans []Span) error {
	if !utf8.ValidString(text) {
		return errors.New("text is not valid UTF-8")
	}
	runes := []rune(text)
	for _, s := range spans {
		if engine.TypeIndex(s.Type) < 0 {
			return fmt.Errorf("span %q: unknown type %q", s.Value, s.Type)
		}
		if s.Start < 0 || s.End > len(runes) || s.Start >= s.End {
			return fmt.Errorf("span %q: offsets [%d,%d) out of range (text has %d code points)",
				s.Value, s.Start, s.End, len(runes))
		}
		if got := string(runes[s.Start:s.End]); got != s.Value {
			return fmt.Errorf("span [%d,%d): text is %q, value says %q", s.Start, s.End, got, s.Value)
		}
	}
	return nil
}

// LoadPosts reads every <lang>.jsonl file of dir (the labelled posts) and
// returns one case per post, grouped by language. Every type is annotated on
// a post, so a post without spans is personal-data free. Ids must be unique
// and each line's lang must match its file name.
func LoadPosts(dir string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("posts: %w", err)
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("posts: no .jsonl file in %s", dir)
	}
	sort.Strings(files)
	seen := map[string]bool{}
	var cases []Case
	for _, f := range files {
		lang := strings.TrimSuffix(filepath.Base(f), ".jsonl")
		lines, err := readLines(f)
		if err != nil {
			return nil, err
		}
		for _, l := range lines {
			if l.Lang != lang {
				return nil, fmt.Errorf("%s (%s): lang %q, want %q", f, l.ID, l.Lang, lang)
			}
			if seen[l.ID] {
				return nil, fmt.Errorf("%s: duplicate id %q", f, l.ID)
			}
			seen[l.ID] = true
			cases = append(cases, Case{ID: l.ID, Text: *l.Text, Gold: l.Spans, Group: lang})
		}
	}
	return cases, nil
}

// nonEU lists the Presidio entity prefixes of identifiers from outside the
// EU, the UK and the US; Vigie does not aim at them, so they are reported
// apart and not held to the bar.
var nonEU = []string{"AU_", "CA_", "IN_", "KR_", "NG_", "PH_", "SG_", "TH_", "TR_", "ZA_"}

// IsNonEU reports whether a Presidio entity (or recognizer name) is a
// non-EU identifier.
func IsNonEU(entity string) bool {
	entity = strings.ToUpper(entity)
	for _, p := range nonEU {
		if strings.HasPrefix(entity, p) {
			return true
		}
	}
	return false
}

// recognizerOf extracts Presidio's recognizer name from a test case id
// such as "test_es_nif_recognizer.py::test_…[0]".
var recognizerOf = regexp.MustCompile(`^test_(.+)_recognizer\.py::`)

// LoadPresidio reads the Presidio conformance cases (see the corpus
// README). Date rows are left out: Presidio's DATE_TIME gold is any date,
// not a birth date. A case is non-EU when all its gold spans, or for a hard
// negative all the recognizers it comes from, are non-EU; such cases go to
// the second slice. Cases are grouped by Presidio entity.
func LoadPresidio(path string) (eu, other []Case, err error) {
	lines, err := readLines(path)
	if err != nil {
		return nil, nil, err
	}
	// A hard negative has no span to name its entity: borrow the entity
	// that the same recognizer's positive cases carry.
	entityOf := map[string]string{}
	for _, l := range lines {
		if rec := idRecognizer(l.ID); rec != "" && len(l.Spans) > 0 && entityOf[rec] == "" {
			entityOf[rec] = l.Spans[0].SourceEntity
		}
	}
	for _, l := range lines {
		c := Case{ID: l.ID, Text: *l.Text, Annotated: []engine.Type{}}
		for _, t := range l.Annotated {
			if t != engine.DateOfBirth {
				c.Annotated = append(c.Annotated, t)
			}
		}
		if len(c.Annotated) == 0 {
			continue
		}
		for _, s := range l.Spans {
			if s.Type != engine.DateOfBirth {
				c.Gold = append(c.Gold, s)
			}
		}
		rec := idRecognizer(l.ID)
		c.Group = entityOf[rec]
		if c.Group == "" {
			c.Group = strings.ToUpper(rec)
		}
		if len(c.Gold) > 0 {
			c.Group = c.Gold[0].SourceEntity
		}
		if presidioNonEU(l, c.Gold) {
			other = append(other, c)
		} else {
			eu = append(eu, c)
		}
	}
	return eu, other, nil
}

func presidioNonEU(l line, gold []Span) bool {
	if len(gold) > 0 {
		for _, s := range gold {
			if !IsNonEU(s.SourceEntity) {
				return false
			}
		}
		return true
	}
	if len(l.Meta.Cases) == 0 {
		return false
	}
	for _, c := range l.Meta.Cases {
		m := recognizerOf.FindStringSubmatch(c)
		if m == nil || !IsNonEU(m[1]) {
			return false
		}
	}
	return true
}

// idRecognizer returns "es_nif" for the id "presidio-es_nif-001".
func idRecognizer(id string) string {
	id = strings.TrimPrefix(id, "presidio-")
	if i := strings.LastIndexByte(id, '-'); i >= 0 {
		return id[:i]
	}
	return id
}

package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// SchemaVersion is the bundle schema this engine reads.
const SchemaVersion = 1

// Bundle is the unit in which rules travel: embedded as the default, packed by
// vigie-admin, stored and served by the rule server, verified and loaded by the
// extension.
type Bundle struct {
	Schema    int    `json:"schema"`
	ID        string `json:"id"`
	Version   string `json:"version"`
	CreatedAt string `json:"created_at"`
	MinEngine string `json:"min_engine"`
	Rules     []Rule `json:"rules"`
	// Tables holds data that validators need, keyed by validator name
	// (for example the per-country phone numbering metadata).
	Tables map[string]json.RawMessage `json:"tables,omitempty"`
}

// Rule is one self-describing detector.
type Rule struct {
	ID      string   `json:"id"`
	Type    Type     `json:"type"`
	Locales []string `json:"locales,omitempty"`
	// Anchor says where Pattern runs: "digits" (windows around digit
	// clusters), "at" (around '@'), "keyword" (after each Triggers hit) or
	// "text" (the whole text; avoid, it is the slow path).
	Anchor  string `json:"anchor"`
	Pattern string `json:"pattern"`
	// Triggers are whole words or phrases (case and accent folded) that
	// start a "keyword" window; "*x" matches words ending in x, "x*" words
	// starting with x.
	Triggers []string `json:"triggers,omitempty"`
	// Before and After size the "keyword" window around a trigger, in bytes.
	Before int `json:"before,omitempty"`
	After  int `json:"after,omitempty"`
	// Validator names a function in package validators; empty means none.
	Validator string `json:"validator,omitempty"`
	// Score is the confidence before context, 0..1.
	Score float64 `json:"score"`
	// Context words raise the score by ContextBoost when found near a
	// match; Negative words lower it by NegativePenalty. Keys are locales.
	Context         map[string][]string `json:"context,omitempty"`
	Negative        map[string][]string `json:"negative,omitempty"`
	ContextBoost    float64             `json:"context_boost,omitempty"`
	NegativePenalty float64             `json:"negative_penalty,omitempty"`
	// RequiresContext drops a match with no positive context word nearby.
	RequiresContext bool     `json:"requires_context,omitempty"`
	Severity        Severity `json:"severity,omitempty"`
	// Explain is a short user-facing explanation per language (fr, en, …).
	Explain  map[string]string `json:"explain"`
	Examples Examples          `json:"examples"`
}

// Examples document a rule and double as its tests.
type Examples struct {
	Positive []Example `json:"positive"`
	Negative []string  `json:"negative"`
}

// Example is a text in which the rule must find exactly Match.
type Example struct {
	Text  string `json:"text"`
	Match string `json:"match"`
}

// Anchors accepted in Rule.Anchor.
const (
	AnchorDigits  = "digits"
	AnchorAt      = "at"
	AnchorKeyword = "keyword"
	AnchorText    = "text"
)

// ErrBundle wraps every reason a bundle is refused.
var ErrBundle = errors.New("invalid bundle")

// ParseBundle decodes a bundle and checks its header. It does not compile the
// rules; Compile does.
func ParseBundle(data []byte) (*Bundle, error) {
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%w: not UTF-8", ErrBundle)
	}
	var b Bundle
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBundle, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%w: trailing data after the bundle", ErrBundle)
	}
	if b.Schema != SchemaVersion {
		return nil, fmt.Errorf("%w: schema %d, this engine reads %d", ErrBundle, b.Schema, SchemaVersion)
	}
	if b.MinEngine != "" {
		newer, err := VersionLess(Version, b.MinEngine)
		if err != nil {
			return nil, fmt.Errorf("%w: min_engine: %v", ErrBundle, err)
		}
		if newer {
			return nil, fmt.Errorf("%w: needs engine %s, this is %s", ErrBundle, b.MinEngine, Version)
		}
	}
	if len(b.Rules) == 0 {
		return nil, fmt.Errorf("%w: no rules", ErrBundle)
	}
	return &b, nil
}

// VersionLess reports whether dotted version a is lower than b ("1.2" < "1.10").
func VersionLess(a, b string) (bool, error) {
	pa, err := parseVersion(a)
	if err != nil {
		return false, err
	}
	pb, err := parseVersion(b)
	if err != nil {
		return false, err
	}
	for i := 0; i < len(pa) || i < len(pb); i++ {
		var x, y uint64
		if i < len(pa) {
			x = pa[i]
		}
		if i < len(pb) {
			y = pb[i]
		}
		if x != y {
			return x < y, nil
		}
	}
	return false, nil
}

func parseVersion(v string) ([]uint64, error) {
	if v == "" {
		return nil, fmt.Errorf("empty version")
	}
	parts := strings.Split(v, ".")
	out := make([]uint64, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 32)
		if err != nil {
			return nil, fmt.Errorf("version %q: not dotted numbers", v)
		}
		out[i] = n
	}
	return out, nil
}

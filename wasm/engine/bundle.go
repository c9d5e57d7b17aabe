package engine

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"vigie/wasm/jsonv"
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
	Tables map[string]RawJSON `json:"tables,omitempty"`
}

// Rule is one self-describing detector.
type Rule struct {
	ID      string   `json:"id"`
	Type    Type     `json:"type"`
	Locales []string `json:"locales,omitempty"`
	// Anchor says where Pattern runs: "digits" (windows around digit
	// clusters), "at" (around '@'), "keyword" (after each Triggers hit),
	// "contact" (the Before bytes before each phone number, email address,
	// postal address or IBAN found, a match ending where that value
	// starts), "signature" (the end of the text: its last line, whole, when
	// such a value ends at most Before bytes before it, or the rest of that
	// line after such a value ending at most Before bytes before the end),
	// "sibling" (where a value of the rule's type ends, within After bytes:
	// a name joined to a name found) or "text" (the whole text; avoid, it is
	// the slow path).
	Anchor  string `json:"anchor"`
	Pattern string `json:"pattern"`
	// Triggers are whole words or phrases (case and accent folded) that
	// start a "keyword" window; "*x" matches words ending in x, "x*" words
	// starting with x.
	Triggers []string `json:"triggers,omitempty"`
	// Before and After size the "keyword" window around a trigger, in
	// bytes; Before also sizes the "contact" window and the "signature"
	// reach.
	Before int `json:"before,omitempty"`
	After  int `json:"after,omitempty"`
	// Validator names a function in package validators; empty means none.
	Validator string `json:"validator,omitempty"`
	// Score is the confidence before context, 0..1.
	Score float64 `json:"score"`
	// Context words raise the score by ContextBoost when found near a
	// match; Negative words lower it by NegativePenalty. Keys are locales.
	// The result is rounded to three decimals before it is compared with
	// the threshold: 0.6 + 0.3 - 0.4 is 0.5.
	Context         map[string][]string `json:"context,omitempty"`
	Negative        map[string][]string `json:"negative,omitempty"`
	ContextBoost    float64             `json:"context_boost,omitempty"`
	NegativePenalty float64             `json:"negative_penalty,omitempty"`
	// Veto words drop the rule's matches within 500 bytes of them, about
	// the length of a long post: a post that gives its "opening hours" is a
	// business's, and the phone number in it the business's own.
	Veto map[string][]string `json:"veto,omitempty"`
	// VetoExcept lists kinds of values (as the rule's validator tells them,
	// see validators.Kinder) that veto words do not drop: a business gives
	// a landline, a person a mobile.
	VetoExcept []string `json:"veto_except,omitempty"`
	// VetoTwice lists kinds of values that one veto word does not drop but
	// two different ones do, and that near checks leave alone. A North
	// American number may be a shop's or a person's (its plan does not
	// tell landlines from mobiles): "bakery" beside it may be the poster's
	// job, "bakery" and "orders" make it the bakery's own.
	VetoTwice []string `json:"veto_twice,omitempty"`
	// VetoNear names a check in package validators (validators.NewNear)
	// of the text within nearReach bytes before and after a value: when it
	// holds, the value is dropped as by a veto word, VetoExcept included.
	// "opening_hours" looks for a time range: a number given with the
	// hours it answers ("au 05 56 32 18 40 (mercredi 14h-18h)") is an
	// office's or a shop's.
	VetoNear string `json:"veto_near,omitempty"`
	// RequiresContext drops a match with no positive context word nearby.
	RequiresContext bool `json:"requires_context,omitempty"`
	// NegativeAfter counts Negative words only after a match: "Wifi:
	// Maison_5G" is a network name when "Password:" follows, a password
	// when it comes first ("wifi password is …").
	NegativeAfter bool `json:"negative_after,omitempty"`
	// NegativeBefore counts Negative words only before a match: in
	// "geb. 12.05.1936 gest. 02.03.2025" the death word "gest." marks the
	// date after it, not the birth date before it.
	NegativeBefore bool     `json:"negative_before,omitempty"`
	Severity       Severity `json:"severity,omitempty"`
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

// RawJSON is a value kept as encoded JSON (a validator's table).
type RawJSON []byte

// MarshalJSON returns r as is.
func (r RawJSON) MarshalJSON() ([]byte, error) {
	if len(r) == 0 {
		return []byte("null"), nil
	}
	return r, nil
}

// UnmarshalJSON keeps a copy of the encoded value.
func (r *RawJSON) UnmarshalJSON(data []byte) error {
	*r = append((*r)[:0], data...)
	return nil
}

// Anchors accepted in Rule.Anchor.
const (
	AnchorDigits    = "digits"
	AnchorAt        = "at"
	AnchorKeyword   = "keyword"
	AnchorText      = "text"
	AnchorContact   = "contact"
	AnchorSignature = "signature"
	AnchorSibling   = "sibling"
)

// ErrBundle wraps every reason a bundle is refused.
var ErrBundle = errors.New("invalid bundle")

// bundleError is an ErrBundle with its reason. The core avoids fmt to stay
// small in WebAssembly.
type bundleError struct{ msg string }

func (e *bundleError) Error() string { return "invalid bundle: " + e.msg }
func (e *bundleError) Unwrap() error { return ErrBundle }

func bundleErr(parts ...string) error { return &bundleError{strings.Join(parts, "")} }

// ParseBundle decodes a bundle and checks its header. It does not compile the
// rules; Compile does. Unknown fields are refused.
func ParseBundle(data []byte) (*Bundle, error) {
	if !utf8.Valid(data) {
		return nil, bundleErr("not UTF-8")
	}
	v, err := jsonv.Parse(data)
	if err != nil {
		return nil, bundleErr(err.Error())
	}
	b, err := decodeBundle(v)
	if err != nil {
		return nil, bundleErr(err.Error())
	}
	if b.Schema != SchemaVersion {
		return nil, bundleErr("schema ", strconv.Itoa(b.Schema), ", this engine reads ", strconv.Itoa(SchemaVersion))
	}
	if b.MinEngine != "" {
		newer, err := VersionLess(Version, b.MinEngine)
		if err != nil {
			return nil, bundleErr("min_engine: ", err.Error())
		}
		if newer {
			return nil, bundleErr("needs engine ", b.MinEngine, ", this is ", Version)
		}
	}
	if len(b.Rules) == 0 {
		return nil, bundleErr("no rules")
	}
	return b, nil
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

// CheckVersion reports whether v is a dotted version ("1", "1.2.10").
func CheckVersion(v string) error {
	_, err := parseVersion(v)
	return err
}

func parseVersion(v string) ([]uint64, error) {
	if v == "" {
		return nil, errors.New("empty version")
	}
	parts := strings.Split(v, ".")
	out := make([]uint64, len(parts))
	for i, p := range parts {
		n, err := strconv.ParseUint(p, 10, 32)
		if err != nil {
			return nil, errors.New("version " + strconv.Quote(v) + ": not dotted numbers")
		}
		out[i] = n
	}
	return out, nil
}

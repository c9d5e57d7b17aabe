// Command gen-phonedata writes the numbering-plan table of the "phone"
// validator (wasm/rules/tables/phone.json) from the metadata of
// github.com/nyaruka/phonenumbers, the Go port of Google's libphonenumber
// (PhoneNumberMetadata.xml).
//
//	go run ./wasm/cmd/gen-phonedata -out wasm/rules/tables/phone.json
//
// Only this command imports phonenumbers: the WebAssembly engine reads the
// generated JSON from the rule bundle instead of linking the library
// (+1.45 MB brotli). The output is deterministic, so re-running the command on
// the same library version rewrites the file byte for byte.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"maps"
	"os"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// source names the data origin written into the table.
const source = "github.com/nyaruka/phonenumbers v1.8.1 (libphonenumber PhoneNumberMetadata.xml)"

// regions get full patterns: the EU/EEA, the UK, Switzerland, North America,
// the French overseas departments and collectivities, the European
// microstates and crown dependencies, and the Maghreb and Turkey, whose
// numbers are common in posts of European diasporas.
var regions = []string{
	// EU
	"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE",
	"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
	// EEA outside the EU
	"IS", "LI", "NO",
	"GB", "CH", "US", "CA",
	// French overseas
	"GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF",
	// microstates, crown dependencies, territories sharing a European code
	"MC", "AD", "SM", "VA", "GI", "GG", "JE", "IM", "AX",
	"MA", "DZ", "TN", "TR",
}

// nationalFirst orders the regions tried for a number written in national
// form (French first). Regions with a trunk prefix not listed here follow in
// table order: their leading trunk digit keeps them specific. Regions without
// a trunk prefix are tried only when listed here, because their bare national
// numbers (8-digit Nordic or Baltic numbers, 9-digit Polish or Czech ones,
// Luxembourg's 4 to 11 digits) cover almost every digit string of that length.
var nationalFirst = []string{
	"FR", "BE", "CH", "DE", "AT", "NL", "GB", "IE", "ES", "IT", "PT", "US", "CA",
	"GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "MC",
}

// trunkOptional lists regions where the trunk prefix is usually left out when
// writing a national number: NANP numbers are written "(415) 555-0132".
var trunkOptional = map[string]bool{"US": true, "CA": true}

// Table is the JSON document the phone validator reads.
type Table struct {
	Source string `json:"source"`
	// National lists the regions tried, in order, for national forms.
	National []string `json:"national"`
	Regions  []Region `json:"regions"`
	// LengthsOnly gives, for every other country calling code, the possible
	// national-significant-number lengths; they are only used for numbers
	// written with a leading '+'.
	LengthsOnly []CodeLengths `json:"lengths_only"`
}

// Region is the numbering plan of one region.
type Region struct {
	Region        string `json:"region"`
	CC            int    `json:"cc"`
	Trunk         string `json:"trunk,omitempty"`
	TrunkOptional bool   `json:"trunk_optional,omitempty"`
	Lengths       []int  `json:"lengths"`
	// Mobile, Fixed and Other hold the national-number patterns of the
	// region keyed by the first digit of the numbers they match ("6":
	// every mobile alternative that can start with 6), so the validator
	// compiles and runs only the part a candidate can match. Other joins
	// the other types a person may hold: personal, VoIP, pager and
	// voicemail numbers.
	Mobile map[string]string `json:"mobile,omitempty"`
	Fixed  map[string]string `json:"fixed,omitempty"`
	Other  map[string]string `json:"other,omitempty"`
}

// CodeLengths is one calling code with its possible national lengths.
type CodeLengths struct {
	CC      int   `json:"cc"`
	Lengths []int `json:"lengths"`
}

func main() {
	out := flag.String("out", "wasm/rules/tables/phone.json", "output `file`")
	flag.Parse()
	if err := write(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen-phonedata:", err)
		os.Exit(1)
	}
}

// write generates the table into path.
func write(path string) error {
	data, err := generate()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// generate builds the table and encodes it, one region per line so diffs stay
// readable.
func generate() ([]byte, error) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		return nil, fmt.Errorf("load phonenumbers metadata: %w", err)
	}
	byID := map[string]*phonenumbers.PhoneMetadata{}
	for _, m := range coll.GetMetadata() {
		byID[m.GetId()] = m
	}
	t := Table{Source: source}
	inTable := map[int]bool{}
	for _, id := range regions {
		m, ok := byID[id]
		if !ok {
			return nil, fmt.Errorf("region %s: no metadata", id)
		}
		r, err := region(m)
		if err != nil {
			return nil, fmt.Errorf("region %s: %w", id, err)
		}
		t.Regions = append(t.Regions, r)
		inTable[r.CC] = true
	}
	t.National = append(t.National, nationalFirst...)
	for _, r := range t.Regions {
		if r.Trunk != "" && !slices.Contains(t.National, r.Region) {
			t.National = append(t.National, r.Region)
		}
	}
	// Calling codes outside the table: union of the lengths of every region
	// (or non-geographic entity) using the code.
	other := map[int][]int{}
	for _, m := range coll.GetMetadata() {
		cc := int(m.GetCountryCode())
		if inTable[cc] {
			continue
		}
		other[cc] = union(other[cc], lengths(m.GetGeneralDesc()))
	}
	for _, cc := range slices.Sorted(maps.Keys(other)) {
		if len(other[cc]) > 0 {
			t.LengthsOnly = append(t.LengthsOnly, CodeLengths{cc, other[cc]})
		}
	}
	return encode(&t)
}

func region(m *phonenumbers.PhoneMetadata) (Region, error) {
	r := Region{
		Region:        m.GetId(),
		CC:            int(m.GetCountryCode()),
		Trunk:         m.GetNationalPrefix(),
		TrunkOptional: trunkOptional[m.GetId()],
		Lengths:       lengths(m.GetGeneralDesc()),
	}
	mobile, fixed := pattern(m.GetMobile()), pattern(m.GetFixedLine())
	if fixed == mobile {
		// libphonenumber repeats one pattern when mobile and fixed
		// numbers cannot be told apart (NANP).
		fixed = ""
	}
	// Toll-free, premium-rate, shared-cost and universal access numbers
	// belong to businesses and services ("numéro vert 0 800 130 000",
	// "0 892 705 705"): they are not a person's data, and are left out.
	var other []string
	for _, d := range []*phonenumbers.PhoneNumberDesc{m.GetPersonalNumber(), m.GetVoip(), m.GetPager(), m.GetVoicemail()} {
		if p := pattern(d); p != "" && !slices.Contains(other, p) {
			other = append(other, p)
		}
	}
	if len(r.Lengths) == 0 {
		return r, fmt.Errorf("no possible lengths")
	}
	if mobile == "" && fixed == "" {
		return r, fmt.Errorf("no mobile or fixed-line pattern")
	}
	var err error
	if r.Mobile, err = byFirstDigit(mobile); err != nil {
		return r, fmt.Errorf("mobile: %w", err)
	}
	if r.Fixed, err = byFirstDigit(fixed); err != nil {
		return r, fmt.Errorf("fixed: %w", err)
	}
	if r.Other, err = byFirstDigit(strings.Join(other, "|")); err != nil {
		return r, fmt.Errorf("other: %w", err)
	}
	return r, nil
}

// byFirstDigit splits pattern into the alternatives that can start with
// each digit, joined per digit; nil for an empty pattern.
func byFirstDigit(pattern string) (map[string]string, error) {
	if pattern == "" {
		return nil, nil
	}
	parts, err := split(pattern)
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for d, alts := range parts {
		if len(alts) == 0 {
			continue
		}
		p := strings.Join(alts, "|")
		if _, err := regexp.Compile("^(?:" + p + ")$"); err != nil {
			return nil, fmt.Errorf("pattern is not RE2: %w", err)
		}
		out[strconv.Itoa(d)] = p
	}
	return out, nil
}

// split groups the top-level alternatives of pattern by the digits they can
// start with. An alternative that opens with a group, "(?:2…|3…)\d{4}", is
// split through the group, so each digit gets only its own branches.
func split(pattern string) ([10][]string, error) {
	var out [10][]string
	for _, alt := range topLevel(pattern) {
		re, err := syntax.Parse(alt, syntax.Perl)
		if err != nil {
			return out, fmt.Errorf("pattern %q: %w", alt, err)
		}
		if inner, rest, ok := leadingGroup(alt); ok && !nullable(inner) {
			sub, err := split(inner)
			if err != nil {
				return out, err
			}
			for d, alts := range sub {
				if len(alts) == 1 && rest == "" {
					out[d] = append(out[d], alts[0])
				} else if len(alts) > 0 {
					out[d] = append(out[d], "(?:"+strings.Join(alts, "|")+")"+rest)
				}
			}
			continue
		}
		mask, _ := firstDigits(re)
		for d := range 10 {
			if mask&(1<<d) != 0 {
				out[d] = append(out[d], alt)
			}
		}
	}
	return out, nil
}

// nullable reports whether p can match the empty string (then the first
// digit may come from what follows it).
func nullable(p string) bool {
	re, err := syntax.Parse(p, syntax.Perl)
	if err != nil {
		return true
	}
	_, n := firstDigits(re)
	return n
}

// topLevel splits a pattern at the '|' that are outside groups and classes.
func topLevel(p string) []string {
	var out []string
	depth, class, start := 0, false, 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			out = append(out, p[start:i])
			start = i + 1
		}
	}
	return append(out, p[start:])
}

// leadingGroup reports whether p starts with a non-capturing group that is
// not quantified, and returns its content and what follows it.
func leadingGroup(p string) (inner, rest string, ok bool) {
	if !strings.HasPrefix(p, "(?:") {
		return "", "", false
	}
	depth, class := 0, false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case class:
			class = c != ']'
		case c == '[':
			class = true
		case c == '(':
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				rest = p[i+1:]
				if rest != "" && strings.ContainsRune("?*+{", rune(rest[0])) {
					return "", "", false
				}
				return p[3:i], rest, true
			}
		}
	}
	return "", "", false
}

// firstDigits returns the digits a match of re can start with (bit d for
// digit d) and whether re can match the empty string.
func firstDigits(re *syntax.Regexp) (mask uint16, nullable bool) {
	const all = 1<<10 - 1 // the safe answer for constructs not analysed
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return 0, true
		}
		return runeMask(re.Rune[0], re.Rune[0]), false
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			mask |= runeMask(re.Rune[i], re.Rune[i+1])
		}
		return mask, false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return 0, true
	case syntax.OpCapture, syntax.OpPlus:
		return firstDigits(re.Sub[0])
	case syntax.OpStar, syntax.OpQuest:
		m, _ := firstDigits(re.Sub[0])
		return m, true
	case syntax.OpRepeat:
		m, n := firstDigits(re.Sub[0])
		return m, n || re.Min == 0
	case syntax.OpConcat:
		for _, s := range re.Sub {
			m, n := firstDigits(s)
			mask |= m
			if !n {
				return mask, false
			}
		}
		return mask, true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			m, n := firstDigits(s)
			mask |= m
			nullable = nullable || n
		}
		return mask, nullable
	}
	return all, true
}

func runeMask(lo, hi rune) uint16 {
	var m uint16
	for d := max(lo, '0'); d <= min(hi, '9'); d++ {
		m |= 1 << (d - '0')
	}
	return m
}

// pattern returns the national-number pattern of d, or "" when the type is
// not assigned in the region ("NA" in the XML).
func pattern(d *phonenumbers.PhoneNumberDesc) string {
	p := d.GetNationalNumberPattern()
	if p == "NA" {
		return ""
	}
	return p
}

// lengths returns the sorted possible lengths of d, dropping the -1 that
// marks an unassigned type.
func lengths(d *phonenumbers.PhoneNumberDesc) []int {
	var out []int
	for _, l := range d.GetPossibleLength() {
		if l > 0 {
			out = append(out, int(l))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func union(a, b []int) []int {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}

// encode writes t as JSON with one region per line, without HTML escaping
// (patterns hold no markup) and with a final newline.
func encode(t *Table) ([]byte, error) {
	var b bytes.Buffer
	str := func(s string) error {
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			return err
		}
		b.Truncate(b.Len() - 1) // Encode's newline
		return nil
	}
	b.WriteString(`{"source":`)
	if err := str(t.Source); err != nil {
		return nil, err
	}
	b.WriteString(",\n\"national\":[")
	for i, id := range t.National {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(id))
	}
	b.WriteString("],\n\"regions\":[\n")
	for i, r := range t.Regions {
		line, err := marshal(r)
		if err != nil {
			return nil, fmt.Errorf("region %s: %w", r.Region, err)
		}
		b.Write(line)
		if i < len(t.Regions)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("],\n\"lengths_only\":[\n")
	for i, c := range t.LengthsOnly {
		line, err := marshal(c)
		if err != nil {
			return nil, err
		}
		b.Write(line)
		if i < len(t.LengthsOnly)-1 {
			b.WriteByte(',')
		}
		b.WriteByte('\n')
	}
	b.WriteString("]}\n")
	// The hand-assembled document must still be valid JSON.
	if !json.Valid(b.Bytes()) {
		return nil, fmt.Errorf("generated table is not valid JSON")
	}
	return b.Bytes(), nil
}

func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

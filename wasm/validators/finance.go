package validators

func init() {
	registerFunc("iban", ibanValid)
	registerFunc("payment_card", cardValid)
}

// ibanLengths is the IBAN length per country (SWIFT IBAN registry, ISO 13616)
// for the SEPA area plus a few neighbours people bank with.
var ibanLengths = map[string]int{
	"AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24,
	"DE": 22, "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
	"GB": 22, "GI": 23, "GL": 18, "GR": 27, "HR": 21, "HU": 28, "IE": 22,
	"IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27,
	"MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24, "SE": 24,
	"SI": 19, "SK": 24, "SM": 27, "VA": 22, "AL": 28, "BA": 20, "ME": 22,
	"MK": 19, "RS": 22, "TR": 26, "UA": 29, "MD": 24, "XK": 20, "AZ": 28,
	"BH": 22, "BR": 29, "CR": 22, "DO": 28, "GE": 22, "GT": 28, "IL": 23,
	"JO": 30, "KW": 30, "KZ": 20, "LB": 28, "MR": 27, "MU": 30, "PK": 24,
	"PS": 29, "QA": 29, "SA": 24, "TN": 24, "AE": 23, "VG": 24, "EG": 29,
	"IQ": 23, "LC": 32, "SC": 31, "ST": 25, "TL": 23, "BY": 28, "SV": 28,
	"LY": 25, "SD": 18, "BI": 27, "DJ": 27, "RU": 33, "SO": 23, "NI": 28,
	"FK": 18, "OM": 23, "YE": 30, "MN": 20,
}

// ibanValid checks the country length and the ISO 7064 mod-97-10 check digits.
func ibanValid(v string) bool {
	s := alnumUpper(v)
	if len(s) < 15 || len(s) > 34 {
		return false
	}
	want, ok := ibanLengths[s[:2]]
	if !ok || len(s) != want || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return false
	}
	// Move the first four characters to the end, letters become 10..35,
	// and the remainder mod 97 must be 1. Computed piecewise to stay in int.
	rearranged := s[4:] + s[:4]
	rem := 0
	for i := 0; i < len(rearranged); i++ {
		c := rearranged[i]
		if c >= 'A' {
			n := int(c-'A') + 10
			rem = (rem*100 + n) % 97
		} else {
			rem = (rem*10 + int(c-'0')) % 97
		}
	}
	return rem == 1 && !allSame(s[4:])
}

// cardRanges lists issuer prefixes and lengths (ISO/IEC 7812 IIN ranges as
// published by the networks): Visa, Mastercard (51–55, 2221–2720), Amex,
// Discover, Diners, JCB, Maestro, UnionPay. French CB cards are co-badged
// Visa or Mastercard numbers.
var cardRanges = []struct {
	lo, hi  string // inclusive prefix range, same length
	lengths []int
}{
	// Visa's 13-digit numbers are long retired; a 13-digit run starting
	// with 4 is a phone number far more often ("+49 152 28476193").
	{"4", "4", []int{16, 19}},
	{"51", "55", []int{16}},
	{"2221", "2720", []int{16}},
	{"34", "34", []int{15}},
	{"37", "37", []int{15}},
	{"6011", "6011", []int{16, 19}},
	{"644", "649", []int{16, 19}},
	{"65", "65", []int{16, 19}},
	{"300", "305", []int{14, 16, 19}},
	{"36", "36", []int{14, 16, 19}},
	{"38", "39", []int{14, 16, 19}},
	{"3528", "3589", []int{16, 17, 18, 19}},
	{"50", "50", []int{12, 13, 14, 15, 16, 17, 18, 19}},
	{"56", "58", []int{12, 13, 14, 15, 16, 17, 18, 19}},
	{"6", "6", []int{12, 13, 14, 15, 16, 17, 18, 19}},
	{"62", "62", []int{16, 17, 18, 19}},
}

// maxCardDigits is the longest card number (ISO/IEC 7812: 19 digits).
const maxCardDigits = 19

// cardValid checks issuer prefix, length and the Luhn digit.
func cardValid(v string) bool {
	// Digits into a stack buffer: this runs on every long digit run.
	var buf [maxCardDigits]byte
	d := buf[:0]
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case '0' <= c && c <= '9':
			if len(d) == maxCardDigits {
				return false
			}
			d = append(d, c)
		case 'a' <= c|0x20 && c|0x20 <= 'z':
			return false
		}
	}
	if !luhnValid(d) || allSame(d) || sequential(d) || !cardLayout(v) {
		return false
	}
	for _, r := range cardRanges {
		if len(d) < len(r.lo) {
			continue
		}
		p := string(d[:len(r.lo)])
		if p < r.lo || p > r.hi {
			continue
		}
		for _, n := range r.lengths {
			if len(d) == n {
				return true
			}
		}
	}
	return false
}

// cardLayout reports whether the digits of v are grouped as cards print
// them: in one block, in fours (the last group may be shorter), or as
// American Express's 4-6-5 and Diners Club's 4-6-4, with one separator
// throughout. Digits grouped otherwise are another number or a run of small
// numbers ("4 8 8 0 4 80 88 0.6 0.2 8 8 6.4 8 8").
func cardLayout(v string) bool {
	var groups [maxCardDigits]int
	n, oneSep := digitGroups(v, groups[:])
	if v == "" || !isDigitByte(v[0]) || !oneSep {
		return false
	}
	switch {
	case n <= 0: // no digit, or more groups than a card has digits
		return false
	case n == 1 || n == 3 && groups[0] == 4 && groups[1] == 6 && (groups[2] == 5 || groups[2] == 4):
		return true
	}
	for _, g := range groups[:n-1] {
		if g != 4 {
			return false
		}
	}
	return groups[n-1] <= 4
}

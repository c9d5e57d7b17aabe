package validators

func init() {
	registerFunc("us_ssn", ssnValid)
	registerFunc("us_itin", itinValid)
	registerFunc("us_ssn_itin", func(v string) bool { return ssnValid(v) || itinValid(v) })
	registerFunc("us_mbi", mbiValid)
}

// ssnValid checks a US Social Security number (SSA, Program Operations
// Manual RM 10201.035 and the 2011 randomization notice): area not 000,
// 666 or 900-999, group not 00, serial not 0000, and not one of the
// numbers printed in advertising and examples (078-05-1120 from the 1938
// wallet card, 219-09-9999, 123-45-6789).
func ssnValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || !digitsOnly(s) {
		return false
	}
	area, group, serial := num(s[:3]), num(s[3:5]), num(s[5:])
	if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
		return false
	}
	switch string(s) {
	case "078051120", "219099999", "123456789":
		return false
	}
	return !sameBytes(s)
}

// itinValid checks a US Individual Taxpayer Identification Number (IRS,
// Publication 1915): 9XX-GG-XXXX with group 50-65, 70-88, 90-92 or 94-99.
func itinValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || !digitsOnly(s) || s[0] != '9' {
		return false
	}
	g := num(s[3:5])
	return (g >= 50 && g <= 65 || g >= 70 && g <= 88 || g >= 90 && g <= 92 || g >= 94) && num(s[5:]) != 0
}

// mbiLayout describes the Medicare Beneficiary Identifier (CMS, "MBI
// format specifications"): 11 positions, C = digit 1-9, N = digit,
// A = letter except S L O I B Z, X = either.
const mbiLayout = "CAXNAXNAANN"

func mbiLetter(c byte) bool {
	return isUpperByte(c) && c != 'S' && c != 'L' && c != 'O' && c != 'I' && c != 'B' && c != 'Z'
}

// mbiValid checks a Medicare Beneficiary Identifier's layout.
func mbiValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 11 {
		return false
	}
	for i, c := range s {
		var good bool
		switch mbiLayout[i] {
		case 'C':
			good = c >= '1' && c <= '9'
		case 'N':
			good = isDigitByte(c)
		case 'A':
			good = mbiLetter(c)
		default:
			good = isDigitByte(c) || mbiLetter(c)
		}
		if !good {
			return false
		}
	}
	return true
}

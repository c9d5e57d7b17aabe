package validators

func init() {
	registerFunc("it_codice_fiscale", codiceFiscaleValid)
}

// cfOdd is the value of a character in an odd (1st, 3rd, …) position of a
// codice fiscale, indexed by digit or letter; even positions count 0-9 for
// digits and 0-25 for letters (Agenzia delle Entrate, DM 23/12/1976).
var cfOdd = [26]int{1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23}

// cfMonths are the month letters A (January) … T (December).
const cfMonths = "ABCDEHLMPRST"

// cfOmocodia are the letters that replace digits 0-9 in the numeric
// positions when two people would otherwise share a code (omocodia).
const cfOmocodia = "LMNPQRSTUV"

// cfDigit returns the digit a numeric-position character stands for.
func cfDigit(c byte) (int, bool) {
	if isDigitByte(c) {
		return int(c - '0'), true
	}
	for i := 0; i < len(cfOmocodia); i++ {
		if cfOmocodia[i] == c {
			return i, true
		}
	}
	return 0, false
}

// codiceFiscaleValid checks an Italian codice fiscale: 6 letters (surname,
// name), year, month letter, day (41-71 for women), place code, with
// omocodia letters allowed in the numeric positions, and the check letter.
func codiceFiscaleValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 16 {
		return false
	}
	for i, c := range s {
		switch i {
		case 0, 1, 2, 3, 4, 5, 8, 11, 15:
			if !isUpperByte(c) {
				return false
			}
		default:
			if _, ok := cfDigit(c); !ok {
				return false
			}
		}
	}
	month := false
	for i := 0; i < len(cfMonths); i++ {
		month = month || cfMonths[i] == s[8]
	}
	d1, _ := cfDigit(s[9])
	d2, _ := cfDigit(s[10])
	day := d1*10 + d2
	if !month || day < 1 || day > 31 && day < 41 || day > 71 {
		return false
	}
	sum := 0
	for i, c := range s[:15] {
		var n int
		if isDigitByte(c) {
			n = int(c - '0')
			if i%2 == 0 {
				n = cfOdd[n]
			}
		} else {
			n = int(c - 'A')
			if i%2 == 0 {
				n = cfOdd[n]
			}
		}
		sum += n
	}
	return byte('A'+sum%26) == s[15]
}

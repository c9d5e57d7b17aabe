package validators

func init() {
	registerFunc("fi_hetu", hetuValid)
	registerFunc("se_personnummer", personnummerValid)
	registerFunc("dk_cpr", cprValid)
	registerFunc("at_svnr", svnrValid)
}

// hetuChecks maps (DDMMYYNNN mod 31) to the check character of a Finnish
// personal identity code (Digital and Population Data Services Agency,
// Act 128/2010 and decree 2023 on the new century signs).
const hetuChecks = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// hetuValid checks a henkilötunnus: DDMMYY, a century sign (+ 1800s;
// - Y X W V U 1900s; A B C D E F 2000s), a 3-digit individual number and
// the check character.
func hetuValid(v string) bool {
	if len(v) != 11 {
		return false
	}
	var s [11]byte
	for i := 0; i < 11; i++ {
		c := v[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		s[i] = c
	}
	var century int
	switch s[6] {
	case '+':
		century = 1800
	case '-', 'Y', 'X', 'W', 'V', 'U':
		century = 1900
	case 'A', 'B', 'C', 'D', 'E', 'F':
		century = 2000
	default:
		return false
	}
	if !digitsOnly(s[:6]) || !digitsOnly(s[7:10]) || num(s[7:10]) < 2 {
		return false
	}
	if !validDate(century+num(s[4:6]), num(s[2:4]), num(s[0:2])) {
		return false
	}
	n := num(s[0:6])*1000 + num(s[7:10])
	return hetuChecks[n%31] == s[10]
}

// personnummerValid checks a Swedish personnummer or samordningsnummer
// (Skatteverket, SKV 704): [CC]YYMMDD, an optional - or + separator, a
// 3-digit serial and a Luhn check digit over the 10-digit form; the day is
// +60 for coordination numbers. Ten digits written as one block and
// starting with 0 are refused: that is how French phone numbers look.
func personnummerValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || !digitsOnly(s) {
		return false
	}
	century := 0
	switch len(s) {
	case 12:
		century = num(s[:2]) * 100
		if century < 1800 || century > 2000 {
			return false
		}
		s = s[2:]
	case 10:
		if s[0] == '0' && !hasSeparator(v) {
			return false
		}
		century = 1900
	default:
		return false
	}
	day := num(s[4:6])
	if day > 60 {
		day -= 60
	}
	if !validDate(century+num(s[:2]), num(s[2:4]), day) || num(s[6:9]) == 0 {
		return false
	}
	return luhnValid(s)
}

// cprValid checks a Danish CPR number (CPR-kontoret): a valid birth date
// DDMMYY and a 4-digit serial. The mod-11 check was dropped in 2007, so
// only the date is checked; rules gate it with context.
func cprValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 10 || !digitsOnly(s) || sameBytes(s[6:]) {
		return false
	}
	// The century depends on the 7th digit; 2000 keeps 29 February valid
	// for any year divisible by 4, which is all a date check needs here.
	return validDate(2000+num(s[4:6]), num(s[2:4]), num(s[:2]))
}

// svnrValid checks an Austrian social insurance number (Sozialversicherungs-
// nummer, Dachverband der Sozialversicherungsträger): a 3-digit serial not
// starting with 0, a check digit, and the birth date DDMMYY; the check is
// the weighted sum (3 7 9 · 5 8 4 2 1 6) mod 11, 10 never issued.
func svnrValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 10 || !digitsOnly(s) || s[0] == '0' {
		return false
	}
	weights := [10]int{3, 7, 9, 0, 5, 8, 4, 2, 1, 6}
	sum := 0
	for i, w := range weights {
		sum += w * int(s[i]-'0')
	}
	if sum%11 != int(s[3]-'0') {
		return false
	}
	day, month := num(s[4:6]), num(s[6:8])
	return validDate(2000+num(s[8:10]), month, day) || month > 12 && month <= 15 && day >= 1 && day <= 31
}

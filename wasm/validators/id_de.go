package validators

import "strings"

func init() {
	registerFunc("de_steuer_id", steuerIDValid)
	registerFunc("de_tax_number", deTaxNumberValid)
	registerFunc("de_id_card", deIDCardValid)
	registerFunc("de_passport", dePassportValid)
	registerFunc("de_id_card_format", deIDCardFormat)
	registerFunc("de_kvnr", kvnrValid)
	registerFunc("de_rvnr", rvnrValid)
}

// steuerIDValid checks a German tax identification number
// (Steueridentifikationsnummer, § 139b AO; BZSt/ELSTER "Prüfung der
// Steueridentifikationsnummer"): 11 digits, no leading 0 (those are test
// numbers), among the first ten one digit at most repeated (twice, or three
// times but not three in a row), and an ISO 7064 MOD 11,10 check digit.
func steuerIDValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 11 || !digitsOnly(s) || s[0] == '0' {
		return false
	}
	var count [10]int
	for _, c := range s[:10] {
		count[c-'0']++
	}
	repeated := 0
	for _, n := range count {
		switch {
		case n > 3:
			return false
		case n > 1:
			repeated++
		}
	}
	if repeated > 1 {
		return false
	}
	for i := 2; i < 10; i++ {
		if s[i] == s[i-1] && s[i] == s[i-2] {
			return false
		}
	}
	product := 10
	for _, c := range s[:10] {
		sum := (int(c-'0') + product) % 10
		if sum == 0 {
			sum = 10
		}
		product = 2 * sum % 11
	}
	check := 11 - product
	if check == 10 {
		check = 0
	}
	return check == int(s[10]-'0')
}

// deTaxNumberValid checks the shape of a German Steuernummer (issued by the
// Finanzamt, § 139a AO) as its holder writes it: the 13-digit ELSTER form
// starting with a Land number 01-16, or a regional form written in three
// slash-separated groups (2-3/3-4/4-5 digits; the pattern fixes the shape). The Länder use
// about ten different check-digit methods, so only the shape is checked;
// rules gate the weaker forms with context.
func deTaxNumberValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || !digitsOnly(s) || sameBytes(s) {
		return false
	}
	if hasSeparator(v) {
		return len(s) >= 9 && len(s) <= 12
	}
	land := num(s[:min(2, len(s))])
	return len(s) == 13 && land >= 1 && land <= 16
}

// icaoValue is the value of a machine-readable-zone character (ICAO Doc
// 9303 part 3): digits 0-9, letters A=10 … Z=35, filler '<' = 0.
func icaoValue(c byte) int {
	if isDigitByte(c) {
		return int(c - '0')
	}
	return int(c-'A') + 10
}

// icaoCheck computes the ICAO Doc 9303 check digit (weights 7 3 1).
func icaoCheck(s []byte) int {
	weights := [3]int{7, 3, 1}
	sum := 0
	for i, c := range s {
		sum += icaoValue(c) * weights[i%3]
	}
	return sum % 10
}

// deDocument checks a German identity document serial as quoted with its
// check digit: 8 characters from the alphabet of the Bundesdruckerei (digits
// and C F G H J K L M N P R T V W X Y Z, no vowels), at least one digit, then
// the ICAO 7-3-1 check digit (PAuswV and PassV, machine-readable zone).
// first lists the letters allowed first.
func deDocument(v, first string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || !isDigitByte(s[8]) {
		return false
	}
	okFirst := false
	for i := 0; i < len(first); i++ {
		okFirst = okFirst || first[i] == s[0]
	}
	if !okFirst {
		return false
	}
	hasDigit := false
	for _, c := range s[1:8] {
		switch c {
		case 'C', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'R', 'T', 'V', 'W', 'X', 'Y', 'Z':
		default:
			if !isDigitByte(c) {
				return false
			}
			hasDigit = true
		}
	}
	return hasDigit && !sameBytes(s[1:8]) && icaoCheck(s[:8]) == int(s[8]-'0')
}

// deIDCardValid checks a Personalausweis number (first letter L-Z of the
// document alphabet; passports use C-K).
func deIDCardValid(v string) bool { return deDocument(v, "LMNPRTVWXYZ") }

// dePassportValid checks a Reisepass number (first letter C, F, G, H, J, K).
func dePassportValid(v string) bool { return deDocument(v, "CFGHJK") }

// deIDCardFormat checks the shape of a Personalausweis number as printed on
// the card, without a check digit: 9 characters of the document alphabet
// starting with L-Z and holding a digit, or the pre-2010 T plus 8 digits.
// Rules use it only next to a keyword such as "Personalausweis".
func deIDCardFormat(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || sameBytes(s[1:]) {
		return false
	}
	if !strings.ContainsRune("LMNPRTVWXYZ", rune(s[0])) {
		return false
	}
	digit := false
	for _, c := range s[1:] {
		if isDigitByte(c) {
			digit = true
		} else if !strings.ContainsRune("CFGHJKLMNPRTVWXYZ", rune(c)) {
			return false
		}
	}
	return digit
}

// kvnrValid checks a German health insurance number (Krankenversicherten-
// nummer, eGK): a letter, 8 digits and a check digit computed over the
// letter's 2-digit position and the 8 digits with weights 1 2 1 2 …, the
// digit sum of each product, mod 10 (GKV-Spitzenverband, § 290 SGB V).
func kvnrValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 10 || !isUpperByte(s[0]) || !digitsOnly(s[1:]) {
		return false
	}
	pos := int(s[0]-'A') + 1
	var d [10]int
	d[0], d[1] = pos/10, pos%10
	for i := 1; i < 9; i++ {
		d[i+1] = int(s[i] - '0')
	}
	sum := 0
	for i, n := range d {
		n *= 1 + i%2
		sum += n/10 + n%10
	}
	return sum%10 == int(s[9]-'0')
}

// rvnrValid checks a German pension insurance number (Rentenversicherungs-
// nummer, Sozialversicherungsnummer): area number, birth date DDMMYY (day
// + 50 when the serials of a date run out), first letter of the birth
// name, serial, and a check digit over those 12 digits (the letter as its
// 2-digit position) with weights 2 1 2 5 7 1 2 1 2 1 2 1, digit sums mod 10
// (Deutsche Rentenversicherung, VKVV § 2).
func rvnrValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 12 || !digitsOnly(s[:8]) || !isUpperByte(s[8]) || !digitsOnly(s[9:]) {
		return false
	}
	day, month := num(s[2:4]), num(s[4:6])
	if day > 50 {
		day -= 50
	}
	if !validDate(2000, month, day) {
		return false
	}
	pos := int(s[8]-'A') + 1
	var d [12]int
	for i := 0; i < 8; i++ {
		d[i] = int(s[i] - '0')
	}
	d[8], d[9] = pos/10, pos%10
	d[10], d[11] = int(s[9]-'0'), int(s[10]-'0')
	weights := [12]int{2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1}
	sum := 0
	for i, n := range d {
		n *= weights[i]
		sum += n/10 + n%10
	}
	return sum%10 == int(s[11]-'0')
}

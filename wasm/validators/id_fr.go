package validators

func init() {
	registerFunc("fr_nir", nirValid)
	registerFunc("fr_spi", spiValid)
	registerFunc("fr_cni", cniValid)
}

// nirValid checks a French social security number (NIR, numéro d'inscription
// au répertoire, "numéro de sécu"), as described by INSEE: sex (1/2, or
// 3/4/7/8 for temporary numbers), year, month (01-12, or 20, 30-42 and 50+
// when the month is unknown), department (01-95, 2A/2B for Corsica, 97x/98x
// overseas, 99 born abroad), commune, order number, then a 2-digit key
// = 97 - (first 13 digits mod 97), where Corsica's 2A and 2B count as 19
// and 18.
func nirValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 15 {
		return false
	}
	switch s[0] {
	case '1', '2', '3', '4', '7', '8':
	default:
		return false
	}
	if !digitsOnly(s[1:5]) || !digitsOnly(s[7:15]) {
		return false
	}
	month := num(s[3:5])
	if month == 0 || month > 12 && month != 20 && (month < 30 || month > 42) && month < 50 {
		return false
	}
	n := 0
	for _, c := range s[:5] {
		n = n*10 + int(c-'0')
	}
	switch {
	case s[5] == '2' && s[6] == 'A':
		n = n*100 + 19
	case s[5] == '2' && s[6] == 'B':
		n = n*100 + 18
	case isDigitByte(s[5]) && isDigitByte(s[6]):
		if d := num(s[5:7]); d == 0 || d == 96 {
			return false
		}
		n = n*100 + num(s[5:7])
	default:
		return false
	}
	for _, c := range s[7:13] {
		n = n*10 + int(c-'0')
	}
	if num(s[10:13]) == 0 {
		return false // order number 000 is never issued
	}
	return 97-n%97 == num(s[13:15])
}

// spiValid checks a French tax number (numéro fiscal, SPI, printed on the
// avis d'impôt): 13 digits starting with 0-3, whose last three digits equal
// the first ten taken as a number mod 511 (DGFiP format, as published in
// the impots.gouv.fr API documentation).
func spiValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 13 || !digitsOnly(s) || s[0] > '3' || sameBytes(s[:10]) {
		return false
	}
	return num(s[:10])%511 == num(s[10:])
}

// cniValid checks the shape of a French identity card number (ANTS, décret
// 55-1397 as amended): cards issued until 2021 carry 12 characters, the
// year and month of issue (YYMM), a 3-character office code and a 5-digit
// serial; the electronic card (CNIe, since August 2021) carries 9 letters
// and digits, like a passport. There is no check digit outside the
// machine-readable zone, so rules only look next to "carte d'identité".
func cniValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok {
		return false
	}
	switch len(s) {
	case 12:
		if !digitsOnly(s[:4]) || !digitsOnly(s[7:]) || sameBytes(s) {
			return false
		}
		m := num(s[2:4])
		return m >= 1 && m <= 12
	case 9:
		letter, digit := false, false
		for _, c := range s {
			letter = letter || isUpperByte(c)
			digit = digit || isDigitByte(c)
		}
		return letter && digit
	}
	return false
}

package validators

func init() {
	registerFunc("pl_pesel", peselValid)
	registerFunc("nl_bsn", bsnValid)
	registerFunc("be_national_number", beNationalNumberValid)
	registerFunc("pt_nif", ptNIFValid)
	registerFunc("pt_cc", ptCCValid)
}

// peselValid checks a Polish PESEL: birth date YYMMDD, where 20, 40, 60 or
// 80 added to the month give the century (2000s, 2100s, 2200s, 1800s),
// a serial and a check digit with weights 1 3 7 9 (Ustawa o ewidencji
// ludności, Dz.U. 2010 nr 217 poz. 1427).
func peselValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 11 || !digitsOnly(s) || sameBytes(s) {
		return false
	}
	weights := [10]int{1, 3, 7, 9, 1, 3, 7, 9, 1, 3}
	sum := 0
	for i, w := range weights {
		sum += w * int(s[i]-'0')
	}
	if (10-sum%10)%10 != int(s[10]-'0') {
		return false
	}
	year, month, day := num(s[0:2]), num(s[2:4]), num(s[4:6])
	century := [5]int{1900, 2000, 2100, 2200, 1800}[month/20]
	return validDate(century+year, month%20, day)
}

// bsnValid checks a Dutch citizen service number (burgerservicenummer):
// 9 digits passing the "elfproef" (weights 9..2 and -1, sum divisible by
// 11), as specified by the Rijksdienst voor Identiteitsgegevens.
func bsnValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || !digitsOnly(s) || sameBytes(s) || sequential(string(s)) {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(s[i]-'0')
	}
	sum -= int(s[8] - '0')
	return sum > 0 && sum%11 == 0
}

// beNationalNumberValid checks a Belgian national register number
// (rijksregisternummer / numéro de registre national): YYMMDD (month +20 or
// +40 for bis numbers, 00 when unknown), a 3-digit serial and a 2-digit key
// 97 - (first 9 digits mod 97), with a 2 prepended for people born from
// 2000 on (SPF Intérieur, Registre national).
func beNationalNumberValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 11 || !digitsOnly(s) || sameBytes(s) {
		return false
	}
	month, day := num(s[2:4])%20, num(s[4:6])
	if num(s[2:4]) >= 60 || month > 12 || day > 31 || num(s[6:9]) == 0 {
		return false
	}
	base, key := num(s[:9]), num(s[9:])
	return 97-base%97 == key || 97-(2000000000+base)%97 == key
}

// ptNIFValid checks a Portuguese personal tax number (NIF, número de
// contribuinte): 9 digits starting with 1, 2 or 3 (individuals) or 45
// (non-residents), mod-11 check digit with weights 9..2 (Autoridade
// Tributária, Decreto-Lei 463/79).
func ptNIFValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || !digitsOnly(s) || sameBytes(s[1:]) {
		return false
	}
	if s[0] != '1' && s[0] != '2' && s[0] != '3' && (s[0] != '4' || s[1] != '5') {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		sum += (9 - i) * int(s[i]-'0')
	}
	check := 11 - sum%11
	if check >= 10 {
		check = 0
	}
	return check == int(s[8]-'0')
}

// ptCCValid checks the document number of a Portuguese citizen card (Cartão
// de Cidadão): the 8-digit civil identification number and its check digit,
// two version letters and a check digit over all twelve characters, letters
// counting 10 (A) to 35 (Z) and every second value from the right doubled
// as in Luhn; the sum must be a multiple of 10 (AMA, Cartão de Cidadão,
// validação do número de documento).
func ptCCValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 12 || !digitsOnly(s[:9]) || !isUpperByte(s[9]) || !isUpperByte(s[10]) ||
		!isDigitByte(s[11]) || sameBytes(s[:8]) {
		return false
	}
	sum := 0
	for i := range 12 {
		c := s[11-i]
		n := int(c - '0')
		if c >= 'A' {
			n = int(c-'A') + 10
		}
		if i%2 == 1 {
			if n *= 2; n >= 10 {
				n -= 9
			}
		}
		sum += n
	}
	return sum%10 == 0
}

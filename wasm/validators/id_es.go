package validators

func init() {
	registerFunc("es_dni", dniValid)
	registerFunc("es_nie", nieValid)
	registerFunc("es_nss", nssValid)
}

// dniLetters maps the number mod 23 to its control letter (Ministerio del
// Interior, Real Decreto 1553/2005; AEAT uses the same table for NIFs).
const dniLetters = "TRWAGMYFPDXBNJZSQVHLCKE"

// dniValid checks a Spanish DNI (7 or 8 digits and the control letter) and
// the personal NIF variants K, L and M (Spaniards under 14, residents
// abroad, foreigners without NIE: a letter, 7 digits and the same control
// letter), as defined by AEAT (Orden EHA/451/2008).
func dniValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) < 8 || len(s) > 9 {
		return false
	}
	if s[0] == 'K' || s[0] == 'L' || s[0] == 'M' {
		if len(s) != 9 {
			return false
		}
		s = s[1:]
	}
	body, letter := s[:len(s)-1], s[len(s)-1]
	if !digitsOnly(body) || sameBytes(body) && body[0] == '0' {
		return false
	}
	return dniLetters[num(body)%23] == letter
}

// nieValid checks a foreigner's number (NIE): X, Y or Z (read as 0, 1, 2),
// 7 digits and the DNI control letter (Orden INT/2058/2008).
func nieValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || s[0] < 'X' || s[0] > 'Z' || !digitsOnly(s[1:8]) {
		return false
	}
	n := int(s[0]-'X')*10000000 + num(s[1:8])
	return dniLetters[n%23] == s[8]
}

// nssValid checks a Spanish social security number (número de afiliación,
// NSS): a 2-digit province (01-53, or 66-99 for numbers given by other
// bodies), an 8-digit serial and 2 check digits, the remainder mod 97 of
// province and serial read as one number; a serial under 10,000,000 is read
// without its leading zero (TGSS, as its own forms compute it).
func nssValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 12 || !digitsOnly(s) {
		return false
	}
	prov, serial := num(s[:2]), num(s[2:10])
	if prov == 0 || prov > 53 && prov < 66 || serial == 0 || sameBytes(s[2:10]) {
		return false
	}
	n := prov*100000000 + serial
	if serial < 10000000 {
		n = prov*10000000 + serial
	}
	return n%97 == num(s[10:])
}

package validators

func init() {
	registerFunc("passport_shape", passportShape)
}

// passportShape checks a passport number of the ICAO Doc 9303 document
// number field as many countries issue it (the Netherlands and Belgium
// among them): 8 or 9 letters and digits mixing both, not one character
// repeated. Rules use it only next to a passport keyword.
func passportShape(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) < 8 || len(s) > 9 || sameBytes(s) {
		return false
	}
	letter, digit := false, false
	for _, c := range s {
		letter = letter || isUpperByte(c)
		digit = digit || isDigitByte(c)
	}
	return letter && digit
}

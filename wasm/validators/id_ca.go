package validators

func init() {
	registerFunc("ca_sin", sinValid)
}

// sinValid checks a Canadian Social Insurance Number (Service Canada, the
// "numéro d'assurance sociale" or NAS): nine digits with a Luhn check digit,
// the first naming the region of issue (1-7) or a temporary resident (9);
// 0 is kept for fictitious numbers and 8 for business numbers.
func sinValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || !digitsOnly(s) || s[0] == '0' || s[0] == '8' {
		return false
	}
	return luhnValid(s)
}

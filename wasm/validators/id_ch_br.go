package validators

func init() {
	registerFunc("ch_avs", avsValid)
	registerFunc("br_cpf", cpfValid)
}

// avsValid checks a Swiss social insurance number (AHV/AVS number, since
// 2008): 13 digits starting with 756, the ISO 3166 code of Switzerland,
// whose last digit is the EAN-13 check digit (weights 1 and 3 from the
// left; Federal Social Insurance Office, AHVG art. 50c).
func avsValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 13 || !digitsOnly(s) || string(s[:3]) != "756" || sameBytes(s[3:12]) {
		return false
	}
	sum := 0
	for i, c := range s[:12] {
		sum += int(c-'0') * (1 + 2*(i%2))
	}
	return (10-sum%10)%10 == int(s[12]-'0')
}

// cpfValid checks a Brazilian individual taxpayer number (CPF): 9 digits
// and two mod-11 check digits, weights 10..2 for the first and 11..2 for
// the second (Receita Federal, IN RFB 1548/2015).
func cpfValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 11 || !digitsOnly(s) || sameBytes(s) {
		return false
	}
	for _, n := range [2]int{9, 10} {
		sum := 0
		for i := range n {
			sum += int(s[i]-'0') * (n + 1 - i)
		}
		if sum*10%11%10 != int(s[n]-'0') {
			return false
		}
	}
	return true
}

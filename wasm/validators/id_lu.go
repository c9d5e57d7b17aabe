package validators

func init() {
	registerFunc("lu_matricule", luMatriculeValid)
}

// luMatriculeValid checks a Luxembourg national identification number
// (matricule, 13 digits since 2014): the date of birth as YYYYMMDD, three
// digits, then a Luhn check digit and a Verhoeff check digit, each computed
// over the first eleven (Règlement grand-ducal du 21 décembre 2013; CCSS).
func luMatriculeValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 13 || !digitsOnly(s) {
		return false
	}
	year := num(s[:4])
	if year < 1900 || year > 2099 || !validDate(year, num(s[4:6]), num(s[6:8])) {
		return false
	}
	var verhoeff [12]byte
	copy(verhoeff[:], s[:11])
	verhoeff[11] = s[12]
	return luhnValid(s[:12]) && verhoeffValid(verhoeff[:])
}

// verhoeffValid reports whether d, digits, ends with the Verhoeff check
// digit of the digits before it (dihedral group D5; Verhoeff, 1969).
func verhoeffValid(d []byte) bool {
	c := 0
	for i := range d {
		c = verhoeffD[c][verhoeffP[i%8][d[len(d)-1-i]-'0']]
	}
	return c == 0
}

var verhoeffD = [10][10]int{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
	{1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
	{2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
	{3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
	{4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
	{5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
	{6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
	{7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
	{8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
	{9, 8, 7, 6, 5, 4, 3, 2, 1, 0},
}

var verhoeffP = [8][10]int{
	{0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
	{1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
	{5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
	{8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
	{9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
	{4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
	{2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
	{7, 0, 4, 6, 9, 1, 3, 2, 5, 8},
}

package validators

func init() {
	registerFunc("ie_ppsn", ppsnValid)
}

// ppsnValid checks an Irish Personal Public Service Number (Revenue, "PPSN
// format"): seven digits, a check letter and, since 2013, a second letter
// (A, B or H; W on older wives' numbers). The check is the sum of the
// digits weighted 8 to 2, plus 9 times the second letter's value (A=1,
// W=0), modulo 23, written as a letter (0 is W).
func ppsnValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) < 8 || len(s) > 9 || !digitsOnly(s[:7]) || sameBytes(s[:7]) {
		return false
	}
	sum := 0
	for i := range 7 {
		sum += (8 - i) * int(s[i]-'0')
	}
	if len(s) == 9 {
		switch s[8] {
		case 'A', 'B', 'H':
			sum += 9 * int(s[8]-'A'+1)
		case 'W':
		default:
			return false
		}
	}
	check := byte('W')
	if r := sum % 23; r > 0 {
		check = byte('A' + r - 1)
	}
	return s[7] == check
}

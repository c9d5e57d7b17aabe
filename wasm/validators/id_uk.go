package validators

func init() {
	registerFunc("uk_nino", ninoValid)
	registerFunc("uk_nhs", nhsValid)
	registerFunc("uk_driving_licence", ukDrivingLicenceValid)
}

// ninoValid checks a UK National Insurance number (HMRC National Insurance
// Manual NIM39110): two prefix letters, six digits and a suffix A-D. The
// first letter is never D F I Q U V, the second never D F I Q U V O, and
// the prefixes BG GB NK KN TN NT ZZ are not allocated.
func ninoValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 9 || !isUpperByte(s[0]) || !isUpperByte(s[1]) || !digitsOnly(s[2:8]) {
		return false
	}
	if s[8] < 'A' || s[8] > 'D' {
		return false
	}
	for i := 0; i < 2; i++ {
		switch s[i] {
		case 'D', 'F', 'I', 'Q', 'U', 'V':
			return false
		}
	}
	if s[1] == 'O' {
		return false
	}
	switch string(s[:2]) {
	case "BG", "GB", "NK", "KN", "TN", "NT", "ZZ":
		return false
	}
	return true
}

// nhsValid checks an NHS number (NHS Data Dictionary, "NHS Number"): 10
// digits, weights 10..2 on the first nine, check = 11 - (sum mod 11), 11
// meaning 0 and 10 never issued. Written without spaces and starting with
// 0, ten digits are a French phone number far more often than a Scottish
// CHI number, so that form is refused; grouped 3-3-4 it is accepted.
func nhsValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 10 || !digitsOnly(s) || sameBytes(s) || s[0] == '0' && (!hasSeparator(v) || !chiDate(s)) {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += (10 - i) * int(s[i]-'0')
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(s[9]-'0')
}

// chiDate reports whether s, ten digits, starts with a day and a month, as
// Scotland's CHI numbers do (DDMMYY…): the only ones that start with 0. A
// number laid out 3-3-4 without them is a phone ("055 804 5170", Florence).
func chiDate(s []byte) bool {
	day := int(s[0]-'0')*10 + int(s[1]-'0')
	month := int(s[2]-'0')*10 + int(s[3]-'0')
	return day >= 1 && day <= 31 && month >= 1 && month <= 12
}

// ukDrivingLicenceValid checks a GB driving licence number (DVLA, as
// described in the "Driving licence number" guidance): five characters of
// the surname padded with 9, the decade digit, birth month (+50 for women),
// day, year digit, two initials (9 when absent), a digit and two check
// letters.
func ukDrivingLicenceValid(v string) bool {
	var buf idBuf
	s, ok := squeeze(v, &buf)
	if !ok || len(s) != 16 || !isUpperByte(s[0]) {
		return false
	}
	pad := false
	for _, c := range s[1:5] {
		switch {
		case c == '9':
			pad = true
		case isUpperByte(c) && !pad:
		default:
			return false
		}
	}
	if !digitsOnly(s[5:11]) {
		return false
	}
	month, day := num(s[6:8]), num(s[8:10])
	if month > 50 {
		month -= 50
	}
	if !validDate(2000, month, day) {
		return false
	}
	for _, c := range s[11:13] {
		if c != '9' && !isUpperByte(c) {
			return false
		}
	}
	return isDigitByte(s[13]) && isUpperByte(s[14]) && isUpperByte(s[15])
}

package validators

func init() {
	registerFunc("plate_fr", plateFR)
	registerFunc("plate_uk", plateUK)
	registerFunc("plate_de", plateDE)
	registerFunc("plate", plateAny)
}

// plateFR checks a French SIV number "AB-123-CD" (arrêté du 9 février 2009
// fixant les caractéristiques des plaques): letters I, O and U are never
// used (the pattern already excludes them), "SS" is not issued in either
// letter block and the number block runs from 001 to 999.
func plateFR(v string) bool {
	s := alnumUpper(v)
	if len(s) != 7 {
		return false
	}
	return s[:2] != "SS" && s[5:] != "SS" && s[2:5] != "000"
}

// plateUK checks a current-format British registration "AB51 ABC" (DVLA
// INF104, since 2001): the first letter is a region, the two digits an age
// identifier (02–29 for March issues, 51–79 for September issues), and the
// last three letters never use I or Q.
func plateUK(v string) bool {
	s := alnumUpper(v)
	if len(s) != 7 {
		return false
	}
	for _, c := range []byte{s[0], s[1], s[4], s[5], s[6]} {
		if c < 'A' || c > 'Z' || c == 'I' || c == 'Q' {
			return false
		}
	}
	if s[0] == 'Z' || s[2] < '0' || s[2] > '9' || s[3] < '0' || s[3] > '9' {
		return false
	}
	age := int(s[2]-'0')*10 + int(s[3]-'0')
	return age >= 2 && age <= 29 || age >= 51 && age <= 79
}

// plateDE checks a German number "B-MW 1234" (Fahrzeug-Zulassungsverordnung
// § 8): district code of 1–3 letters, 1–2 letters, a number 1–9999 without
// leading zero, optional E (electric) or H (historic). The regulation allows
// 8 characters besides that suffix; 9 are accepted because people and test
// suites ("MIL EF 1234E") write such numbers.
func plateDE(v string) bool {
	s := alnumUpper(v)
	if n := len(s); n > 0 && (s[n-1] == 'E' || s[n-1] == 'H') && n >= 2 && s[n-2] >= '0' && s[n-2] <= '9' {
		s = s[:n-1]
	}
	i := 0
	for i < len(s) && s[i] >= 'A' && s[i] <= 'Z' {
		i++
	}
	if i < 2 || i > 5 || len(s) > 9 || i == len(s) || len(s)-i > 4 || s[i] == '0' {
		return false
	}
	return allDigits(s[i:])
}

// plateAny is the check shared by the other plate formats: at least four
// characters (the shortest, "K1 ABC"-like, have five), letters in one case
// (a plate is typed in capitals or in lower case, "dCi de 2018" is a car's
// engine and year), digits that are not all zeros and letters that are not
// one repeated letter ("XX-000-XX" placeholders).
func plateAny(v string) bool {
	s := alnumUpper(v)
	if len(s) < 4 || mixedCase(v) || hourAtEnd(v) {
		return false
	}
	var letters, nums []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' {
			letters = append(letters, s[i])
		} else {
			nums = append(nums, s[i])
		}
	}
	return len(nums) > 0 && len(letters) > 0 && !allSameByte(nums, '0') &&
		!(len(letters) > 2 && allSame(string(letters)))
}

// hourAtEnd reports whether v ends with a time written in lower case after
// a word ("a partir das 16h"), which the old British shape "ABC 123D" would
// read as a plate.
func hourAtEnd(v string) bool {
	n := len(v)
	return n >= 2 && v[n-1] == 'h' && v[n-2] >= '0' && v[n-2] <= '9'
}

func allSameByte(b []byte, c byte) bool {
	for _, x := range b {
		if x != c {
			return false
		}
	}
	return true
}

// mixedCase reports whether v holds both upper- and lower-case ASCII letters.
func mixedCase(v string) bool {
	upper, lower := false, false
	for i := 0; i < len(v); i++ {
		upper = upper || v[i] >= 'A' && v[i] <= 'Z'
		lower = lower || v[i] >= 'a' && v[i] <= 'z'
	}
	return upper && lower
}

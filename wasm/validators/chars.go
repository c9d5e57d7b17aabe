package validators

// Helpers shared by validators: values arrive as written ("FR76 3000 6000…",
// "1 85 05 78 006 084 36"), so most checks first keep only letters and digits.

// alnumUpper keeps ASCII letters (upper-cased) and digits.
func alnumUpper(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9', 'A' <= c && c <= 'Z':
			b = append(b, c)
		case 'a' <= c && c <= 'z':
			b = append(b, c-'a'+'A')
		}
	}
	return string(b)
}

// digits keeps the ASCII digits of s.
func digits(s string) string {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if '0' <= s[i] && s[i] <= '9' {
			b = append(b, s[i])
		}
	}
	return string(b)
}

// allDigits reports whether s is non-empty and only ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// allSame reports whether every byte of s is the same (000000, 1111…):
// placeholders, not identifiers.
func allSame[T string | []byte](s T) bool {
	for i := 1; i < len(s); i++ {
		if s[i] != s[0] {
			return false
		}
	}
	return len(s) > 0
}

// sequential reports whether s is an ascending or descending run of digits
// (123456789, 98765): typed as examples, not real values.
func sequential[T string | []byte](s T) bool {
	if len(s) < 4 {
		return false
	}
	up, down := true, true
	for i := 1; i < len(s); i++ {
		d := int(s[i]) - int(s[i-1])
		up = up && (d == 1 || s[i-1] == '9' && s[i] == '0')
		down = down && d == -1
	}
	return up || down
}

// luhnValid is the Luhn mod-10 check (ISO/IEC 7812-1) over ASCII digits,
// given as a string or as bytes.
func luhnValid[T string | []byte](d T) bool {
	if len(d) < 2 {
		return false
	}
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}

// digitGroups writes the lengths of the runs of ASCII digits in v to gs and
// returns how many runs there are, or -1 when there are more than gs holds,
// and whether the bytes between one run and the next are the same each
// time ("4970 1012 3456 7893", not "4970 1012-3456 7893").
func digitGroups(v string, gs []int) (n int, oneSep bool) {
	oneSep = true
	sep := ""
	for i := 0; i < len(v); {
		j := i
		for j < len(v) && !isDigitByte(v[j]) {
			j++
		}
		if n > 0 && j < len(v) {
			switch {
			case sep == "":
				sep = v[i:j]
			case v[i:j] != sep:
				oneSep = false
			}
		}
		k := j
		for k < len(v) && isDigitByte(v[k]) {
			k++
		}
		if k > j {
			if n == len(gs) {
				return -1, oneSep
			}
			gs[n] = k - j
			n++
		}
		i = k
	}
	return n, oneSep
}

package validators

// Helpers shared by the national-id validators. They work on a fixed-size
// buffer so that a check allocates nothing: ids are at most a few dozen
// characters, and validators run on every candidate of every scan.

// idBuf holds a squeezed id; no national id in this package is longer.
type idBuf [24]byte

// squeeze copies the ASCII letters (upper-cased) and digits of v into b and
// returns them, dropping the spaces, dots, dashes, slashes and no-break
// spaces people write between groups. ok is false when v holds more
// alphanumerics than b can take.
func squeeze(v string, b *idBuf) (s []byte, ok bool) {
	n := 0
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case '0' <= c && c <= '9', 'A' <= c && c <= 'Z':
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		default:
			continue
		}
		if n == len(b) {
			return nil, false
		}
		b[n] = c
		n++
	}
	return b[:n], true
}

// hasSeparator reports whether v holds a byte other than an ASCII letter or
// digit (the value was written in groups).
func hasSeparator(v string) bool {
	for i := 0; i < len(v); i++ {
		if !isAlnumByte(v[i]) {
			return true
		}
	}
	return false
}

func isAlnumByte(c byte) bool {
	return '0' <= c && c <= '9' || 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z'
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

func isUpperByte(c byte) bool { return 'A' <= c && c <= 'Z' }

// digitsOnly reports whether b is non-empty and only ASCII digits.
func digitsOnly(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	for _, c := range b {
		if !isDigitByte(c) {
			return false
		}
	}
	return true
}

// num parses the ASCII digits b (the caller checked them) as an integer.
func num(b []byte) int {
	n := 0
	for _, c := range b {
		n = n*10 + int(c-'0')
	}
	return n
}

// sameBytes reports whether every byte of b is the same (placeholders such
// as 000000000).
func sameBytes(b []byte) bool {
	for i := 1; i < len(b); i++ {
		if b[i] != b[0] {
			return false
		}
	}
	return len(b) > 0
}

// validDate checks a calendar date, leap years included (Gregorian rules).
func validDate(year, month, day int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month]
	if month == 2 && year%4 == 0 && (year%100 != 0 || year%400 == 0) {
		days = 29
	}
	return day <= days
}

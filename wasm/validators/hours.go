package validators

import "strings"

func init() {
	registerNear("opening_hours", openingHoursNear)
}

// openingHoursNear reports a time range on either side of a value: an
// office or a shop gives its number with the hours it answers ("au 05 56
// 32 18 40 (mercredi et samedi 14h-18h)", "lun-ven 9-12, tel. 0471…",
// "(Mon-Fri 9-12)"); a person rarely does.
func openingHoursNear(before, after string) bool {
	return hasTimeRange(before) || hasTimeRange(after)
}

// hasTimeRange reports whether s holds a time range: two times of day, the
// second later, joined by a dash or a word ("14h-18h", "8:30–12:30", "de 10
// a 14h", "9 bis 12 Uhr", "dalle 9.30 alle 12.30"). A bare "9-12" counts
// only after a range of days ("Mon-Fri 9-12", "lun-ven 9-12"): alone it may
// be ages, a score or a page range. A range followed by a currency is a
// price ("5.50-6.50 €").
func hasTimeRange(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) || i > 0 && (isDigitByte(s[i-1]) || isASCIILetter(s[i-1])) {
			continue
		}
		from, marked, j := clockAt(s, i)
		if j < 0 {
			continue
		}
		if j = rangeJoin(s, j); j < 0 {
			continue
		}
		to, marked2, k := clockAt(s, j)
		if k < 0 || to <= from {
			continue
		}
		rest := s[skipSpaces(s, k):]
		if strings.HasPrefix(rest, "€") || strings.HasPrefix(rest, "£") || rest != "" && (rest[0] == '$' || rest[0] == '%') {
			continue
		}
		if marked || marked2 || hourWord(rest) || daysBefore(s[:i]) {
			return true
		}
	}
	return false
}

// clockAt reads a time of day at i: an hour (0–24) of one or two digits,
// then optionally h (or " h") with minutes, or ':' or '.' and two digits of
// minutes. It returns the time in minutes, whether it was written as one
// (marked: 9h, 9 h, 9:30, 9.30, not a bare 9), and where it ends, or -1.
func clockAt(s string, i int) (int, bool, int) {
	j, h := i, 0
	for j < len(s) && j-i < 2 && isDigitByte(s[j]) {
		h = h*10 + int(s[j]-'0')
		j++
	}
	if j == i || j < len(s) && isDigitByte(s[j]) || h > 24 {
		return 0, false, -1
	}
	k := j
	if k+1 < len(s) && s[k] == ' ' {
		k++
	}
	if k < len(s) && s[k]|0x20 == 'h' {
		k++
		if m, ok := minutesAt(s, k); ok {
			return 60*h + m, true, k + 2
		}
		switch {
		case k < len(s) && isASCIILetter(s[k]) && k == j+1:
			return 0, false, -1 // "3heures", "2hrs": a duration
		case k < len(s) && isASCIILetter(s[k]):
			return 60 * h, false, j // "12 heures": see hourWord
		}
		return 60 * h, true, k
	}
	if j+1 < len(s) && (s[j] == ':' || s[j] == '.') {
		if m, ok := minutesAt(s, j+1); ok && (j+3 == len(s) || !isDigitByte(s[j+3])) {
			return 60*h + m, true, j + 3
		}
	}
	return 60 * h, false, j
}

// minutesAt reads two digits of minutes (00–59) at i.
func minutesAt(s string, i int) (int, bool) {
	if i+1 >= len(s) || !isDigitByte(s[i]) || !isDigitByte(s[i+1]) {
		return 0, false
	}
	m := int(s[i]-'0')*10 + int(s[i+1]-'0')
	return m, m < 60
}

// rangeJoins are the words between the two times of a range.
var rangeJoins = []string{"-", "–", "—", "à", "a", "au", "bis", "tot", "to", "till", "until",
	"alle", "às", "as", "et", "and", "und", "y", "e", "en"}

// hourWords name hours after a range ("9-12 Uhr").
var hourWords = []string{"uhr", "uur", "h", "hrs", "horas", "hours", "heures", "ore"}

// rangeJoin reads the dash or the word joining two times at i and returns
// where the second time starts, or -1.
func rangeJoin(s string, i int) int {
	i = skipSpaces(s, i)
	w := wordIn(s[i:], rangeJoins)
	switch {
	case w == 0:
		return -1
	case s[i] != '-' && s[i] != 0xE2 && (i+w == len(s) || s[i+w] != ' ' && s[i+w] != 0xC2):
		return -1 // a word is followed by a space; a dash (E2: – or —) need not be
	}
	return skipSpaces(s, i+w)
}

// hourWord reports whether s starts with a word for hours ("9-12 Uhr").
func hourWord(s string) bool { return wordIn(s, hourWords) > 0 }

// wordIn returns the length of the word of words (ASCII case folded) that
// starts s and is not followed by an ASCII letter, or 0. A dash is a word.
func wordIn(s string, words []string) int {
	for _, w := range words {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) && (len(s) == len(w) || !isASCIILetter(s[len(w)])) {
			return len(w)
		}
	}
	return 0
}

// daysBefore reports whether s ends with a range of days ("Mon-Fri ",
// "lun.-ven. ", "Mo–Do "): two words of one to four ASCII letters, each
// perhaps with a dot, joined by a dash.
func daysBefore(s string) bool {
	for n := 0; n < 2; n++ {
		s = strings.TrimSuffix(strings.TrimRight(s, " \u00a0"), ".")
		w := len(s)
		for w > 0 && len(s)-w < 5 && isASCIILetter(s[w-1]) {
			w--
		}
		if w == len(s) || len(s)-w > 4 || w > 0 && isASCIILetter(s[w-1]) {
			return false
		}
		s = s[:w]
		if n == 0 {
			s = strings.TrimSuffix(s, ".")
			switch {
			case strings.HasSuffix(s, "-"):
				s = s[:len(s)-1]
			case strings.HasSuffix(s, "–"):
				s = s[:len(s)-len("–")]
			default:
				return false
			}
		}
	}
	return true
}

func skipSpaces(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == ' ':
			i++
		case strings.HasPrefix(s[i:], "\u00a0"):
			i += len("\u00a0")
		default:
			return i
		}
	}
	return i
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

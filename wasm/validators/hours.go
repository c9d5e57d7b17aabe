package validators

import (
	"errors"
	"strconv"
	"strings"
)

// A NearCheck looks at the text just before and just after a value (a few
// dozen bytes each side), not at the value: a rule that names one drops
// the values it reports, as veto words do (engine.Rule.VetoNear).
type NearCheck func(before, after string) bool

var nearChecks = map[string]NearCheck{
	"opening_hours": openingHoursNear,
}

// NewNear returns the near check called name.
func NewNear(name string) (NearCheck, error) {
	f, ok := nearChecks[name]
	if !ok {
		return nil, errors.New("unknown near check " + strconv.Quote(name))
	}
	return f, nil
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
		from, end, ok := clockTime(s, i)
		if !ok {
			continue
		}
		j, ok := rangeJoin(s, end)
		if !ok {
			continue
		}
		to, end2, ok := clockTime(s, j)
		if !ok || to.minutes <= from.minutes || end2 < len(s) && isDigitByte(s[end2]) {
			continue
		}
		rest := strings.TrimLeft(s[end2:], " \u00a0")
		if startsWithAny(rest, "€", "$", "£", "eur", "EUR", "%") {
			continue
		}
		if from.marked || to.marked || startsWithWord(rest, "uhr", "uur", "h", "hrs", "horas", "hours", "heures") ||
			daysBefore(s[:i]) {
			return true
		}
	}
	return false
}

// clock is a time of day; marked says it was written as one (9h, 9h30,
// 9:30, 9.30), not as a bare number.
type clock struct {
	minutes int
	marked  bool
}

// clockTime reads a time of day at i: an hour of one or two digits (0–24),
// then h with optional minutes, or ':' or '.' and two digits of minutes.
func clockTime(s string, i int) (clock, int, bool) {
	j := i
	h := 0
	for j < len(s) && j-i < 2 && isDigitByte(s[j]) {
		h = h*10 + int(s[j]-'0')
		j++
	}
	if j == i || j < len(s) && isDigitByte(s[j]) || h > 24 {
		return clock{}, 0, false
	}
	c := clock{minutes: 60 * h}
	switch {
	case j < len(s) && (s[j] == 'h' || s[j] == 'H'):
		j++
		if m, ok := twoDigits(s, j); ok {
			c.minutes += m
			j += 2
		} else if j < len(s) && isASCIILetter(s[j]) {
			return clock{}, 0, false // "9hrs", "3heures": a duration
		}
		c.marked = true
	case j+2 < len(s) && (s[j] == ':' || s[j] == '.'):
		if m, ok := twoDigits(s, j+1); ok && (j+3 == len(s) || !isDigitByte(s[j+3])) {
			c.minutes += m
			c.marked = true
			j += 3
		}
	}
	return c, j, true
}

// twoDigits reads minutes (00–59) at i.
func twoDigits(s string, i int) (int, bool) {
	if i+1 >= len(s) || !isDigitByte(s[i]) || !isDigitByte(s[i+1]) {
		return 0, false
	}
	m := int(s[i]-'0')*10 + int(s[i+1]-'0')
	return m, m < 60
}

// rangeJoins are the words between the two times of a range, in the
// product's languages.
var rangeJoins = []string{"à", "a", "au", "bis", "tot", "to", "till", "until", "alle", "às", "as", "et", "and", "und", "y", "e", "en"}

// rangeJoin reads the dash or word joining two times at i and returns
// where the second time starts.
func rangeJoin(s string, i int) (int, bool) {
	i = skipSpaces(s, i)
	switch {
	case strings.HasPrefix(s[i:], "-"):
		return skipSpaces(s, i+1), true
	case strings.HasPrefix(s[i:], "–"), strings.HasPrefix(s[i:], "—"):
		return skipSpaces(s, i+len("–")), true
	}
	for _, w := range rangeJoins {
		if startsWithWord(s[i:], w) {
			return skipSpaces(s, i+len(w)), true
		}
	}
	return 0, false
}

// daysBefore reports whether s ends with a range of days ("Mon-Fri ",
// "lun.-ven. ", "Mo–Do "): two words of one to four letters joined by a
// dash.
func daysBefore(s string) bool {
	s = strings.TrimRight(s, " \u00a0")
	second := lettersAtEnd(strings.TrimSuffix(s, "."))
	if second == 0 {
		return false
	}
	s = strings.TrimSuffix(s, ".")
	s = s[:len(s)-second]
	switch {
	case strings.HasSuffix(s, "-"):
		s = s[:len(s)-1]
	case strings.HasSuffix(s, "–"):
		s = s[:len(s)-len("–")]
	default:
		return false
	}
	s = strings.TrimSuffix(s, ".")
	first := lettersAtEnd(s)
	return first > 0 && (first == len(s) || !isASCIILetter(s[len(s)-first-1]))
}

// lettersAtEnd returns the length of the run of one to four ASCII letters
// that ends s, or 0 (none, or a longer word).
func lettersAtEnd(s string) int {
	n := 0
	for n < len(s) && isASCIILetter(s[len(s)-1-n]) {
		n++
	}
	if n > 4 {
		return 0
	}
	return n
}

// startsWithWord reports whether s starts with one of words (ASCII case
// folded) followed by a byte that is no letter or digit.
func startsWithWord(s string, words ...string) bool {
	for _, w := range words {
		if len(s) >= len(w) && strings.EqualFold(s[:len(w)], w) &&
			(len(s) == len(w) || !isLetterByte(s[len(w)]) && !isDigitByte(s[len(w)])) {
			return true
		}
	}
	return false
}

func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func skipSpaces(s string, i int) int {
	for {
		switch {
		case i < len(s) && s[i] == ' ':
			i++
		case strings.HasPrefix(s[i:], "\u00a0"):
			i += len("\u00a0")
		default:
			return i
		}
	}
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// isLetterByte reports an ASCII letter or any byte of a non-ASCII rune: a
// word's end is checked with it ("à" after "a" is no word boundary).
func isLetterByte(c byte) bool { return isASCIILetter(c) || c >= 0x80 }

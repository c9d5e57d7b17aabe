package validators

func init() {
	registerFunc("date", dateValid)
	registerFunc("date_ancestor", ancestorDateValid)
}

// Birth years accepted in four-digit form: later ones are not yet a birth
// date. Genealogy posts give great-grandparents' births ("né le 2 mars 1889
// à Plougastel"), which posts label as birth dates; before 1880 a birth is
// a historical figure's more often than an ancestor's.
// A genealogy post's own rule (date-of-birth-genealogy) accepts births back
// to minAncestorYear.
const (
	minBirthYear    = 1880
	minAncestorYear = 1700
	maxBirthYear    = 2026
)

// monthNames maps accent-folded, lower-case month names and usual
// abbreviations of the seven product languages to their number.
var monthNames = map[string]int{
	// fr
	"janvier": 1, "janv": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3, "avril": 4, "avr": 4,
	"mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8, "septembre": 9, "octobre": 10,
	"novembre": 11, "decembre": 12, "dec": 12,
	// en
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
	"may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
	"sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
	// de
	"januar": 1, "janner": 1, "februar": 2, "marz": 3, "maerz": 3, "juni": 6, "juli": 7,
	"oktober": 10, "okt": 10, "dezember": 12, "dez": 12,
	// es
	"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
	"agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
	// it
	"gennaio": 1, "febbraio": 2, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7,
	"settembre": 9, "ottobre": 10, "dicembre": 12,
	// nl
	"januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
	// pt
	"janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
	"setembro": 9, "outubro": 10, "novembro": 11, "dezembro": 12,
}

// dateValid accepts a calendar date as written in a birth statement:
// numeric day-month-year ("12/03/1985", "12.03.85"; month-day-year when only
// that reading is valid), ISO year-month-day ("1985-03-12") or with a month
// name ("3 mars 1990", "March 3rd, 1990", "3. März 1990",
// "3 de marzo de 1990"). Days are checked against the month length (leap
// years included); a four-digit year must lie in 1880–2026.
func dateValid(v string) bool { return dateSince(v, minBirthYear) }

// ancestorDateValid is dateValid with four-digit years from 1700, for the
// births genealogy posts give.
func ancestorDateValid(v string) bool { return dateSince(v, minAncestorYear) }

// dateSince is dateValid with four-digit years from minYear.
func dateSince(v string, minYear int) bool {
	var nums [3]int
	var width [3]int
	n, month := 0, 0
	var word [12]byte
	for i := 0; i < len(v); {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			val, w := 0, 0
			for i < len(v) && v[i] >= '0' && v[i] <= '9' {
				val = val*10 + int(v[i]-'0')
				w++
				i++
			}
			if n == 3 || w > 4 {
				return false
			}
			nums[n], width[n] = val, w
			n++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80:
			wl, size := foldWord(v[i:], word[:])
			i += size
			if wl == 0 { // a non-letter multi-byte rune (º, emoji…)
				i++
				continue
			}
			if m, ok := monthNames[string(word[:min(wl, len(word))])]; ok && wl <= len(word) {
				if month != 0 {
					return false
				}
				month = m
			}
		default:
			i++
		}
	}
	var d, m, y, yw int
	switch {
	case month != 0 && n == 2:
		// The year is the four-digit number; the day is the other one.
		switch {
		case width[1] == 4 && width[0] <= 2:
			d, y, yw = nums[0], nums[1], 4
		case width[0] == 4 && width[1] <= 2:
			d, y, yw = nums[1], nums[0], 4
		default:
			return false
		}
		m = month
	case month == 0 && n == 3:
		switch {
		case width[0] == 4 && width[1] <= 2 && width[2] <= 2:
			y, m, d, yw = nums[0], nums[1], nums[2], 4
		case width[0] <= 2 && width[1] <= 2 && (width[2] == 4 || width[2] == 2):
			d, m, y, yw = nums[0], nums[1], nums[2], width[2]
			if m > 12 && d <= 12 {
				d, m = m, d // US month/day/year
			}
		default:
			return false
		}
	default:
		return false
	}
	if yw == 4 && (y < minYear || y > maxBirthYear) {
		return false
	}
	if yw == 2 {
		y += 1900 // only leap-year parity matters for two-digit years
	}
	return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(m, y)
}

// daysIn returns the length of month m of year y (Gregorian).
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// foldWord reads the letters at the start of s, folded as foldLatin does,
// into w (those past its length are counted, not kept), and returns how
// many letters and bytes it read.
func foldWord(s string, w []byte) (letters, size int) {
	for size < len(s) {
		r, n := foldLatin(s[size:])
		if r == 0 {
			break
		}
		if letters < len(w) {
			w[letters] = r
		}
		letters++
		size += n
	}
	return letters, size
}

// foldLatin reads one letter at the start of s and returns it lower-cased
// and stripped of its accent (é → e, ß → s, ñ → n, ł → l), with its byte size; it
// returns 0 when s does not start with a letter of the product's languages.
func foldLatin(s string) (byte, int) {
	c := s[0]
	switch {
	case c >= 'a' && c <= 'z':
		return c, 1
	case c >= 'A' && c <= 'Z':
		return c + 'a' - 'A', 1
	case c == 0xC3 && len(s) > 1:
		// Latin-1 Supplement letters U+00C0–U+00FF are C3 80–C3 BF.
		if f := latin1Fold[s[1]&0x3F]; f != 0 {
			return f, 2
		}
	case (c == 0xC4 || c == 0xC5) && len(s) > 1:
		// Latin Extended-A, U+0100–U+017F, is C4 80–C5 BF: the letters
		// of Polish, Czech, Hungarian, Romanian or Turkish names living
		// in the product's countries ("Paweł", "Łukasz", "Şahin").
		if f := latinExtAFold[int(c-0xC4)<<6|int(s[1]&0x3F)]; f != 0 {
			return f, 2
		}
	}
	return 0, 0
}

// latinExtAFold maps U+0100–U+017F to base letters, upper and lower case
// alike; 0 marks the ligatures Ĳ and Œ, two letters each.
var latinExtAFold = [128]byte{
	'a', 'a', 'a', 'a', 'a', 'a', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'c', 'd', 'd', // Ā–ď
	'd', 'd', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'g', 'g', 'g', 'g', // Đ–ğ
	'g', 'g', 'g', 'g', 'h', 'h', 'h', 'h', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', // Ġ–į
	'i', 'i', 0, 0, 'j', 'j', 'k', 'k', 'k', 'l', 'l', 'l', 'l', 'l', 'l', 'l', // İ–Ŀ
	'l', 'l', 'l', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'o', 'o', 'o', 'o', // ŀ–ŏ
	'o', 'o', 0, 0, 'r', 'r', 'r', 'r', 'r', 'r', 's', 's', 's', 's', 's', 's', // Ő–ş
	's', 's', 't', 't', 't', 't', 't', 't', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', // Š–ů
	'u', 'u', 'u', 'u', 'w', 'w', 'y', 'y', 'y', 'z', 'z', 'z', 'z', 'z', 'z', 's', // Ű–ſ
}

// latin1Fold maps the low six bits of the second UTF-8 byte of U+00C0–U+00FF
// to base letters; 0 marks × and ÷. Upper and lower case share a row shift of
// 0x20, so both halves are spelled out.
var latin1Fold = [64]byte{
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', // À–Ï
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 't', 's', // Ð–ß
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', // à–ï
	'd', 'n', 'o', 'o', 'o', 'o', 'o', 0, 'o', 'u', 'u', 'u', 'u', 'y', 't', 'y', // ð–ÿ
}

package validators

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

func init() {
	registerFunc("address", addressValid)
	registerFunc("address_fr", addressFRValid)
	registerFunc("address_south", addressSouthValid)
	registerNear("distance_after", distanceAfter)
}

// distanceUnits are the folded units of time and distance that follow a
// number which is no house number ("zona Piazza Bologna, 5 min dalla
// Sapienza", "Calle Mayor 3 km más allá").
var distanceUnits = map[string]bool{
	"min": true, "mins": true, "minute": true, "minutes": true, "minuti": true, "minutos": true,
	"minuten": true, "km": true, "m": true, "metres": true, "metri": true, "metros": true, "meter": true,
	"meters": true, "miles": true,
}

// distanceAfter is a near check (see NearCheck): it reports whether the
// text right after a value starts with a unit of time or distance, or with
// the cents of a price ("Tarif plein 8,50€"), which makes the value's last
// number a distance or an amount, not a house number.
func distanceAfter(_, after string) bool {
	if len(after) > 1 && (after[0] == ',' || after[0] == '.') && isDigitByte(after[1]) {
		j := 1
		for j < len(after) && j < 3 && isDigitByte(after[j]) {
			j++
		}
		rest := after[skipSpaces(after, j):]
		if strings.HasPrefix(rest, "€") || strings.HasPrefix(rest, "£") || rest != "" && rest[0] == '$' {
			return true
		}
	}
	i := skipSpaces(after, 0)
	var w [8]byte
	n, _ := foldWord(after[i:], w[:])
	if n == 0 || n > len(w) {
		return false
	}
	return distanceUnits[string(w[:n])]
}

// southStreetTypes are Spanish, Catalan, Italian and Portuguese street
// types and abbreviations ("c/", "avda.", "v.le", "p.za"), folded, without
// their dot or slash.
var southStreetTypes = map[string]bool{
	"calle": true, "c": true, "avda": true, "avenida": true, "av": true, "plaza": true, "pza": true,
	"paseo": true, "po": true, "camino": true, "carrer": true, "ronda": true, "travesia": true,
	"via": true, "v": true, "viale": true, "piazza": true, "p": true, "corso": true, "vicolo": true,
	"largo": true, "piazzale": true, "strada": true,
	"rua": true, "r": true, "travessa": true, "tv": true, "praca": true, "alameda": true, "estrada": true,
}

// addressSouthValid checks a type-first address ("Calle Mayor 5",
// "via Roma 10", "Rua Augusta 100"): the first word is a street type, no
// word is one of addressNonStreets, and the name does not run on into a
// sentence (see nameThenSentence).
func addressSouthValid(v string) bool {
	if !addressValid(v) {
		return false
	}
	var w [12]byte
	n, _ := foldWord(v, w[:])
	return n <= len(w) && southStreetTypes[string(w[:n])] && !nameThenSentence(v) && !particleBeforeNumber(v)
}

// beforeNoNumber are the folded words a house number does not follow: the
// particles of a name other than "nº" and its kin, and the prepositions of a
// time or a range ("plaza Mayor de 10:00 a 14:00", "via Roma dalle 18").
var beforeNoNumber = func() map[string]bool {
	m := map[string]bool{"a": true, "alle": true, "dalle": true, "as": true, "desde": true, "hasta": true, "ore": true}
	for _, p := range southParticles {
		switch p {
		case "n", "no", "nr", "num", "numero":
		default:
			m[p] = true
		}
	}
	return m
}()

// particleBeforeNumber reports whether the word just before the house
// number, the first digit of v, is one of beforeNoNumber.
func particleBeforeNumber(v string) bool {
	i := strings.IndexAny(v, "0123456789")
	if i < 0 {
		return false
	}
	for i > 0 && (v[i-1] == ' ' || v[i-1] == ',') {
		i--
	}
	j := i
	for j > 0 && (v[j-1] >= 'a' && v[j-1] <= 'z' || v[j-1] >= 'A' && v[j-1] <= 'Z' || v[j-1] >= 0x80) {
		j--
	}
	var w [8]byte
	n, size := foldWord(v[j:i], w[:])
	return size == i-j && n <= len(w) && beforeNoNumber[string(w[:n])]
}

// southParticles are the lower-case words a southern street name holds
// between capitalised ones ("Via della Repubblica", "Calle de los Reyes",
// "Rua Augusta nº 100"). Folded.
var southParticles = []string{"d", "da", "das", "de", "dei", "degli", "del", "dell", "della",
	"delle", "dello", "di", "do", "dos", "e", "el", "la", "las", "los", "n", "no", "nr", "num",
	"numero", "san", "santa", "santo", "sao", "y"}

// nameThenSentence reports a street name that runs on into a sentence: after
// the street type, a capitalised word, then before the house number a
// lower-case word that is not a particle ("Via Roma chiusa dalle 18"). A
// name typed in lower case throughout ("via roma 25") is not refused.
func nameThenSentence(v string) bool {
	i := strings.IndexByte(v, ' ') // past the street type
	if i < 0 {
		return false
	}
	capital := false
	for i < len(v) {
		c := v[i]
		if c >= '0' && c <= '9' {
			return false // the house number
		}
		if r, _ := foldLatin(v[i:]); r == 0 {
			i++
			continue
		}
		// Latin-1 capitals are C3 80–C3 9E.
		upper := c >= 'A' && c <= 'Z' || c == 0xC3 && v[i+1] < 0x9F
		var w [8]byte
		n, size := foldWord(v[i:], w[:])
		i += size
		switch {
		case upper:
			capital = true
		case capital && (n > len(w) || !slices.Contains(southParticles, string(w[:n]))):
			return true
		}
	}
	return false
}

// frStreetTypes are the French street types ("voies" as in the FANTOIR / BAN
// type list) and their usual abbreviations, folded. The address-fr rule
// leaves the type to this check so its pattern stays small.
var frStreetTypes = map[string]bool{
	"rue": true, "avenue": true, "av": true, "ave": true, "bd": true, "boulevard": true, "blvd": true,
	"chemin": true, "ch": true, "chem": true, "allee": true, "impasse": true, "imp": true, "place": true, "pl": true,
	"route": true, "rte": true, "quai": true, "cours": true, "square": true, "sq": true,
	"lotissement": true, "lot": true, "residence": true, "res": true, "faubourg": true, "fbg": true,
	"passage": true, "sentier": true, "villa": true, "cite": true, "hameau": true, "lieu-dit": true,
	"esplanade": true, "promenade": true, "rond-point": true, "voie": true, "parvis": true,
	"montee": true, "traverse": true, "clos": true, "domaine": true,
}

// addressFRValid checks a French number-first address: after the house
// number and its "bis"/"ter" suffix, the first word must be a street type
// followed by a name with a letter in it,
// no word may be one of addressNonStreets, and the name may not stop on a
// particle ("3 cours de" is what remains of "3 cours de maths" once cut).
func addressFRValid(v string) bool {
	if !addressValid(v) || endsWithParticle(v) {
		return false
	}
	var w [16]byte
	n := 0
	for i := 0; i <= len(v); {
		var r byte
		size := 1
		if i < len(v) {
			r, size = foldLatin(v[i:])
			if r == 0 && v[i] == '-' && n > 0 {
				r, size = '-', 1 // "rond-point", "lieu-dit"
			}
		}
		if r != 0 {
			if n < len(w) {
				w[n] = r
			}
			n++
			i += size
			continue
		}
		if n > 0 {
			word := string(w[:min(n, len(w))])
			switch {
			case n > len(w):
				return false
			case word == "bis" || word == "ter" || word == "quater" || n == 1:
			default:
				// A name follows the type and starts with a letter ("rue du 8
				// Mai"): "14, place 82" and "Voiture 14 place 82" are seats.
				// "ch" for chemin needs its dot: "90 ch Intens" is horsepower.
				if word == "ch" && (i == len(v) || v[i] != '.') {
					return false
				}
				name := strings.TrimLeft(v[i:], ". \t")
				r, _ := utf8.DecodeRuneInString(name)
				return frStreetTypes[word] && unicode.IsLetter(r)
			}
		}
		n = 0
		i++
	}
	return false
}

// addressNonStreets are everyday nouns built like street names
// ("Parkplatz 3", "Rückweg 2 Stunden", "3 cours de maths"): an address
// candidate containing one of them as a word is refused. Folded, lower case.
var addressNonStreets = map[string]bool{
	"parkplatz": true, "arbeitsplatz": true, "sitzplatz": true, "stellplatz": true,
	"spielplatz": true, "campingplatz": true, "startplatz": true, "studienplatz": true,
	"tabellenplatz": true, "aufstiegsplatz": true, "abstiegsplatz": true, "relegationsplatz": true,
	"ruckweg": true, "heimweg": true, "hinweg": true, "umweg": true, "ausweg": true,
	"schulweg": true, "arbeitsweg": true, "sackgasse": true, "einbahnstrasse": true,
	"autobahn": true, "zijweg": true, "terugweg": true, "snelweg": true,
	"maths": true, "math": true, "anglais": true, "francais": true, "piano": true,
	"danse": true, "yoga": true, "essai": true, "essais": true, "sport": true, "cuisine": true, "dessin": true,
	"minutes": true, "min": true, "km": true, "metres": true, "heures": true,
	"parking": true, "cinema": true, "concert": true, "libre": true, "libres": true,
	"dispo": true, "disponible": true, "disponibles": true, "assise": true, "assises": true,
	// "via email 2 fois", "via WhatsApp 3 volte": via as a preposition
	"email": true, "mail": true, "whatsapp": true, "messenger": true, "sms": true,
	"facebook": true, "instagram": true, "internet": true, "telefono": true,
	"mensaje": true, "messaggio": true, "dm": true, "mp": true, "personas": true, "persone": true,
	"website": true, "web": true, "sito": true, "site": true, "app": true, "telefonisch": true,
	"telefoon": true, "telefone": true, "phone": true,
	"interface": true, "minuten": true, "minuti": true, "minutos": true, "posti": true, "tierra": true,
	// Dutch -baan and -vaart words that are no street: a career, a track,
	// shipping ("loopbaan 2015-2024", "scheepvaart 2024").
	"loopbaan": true, "autobaan": true, "ijsbaan": true, "renbaan": true, "startbaan": true,
	"landingsbaan": true, "atletiekbaan": true, "tennisbaan": true, "golfbaan": true, "kartbaan": true,
	"scheepvaart": true, "luchtvaart": true, "ruimtevaart": true, "bedevaart": true,
}

// addressValid refuses address candidates that contain a word of
// addressNonStreets, or a rank or a seat read as a square (see
// rankOrSeat); the rule patterns do the rest of the shaping.
func addressValid(v string) bool {
	if rankOrSeat(v) {
		return false
	}
	// A line may break after the house number ("Lindenallee 7\n04109
	// Leipzig"), not before it: "en la plaza\nViernes 15: paella" is a
	// square, then a day.
	if nl := strings.IndexByte(v, '\n'); nl >= 0 && nl < strings.IndexAny(v, "0123456789") {
		return false
	}
	var w [16]byte
	n := 0
	for i := 0; i <= len(v); {
		var r byte
		size := 1
		if i < len(v) {
			r, size = foldLatin(v[i:])
			if r == 0 && v[i] >= 0x80 {
				_, size = decodeSize(v[i:])
				n = len(w) + 1 // a letter outside the list's alphabet
				i += size
				continue
			}
		}
		if r == 0 {
			if n > 0 && n <= len(w) && (addressNonStreets[string(w[:n])] || nonStreetTail(string(w[:n]))) {
				return false
			}
			n = 0
			i += max(size, 1)
			continue
		}
		if n < len(w) {
			w[n] = r
		}
		n++
		i += size
	}
	return true
}

// nonStreetTail reports whether w is a compound naming a place no one
// lives at: a car park, a playground, a sports ground ("Waldparkplatz",
// "Kinderspielplatz").
func nonStreetTail(w string) bool {
	for _, tail := range [...]string{"parkplatz", "spielplatz", "sportplatz", "stellplatz", "sitzplatz"} {
		if len(w) > len(tail) && strings.HasSuffix(w, tail) {
			return true
		}
	}
	return false
}

// rankOrSeat reports whether v starts with a word and "Platz" written apart
// where that word is no street name's: German capitalizes every noun, so
// "Damit Platz 4 mit 47 Punkten" (a rank) and "Reservierung Platz 55" (a
// seat) have the shape of "Alter Platz 4". A square named apart is named by
// an adjective, "Alter", "Neuer", "Berliner", "Große": the word ends in -e,
// -er, -es, -en or -em.
func rankOrSeat(v string) bool {
	var first, second [16]byte
	n, size := foldWord(v, first[:])
	if n == 0 || n > len(first) || size >= len(v) || v[size] != ' ' {
		return false
	}
	if m, _ := foldWord(v[size+1:], second[:]); string(second[:min(m, len(second))]) != "platz" || m != 5 {
		return false
	}
	w := string(first[:n])
	for _, end := range [...]string{"e", "er", "es", "en", "em"} {
		if strings.HasSuffix(w, end) {
			return false
		}
	}
	return true
}

// endsWithParticle reports whether the last word of v is a particle that
// cannot end a street name (de, du, des, la, le, les, l', d', au, aux).
func endsWithParticle(v string) bool {
	i := len(v)
	for i > 0 && (v[i-1] == ' ' || v[i-1] == '\'') {
		i--
	}
	j := i
	for j > 0 && (v[j-1] >= 'a' && v[j-1] <= 'z' || v[j-1] >= 'A' && v[j-1] <= 'Z') {
		j--
	}
	if j > 0 && v[j-1] >= 0x80 {
		return false // the word goes on with a non-ASCII letter
	}
	for _, p := range [...]string{"de", "du", "des", "la", "le", "les", "l", "d", "au", "aux"} {
		if strings.EqualFold(v[j:i], p) {
			return true
		}
	}
	return false
}

package validators

import "strings"

func init() {
	register("email", func([]byte) (Validator, error) { return emailKinds{}, nil })
	registerFunc("email_spelled", emailSpelled)
}

// emailSpelled checks an address spelled out to dodge harvesters
// ("marie.dupont arobase free point fr", "jane (at) gmail.com"). Written
// with a bare " at " it must not be a phrase that names a website: "pay at
// royalmail-redelivery-uk.com", "available at shop.fr", "find us at
// club.de", "join at mc.server.net". A bracketed "(at)" is always an address.
func emailSpelled(v string) bool {
	i := strings.IndexAny(v, " \t\n([{")
	if i <= 0 {
		return false
	}
	if rest := strings.TrimLeft(v[i:], " \t\n"); rest != "" && strings.IndexByte("([{", rest[0]) >= 0 {
		return true
	}
	// A few digits are the end of a time or an amount ("pay by 23:59 at
	// site.info"), not a mailbox.
	if i <= 4 && strings.Trim(v[:i], "0123456789") == "" {
		return false
	}
	var buf [16]byte
	return !spelledPhraseWords[lowerASCII(buf[:0], v[:i])]
}

// spelledPhraseWords are words that come before "at" and a website in
// prose, never a mailbox's name.
var spelledPhraseWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`pay paid buy bought order ordered book booked booking
		shop shopping sell sold sale available online visit tickets ticket register apply
		signup up in login out it us them now here there today tonight more details info
		stock donate vote found find look listen watch stream live redelivery delivery
		join joined play playing connect hosted located based meet stay eat`) {
		m[w] = true
	}
	return m
}()

// emailKinds is the email validator. It tells an office's role address
// ("info@", "contact@", "pedidos@") from the others, so that the email
// rule's veto words (a post naming a shop, its opening hours or its company
// number) drop a business's own address and spare a person's, as the phone
// rule's veto words spare mobiles.
type emailKinds struct{}

// Valid reports whether v is a well-formed address (see emailValid).
func (emailKinds) Valid(v string) bool { return emailValid(v) }

// Kinds lists what Kind returns.
func (emailKinds) Kinds() []string { return []string{"role", "personal"} }

// Kind returns "role" when the local part of v is a function's name, not a
// person's, or when v belongs to a club, an association or a public body
// (see bodyWords), and "personal" otherwise.
func (emailKinds) Kind(v string) string {
	at := strings.LastIndexByte(v, '@')
	var buf [64]byte
	if at <= 0 || at > len(buf) {
		return "personal"
	}
	local := lowerASCII(buf[:0], v[:at])
	if roleMailboxes[local] || functionPrefixes[firstWord(local)] || strings.HasPrefix(local, "proloco") || hasBodyWord(local) ||
		strings.HasPrefix(local, "ce.") && schoolCode(local[3:]) {
		return "role"
	}
	// A one-word mailbox at a club's or a body's domain
	// ("jugend@tsv-eichenau-fussball.de"); "jean.dupont@" there is a
	// named member's or clerk's own address.
	var dbuf [64]byte
	domain := lowerASCII(dbuf[:0], v[at+1:])
	if i := strings.LastIndexByte(domain, '.'); i > 0 && !strings.ContainsAny(local, "._-") &&
		(hasBodyWord(domain[:i]) || bodyPrefix(domain[:i])) {
		return "role"
	}
	return "personal"
}

// bodyPrefix reports whether s starts with one of bodyWords of six letters
// or more glued to what follows, as bodies name their domains
// ("bibliotheekzuidwest", "mairiedevienne"); shorter ones ("club", "foot")
// begin too many other words.
func bodyPrefix(s string) bool {
	for n := 6; n <= len(s) && n <= maxBodyWord; n++ {
		if bodyWords[s[:n]] {
			return true
		}
	}
	return false
}

// functionPrefixes are roleMailboxes that stay a function's when a place or
// a shop qualifies them ("recrutement.superu.pornic", "sav-lyon"). Not
// "info" or "contact": sole traders prefix their own names with them
// ("info.marie", a person's address).
var functionPrefixes = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`recrutement rh hr jobs emploi candidature candidatures bewerbung
		karriere careers vacatures lavoraconnoi sav secretariat accueil reservation reservations reservas
		prenotazioni commandes pedidos bestellungen`) {
		m[w] = true
	}
	return m
}()

// schoolCode reports whether s is a French school's UAI code, seven digits
// and a letter: each school's mailbox is ce.<code>@ac-<rectorate>.fr.
func schoolCode(s string) bool {
	if len(s) != 8 || s[7] < 'a' || s[7] > 'z' {
		return false
	}
	for i := range 7 {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// firstWord returns s up to its first '.', '_' or '-'.
func firstWord(s string) string {
	if i := strings.IndexAny(s, "._-"); i >= 0 {
		return s[:i]
	}
	return s
}

// hasBodyWord reports whether one of the dot-, dash- or
// underscore-separated words of s is one of bodyWords.
func hasBodyWord(s string) bool {
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == '.' || r == '_' || r == '-' }) {
		if bodyWords[w] {
			return true
		}
	}
	return false
}

// bodyWords make an address a club's, an association's or a public body's
// when they are one of the words of its local part ("ussh.football",
// "amicale-pompiers", "mairie.lachapelle71") or, for a one-word mailbox,
// of its domain: its members or its staff answer there, not one person.
// Trades are not among them: "julien.roux.plomberie" is a craftsman's own
// address. Italian town associations glue "proloco" to the town's name,
// hence the prefix in Kind.
var bodyWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`club clubs football foot fussball fc tsv rugby basket basketball handball volley
		tennis judo karate sports asso association amicale comite apel ape paroisse verein sportverein vereniging
		associazione asociacion associacao clube jugend loto rando randonnee motoclub
		mairie gemeente comune gemeinde ayuntamiento mediatheque bibliotheque biblioteca bibliotheek
		ecole piscine piscines kantine concours amis patrimoine booster boosters
		collectif collettivo colectivo kollektiv collectief coletivo`) {
		m[w] = true
	}
	return m
}()

// maxBodyWord is the length of the longest of bodyWords.
var maxBodyWord = func() (n int) {
	for w := range bodyWords {
		n = max(n, len(w))
	}
	return n
}()

// roleMailboxes are local parts that name a function ("info", "contact",
// "reservas", "secretariat"…) in the product's seven languages.
var roleMailboxes = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`info infos contact contacto contatto contatti kontakt hello hallo hola ola bonjour ciao
		pedidos encomendas orders order commandes commande bestellung bestellungen bestellen bestellingen bestelling rappel
		secretariat secretaria segreteria sekretariat secretary secretariaat werkplaats geral office admin accueil
		reception receptie reservation reservations reservas reserva prenotazioni prenotazione booking bookings
		reserveringen shop boutique loja tienda negozio winkel laden informacion informazioni service support
		kundenservice klantenservice sav recrutement jobs rh hr presse press marketing sales vendas ventas vendite
		verkauf team equipe mairie gemeente comune mediatheque bibliotheque biblioteca turismo tourisme tourism
		administration verwaltung bewerbung bewerbungen karriere emploi candidature candidatures careers empleo
		lavoraconnoi werken vacatures benevoles benevolat volunteers inscriptions inscription iscrizioni
		anmeldung billetterie tickets`) {
		m[w] = true
	}
	return m
}()

// emailValid checks the lengths and label rules of RFC 5321 §4.5.3.1 and
// RFC 1035 that the rule's deliberately simple pattern leaves out: local part
// up to 64 bytes without leading, trailing or doubled dots, domain up to 253
// bytes of labels of 1–63 characters not starting or ending with '-', and an
// alphabetic (or punycode) top-level domain.
func emailValid(v string) bool {
	at := strings.LastIndexByte(v, '@')
	if at <= 0 || at > 64 || len(v)-at-1 > 253 {
		return false
	}
	local, domain := v[:at], v[at+1:]
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	// Labels one by one, without allocating: this runs on every '@' value.
	labels, tld := 0, ""
	for rest := domain; ; {
		l, after, more := strings.Cut(rest, ".")
		if len(l) == 0 || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		labels++
		if !more {
			tld = l
			break
		}
		rest = after
	}
	if labels < 2 {
		return false
	}
	if strings.HasPrefix(tld, "xn--") {
		return true
	}
	for i := 0; i < len(tld); i++ {
		c := tld[i] | 0x20
		if c < 'a' || c > 'z' {
			return false
		}
	}
	return len(tld) >= 2 && !publicOffice(local, domain)
}

// publicOffice reports whether local@domain is the address of a public
// body's office, no person's: a town hall's, a school's or a ministry's
// domain ("mairie-…", "ville-…", "cm-…" in Portugal, "comune.…", "gouv",
// "sch.uk"…) with a local part that is not a first and a last name
// ("etat-civil@", "office@", "turismo@"). A named clerk's address there,
// "jean.dupont@", stays personal data.
func publicOffice(local, domain string) bool {
	public := false
	var buf [24]byte
	for rest := domain; rest != "" && !public; {
		l, after, _ := strings.Cut(rest, ".")
		l = lowerASCII(buf[:0], l)
		switch l {
		case "gouv", "gov", "sch", "gv", "comune", "gemeente", "ayuntamiento":
			public = true
		}
		for _, p := range [...]string{"mairie", "ville-", "cm-", "comune-", "gemeente", "stadt-", "ayto", "concello", "ajuntament", "gemeinde"} {
			public = public || strings.HasPrefix(l, p)
		}
		rest = after
	}
	if !public {
		return false
	}
	first, last, named := strings.Cut(local, ".")
	return !named || !lettersOnly(first) || len(last) < 2 || !lettersOnly(last)
}

// lowerASCII appends s to dst with ASCII letters in lower case; only the
// first cap(dst) bytes, all that publicOffice compares.
func lowerASCII(dst []byte, s string) string {
	for i := 0; i < len(s) && len(dst) < cap(dst); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return string(dst)
}

// lettersOnly reports whether s is ASCII letters or hyphens, at least one.
func lettersOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; (c < 'a' || c > 'z') && s[i] != '-' {
			return false
		}
	}
	return true
}

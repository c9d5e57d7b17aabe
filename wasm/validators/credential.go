package validators

import (
	"encoding/base64"
	"strings"
)

func init() {
	registerFunc("password", passwordValid)
	registerFunc("password_strong", passwordStrong)
	registerFunc("password_bare", passwordBare)
	registerFunc("api_token", apiTokenValid)
	registerFunc("door_code", doorCodeValid)
}

// passwordNonValues are words that follow "mot de passe :" and the like
// without being a secret ("mot de passe : oublié", "password: required").
var passwordNonValues = map[string]bool{
	"oublie": true, "perdu": true, "incorrect": true, "invalide": true, "faux": true,
	"change": true, "requis": true, "obligatoire": true, "expire": true, "vide": true,
	"aucun": true, "identique": true, "securise": true, "voir": true, "ci": true,
	"forgot": true, "forgotten": true, "wrong": true, "required": true, "invalid": true,
	"reset": true, "expired": true, "none": true, "hidden": true, "same": true, "below": true,
	"vergessen": true, "falsch": true, "ungultig": true, "erforderlich": true, "keins": true,
	"olvidada": true, "olvide": true, "incorrecta": true, "obligatoria": true, "ninguna": true,
	"dimenticata": true, "sbagliata": true, "errata": true, "obbligatoria": true, "nessuna": true,
	"vergeten": true, "fout": true, "onjuist": true, "verplicht": true, "geen": true,
	"esqueci": true, "errada": true, "incorreta": true, "obrigatoria": true, "nenhuma": true,
	// Instructions: "le mot de passe de la box : tapez 192.168.1.1…".
	"tapez": true, "entrez": true, "saisissez": true, "cliquez": true, "type": true, "enter": true,
	"click": true, "eingeben": true, "klicken": true, "escribe": true, "introduce": true, "pulsa": true,
	"digita": true, "inserisci": true, "clicca": true, "typ": true, "voer": true, "klik": true,
	"digite": true, "insira": true, "clique": true,
}

// passwordValid accepts a secret token given after a password label: 4 to
// 64 bytes, not one repeated character ("****", "xxxx") and not a word that
// describes the password instead of giving it.
func passwordValid(v string) bool {
	if len(v) < 4 || len(v) > 64 || allSame(v) {
		return false
	}
	var w [16]byte
	n := 0
	for i := 0; i < len(v); {
		r, size := foldLatin(v[i:])
		if r == 0 {
			n = -1
			break
		}
		if n < len(w) {
			w[n] = r
		}
		n++
		i += size
	}
	if n > 0 && n <= len(w) && passwordNonValues[string(w[:n])] {
		return false
	}
	return true
}

// passwordStrong is passwordValid for values introduced by a verb ("mon mot
// de passe est …", "my password is …"), where an ordinary word usually
// follows: it also wants a digit, a symbol or a capital after the first
// character.
func passwordStrong(v string) bool {
	if !passwordValid(v) {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c >= '0' && c <= '9' || i > 0 && c >= 'A' && c <= 'Z' ||
			c < 0x80 && !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return true
		}
	}
	return false
}

// passwordBare is for values with no separator after the label ("mot de
// passe Livres&Thé2024", "code secret Ecole2025") or far from it ("Passwort
// für den Netflix-Account: …"), where the value is only told apart from
// the sentence by its shape: passwordValid, at least 6 bytes and 3 letters,
// and a digit, or a capital after the first letter together with a symbol
// that is not ordinary punctuation ("Soleil#Rouge"); or 20 digits or more,
// as routers' default keys are. Words, names ("Jean-Pierre"), times and
// dates ("21h30") do not pass.
func passwordBare(v string) bool {
	if len(v) < 6 || !passwordValid(v) || routerNetwork(v) {
		return false
	}
	if len(v) >= 20 && allDigits(v) {
		return true
	}
	letters, digit, upper, symbol := 0, false, false, false
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c >= '0' && c <= '9':
			digit = true
		case c >= 'A' && c <= 'Z':
			letters++
			upper = upper || letters > 1
		case c >= 'a' && c <= 'z' || c >= 0xC0:
			letters++ // a UTF-8 lead byte counts one letter (é, ü…)
		case c < 0x80 && strings.IndexByte("-.',/", c) < 0:
			symbol = true
		}
	}
	return letters >= 3 && (digit || upper && symbol)
}

// routerBrands name the boxes whose default network names are the brand, a
// dash or an underscore, and a code ("Freebox-A3F2C1", "Livebox-7B21",
// "SFR_8A40"): after "mot de passe du réseau …" such a name is the network,
// not its password.
// Brands that are also words or names ("Sky", "Tim") are left out: a
// password may start with one.
var routerBrands = []string{"freebox", "livebox", "bbox", "sfr", "neufbox", "fritzbox", "fritz!box",
	"vodafone", "movistar", "ziggo", "kpn", "telenet", "proximus", "fastweb", "tp-link", "netgear",
	"huawei", "d-link", "telekom"}

// routerNetwork reports whether v is a router brand followed by '-' or '_'.
func routerNetwork(v string) bool {
	for _, b := range routerBrands {
		if len(v) > len(b)+1 && strings.EqualFold(v[:len(b)], b) && (v[len(b)] == '-' || v[len(b)] == '_') {
			return true
		}
	}
	return false
}

// doorCodeValid accepts a door-entry code ("4582B", "A1234", "1937#"): 3 to
// 8 ASCII letters, digits, '#' or '*', with at least 3 digits and at most 2
// letters, so a word ("gauche") or a floor ("3e") after the label fails.
func doorCodeValid(v string) bool {
	if len(v) < 3 || len(v) > 8 {
		return false
	}
	nd, nl := 0, 0
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c >= '0' && c <= '9':
			nd++
		case c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z':
			nl++
		case c != '#' && c != '*':
			return false
		}
	}
	return nd >= 3 && nl <= 2
}

// apiTokenValid checks a token that already matched a vendor prefix (AWS
// AKIA…, GitHub ghp_…, Slack xox…, Stripe sk_live_…, Google AIza…, OpenAI
// sk-…, JWT eyJ…): a JWT's header must decode (base64url, RFC 7515) to a JSON
// object naming its "alg"; any other token must not be a placeholder, so it
// needs at least 8 distinct characters ("sk-xxxxxxxx…" fails).
func apiTokenValid(v string) bool {
	if strings.HasPrefix(v, "eyJ") {
		head, _, ok := strings.Cut(v, ".")
		if !ok || len(head) > 512 {
			return false
		}
		var buf [384]byte
		n, err := base64.RawURLEncoding.Decode(buf[:], []byte(strings.TrimRight(head, "=")))
		if err != nil {
			return false
		}
		h := string(buf[:n])
		return strings.HasPrefix(h, "{") && strings.Contains(h, `"alg"`)
	}
	var seen [128]bool
	distinct := 0
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 128 && !seen[c] {
			seen[c] = true
			distinct++
		}
	}
	return distinct >= 8
}

package validators

func init() {
	registerFunc("person_name", personNameValid)
}

// nameNonWords are capitalised words that end a self-introduction without
// being part of the name ("Je m'appelle Marie Je suis…", "my name is John
// And…"): a candidate containing one is refused.
var nameNonWords = map[string]bool{
	"je": true, "et": true, "moi": true, "mais": true, "mon": true, "ma": true, "mes": true,
	"suis": true, "and": true, "the": true, "im": true, "am": true, "my": true, "but": true,
	"ich": true, "und": true, "bin": true, "aber": true, "mein": true, "meine": true,
	"yo": true, "soy": true, "pero": true, "tengo": true, "mi": true,
	"io": true, "sono": true, "ho": true, "ma'": true,
	"ik": true, "en": true, "ben": true, "maar": true, "mijn": true,
	"eu": true, "sou": true, "tenho": true, "mas": true, "meu": true,
	"hello": true, "bonjour": true, "salut": true, "hola": true, "ciao": true, "hallo": true, "ola": true,
	"merci": true, "thanks": true, "danke": true, "gracias": true, "grazie": true, "bedankt": true, "obrigado": true,
}

// personNameValid accepts 2–4 name words already shaped by the rule pattern
// unless one of them is a function word that only looks like a name because
// it starts a new sentence.
func personNameValid(v string) bool {
	words := 0
	var w [8]byte
	n := 0
	flush := func() bool {
		if n == 0 {
			return true
		}
		words++
		bad := n <= len(w) && nameNonWords[string(w[:n])]
		n = 0
		return !bad
	}
	for i := 0; i < len(v); {
		r, size := foldLatin(v[i:])
		if r == 0 {
			if v[i] >= 0x80 {
				// another letter (ł, ő…): part of the word, unknown to the list
				_, size = decodeSize(v[i:])
				n = len(w) + 1
				i += size
				continue
			}
			if !flush() {
				return false
			}
			i++
			continue
		}
		if n < len(w) {
			w[n] = r
		}
		n++
		i += size
	}
	return flush() && words >= 2
}

// decodeSize returns the first byte and the length of the UTF-8 sequence
// starting s (1 for an invalid byte).
func decodeSize(s string) (byte, int) {
	c := s[0]
	switch {
	case c >= 0xF0 && len(s) >= 4:
		return c, 4
	case c >= 0xE0 && len(s) >= 3:
		return c, 3
	case c >= 0xC0 && len(s) >= 2:
		return c, 2
	}
	return c, 1
}

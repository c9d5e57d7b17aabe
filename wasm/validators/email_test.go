package validators

import (
	"strings"
	"testing"
)

func TestEmail(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"marie.dupont@gmail.com", true},
		{"Jean-Luc.Martin+fb@orange.fr", true},
		{"a@b.co", true},
		{"x@bücher.xn--p1ai", true},
		{".marie@gmail.com", false},
		{"marie.@gmail.com", false},
		{"ma..rie@gmail.com", false},
		{"marie@-gmail.com", false},
		{"marie@gmail", false},
		{"marie@gmail.c0m", false},
		{"marie@gmail..com", false},
		{strings.Repeat("a", 65) + "@b.fr", false},
		{"@b.fr", false},
		// A public office's address; a named clerk's stays.
		{"etat-civil@mairie-saintjeandevedas.fr", false},
		{"office@greenbankprimary.sch.uk", false},
		{"enfance@ville-poissy.fr", false},
		{"turismo@cm-vagos.pt", false},
		{"jean.dupont@mairie-saintjeandevedas.fr", true},
		{"m.rossi@comune.torino.it", true},
		{"marie.dupont@ville-poissy.fr", true},
		{"contact@villeneuve-menuiserie.fr", true}, // not a town
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := emailValid(tt.in); got != tt.want {
				t.Errorf("emailValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// TestEmailKind: role addresses are told from the others.
func TestEmailKind(t *testing.T) {
	v, err := New("email", nil)
	if err != nil {
		t.Fatal(err)
	}
	k := v.(Kinder)
	tests := []struct{ in, want string }{
		{"info@baeckerei-sonnenkorn.de", "role"},
		{"Contact@plomberie-leman.fr", "role"},
		{"pedidos@ferreterialallave.es", "role"},
		{"bewerbung@autohaus-brenner.de", "role"},
		{"lavoraconnoi@pizzeriavesuvio.it", "role"},
		{"marie.dupont@gmail.com", "personal"},
		{"info.marie@gmail.com", "personal"},
		{"julien.roux.plomberie@gmail.com", "personal"},
		{"bestellingen@bakkerijvandenberg.nl", "role"},
		{"ussh.football@gmail.com", "role"},
		{"amicale-pompiers.vitre@orange.fr", "role"},
		{"prolocosanminiato@gmail.com", "role"},
		{"marie.footballeuse@gmail.com", "personal"},
		{"Jean.Dupont.Marseille.Provence.Alpes.Cote.Azur.Club@gmail.com", "role"},
		{"mairie.lachapelle71@orange.fr", "role"},
		{"concours.photo@mairie-vallon.fr", "role"},
		{"jugend@tsv-eichenau-fussball.de", "role"},
		{"jean.dupont@tsv-eichenau-fussball.de", "personal"},
		{"marie@lausanne-sports.ch", "role"},
		{"info.marie@orange.fr", "personal"},
		{"recrutement.superu.pornic@systeme-u.fr", "role"},
		{"ce.0510234X@ac-reims.fr", "role"},
		{"ce.051023X@ac-reims.fr", "personal"},
		{"ce.lucas@gmail.com", "personal"},
		{"amis.patrimoine.stgenis@orange.fr", "role"},
		{"taalcafe@bibliotheekzuidwest.nl", "role"},
		{"jan.devries@bibliotheekzuidwest.nl", "personal"},
		{"urbanisme@mairiedevienne.fr", "role"},
		{"lucas@clubmoto.fr", "personal"},
		{"collectif.parcdesglacis@gmail.com", "role"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := k.Kind(tt.in); got != tt.want {
				t.Errorf("Kind(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestEmailSpelled(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"paul.martin (at) orange.fr", true},
		{"jane.doe [at] gmail [dot] com", true},
		{"marie.dupont arobase free point fr", true},
		{"hans at web.de", true},
		{"pay (at) example.com", true}, // bracketed: spelled on purpose
		{"pay at royalmail-redelivery-uk.com", false},
		{"join at mc.oakhollow.net", false},
		{"59 at royalmail-redeliver-uk.info", false},
		{"Available at boutique-lumiere.fr", false},
		{"us at tsv-eichenau.de", false},
		{"paul.martin", false},
	}
	for _, tt := range tests {
		if got := emailSpelled(tt.in); got != tt.want {
			t.Errorf("emailSpelled(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

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

package validators

import "testing"

func TestPersonName(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Marie Dupont", true},
		{"Jean-Luc Martin", true},
		{"María García López", true},
		{"Jan de Vries", true},
		{"Anna Müller", true},
		{"Łukasz Nowak", true},
		{"Marie Je", false},
		{"John And", false},
		{"Marie", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := personNameValid(tt.in); got != tt.want {
				t.Errorf("personNameValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzPersonName(f *testing.F) {
	for _, s := range []string{"Marie Dupont", "Jean-Luc Martin", "Łukasz\xff Nowak", "Je Je"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		personNameValid(s) // must not panic on any input
	})
}

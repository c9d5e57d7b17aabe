package validators

import (
	"os"
	"testing"
)

func firstNameValidator(t testing.TB) Validator {
	t.Helper()
	table, err := os.ReadFile("../rules/tables/first_name.json")
	if err != nil {
		t.Fatal(err)
	}
	v, err := New("first_name", table)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFirstName(t *testing.T) {
	v := firstNameValidator(t)
	tests := []struct {
		in   string
		want bool
	}{
		{"Marie Dupont", true},
		{"Jean-Luc Martin", true},
		{"Gaëlle Le Goff", true},
		{"Éric Vidal", true},
		{"Ryan O'Connor", true},
		{"DUPONT Marie", true},
		{"João Pereira", true},
		{"Sanne de Vries", true},
		{"Stefan Krüger", true},
		{"Dupont Prénom : Marie", true},
		{"Sohn Jonas", false},
		{"Sohn Jonas Weber", false},
		{"Very Happy", false},
		{"Charlie", false},
		{"Je Suis Charlie", false},
		{"Saint Pierre", false},
		{"Carrefour Market", false},
		{"Marie Je", false},
		{"Marie", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := v.Valid(tt.in); got != tt.want {
				t.Errorf("first_name(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestFirstNameTable(t *testing.T) {
	for _, tt := range []struct{ name, table string }{
		{"empty", ``},
		{"no names", `{"names":[]}`},
		{"unknown field", `{"nom":["marie"]}`},
		{"not JSON", `{`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New("first_name", []byte(tt.table)); err == nil {
				t.Errorf("got no error for %q", tt.table)
			}
		})
	}
}

func FuzzFirstName(f *testing.F) {
	v := firstNameValidator(f)
	for _, s := range []string{"Marie Dupont", "Saint Pierre", "Łukasz\xff Nowak", "Jean-Luc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v.Valid(s) && !personNameValid(s) {
			t.Errorf("%q accepted by first_name but not by person_name", s)
		}
	})
}

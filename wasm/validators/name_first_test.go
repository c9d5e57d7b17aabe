package validators

import "testing"

// compactFirstNameValidator builds the first-name validator from its table's binary form, as
// engine snapshots do, and checks that no name was lost.
func compactFirstNameValidator(t testing.TB) Validator {
	t.Helper()
	v := shippedValidator(t, "first_name", true)
	if len(v.(firstNames)) != len(shippedValidator(t, "first_name", false).(firstNames)) {
		t.Fatal("the binary form lost names")
	}
	return v
}

func TestFirstName(t *testing.T) {
	json, compact := shippedValidator(t, "first_name", false), compactFirstNameValidator(t)
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
		{"DE LA FONTAINE Marie", true},
		{"RIB de Nathalie", false}, // not a surname before the given name
		{"LA FAMILLE DE NADIA", false},
		{"DUPONT MARIE", false}, // all in capitals: only a known first word counts
		{"MARIE DUPONT", true},
		{"João Pereira", true},
		{"Sanne de Vries", true},
		{"Stefan Krüger", true},
		{"Paweł Kowalczyk", true}, // Latin Extended-A letters fold too (ł → l)
		{"Łukasz Wiśniewski", true},
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
		{"Jules Ferry", false}, // "l'école Jules Ferry"
		{"Jack Russell Pip", false},
		{"Sergio Mattarella", false}, // "il presidente Sergio Mattarella"
		{"Harry Potter", false},
		{"Jean Valjean", false},
		{"Freddie Mercury", false},
		{"Jean-Baptiste Clément", false},
		{"Jules Perrin", true},
		{"Jack Dupont", true},
		{"Maria Assunta", false}, // "chiesa di Santa Maria Assunta"
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := json.Valid(tt.in); got != tt.want {
				t.Errorf("first_name(%q): got %v, want %v", tt.in, got, tt.want)
			}
			if got := compact.Valid(tt.in); got != tt.want {
				t.Errorf("binary table: first_name(%q): got %v, want %v", tt.in, got, tt.want)
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
		{"binary, truncated", "\x00\x05\x05mar"},
		{"binary, no names", "\x00\x00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New("first_name", []byte(tt.table)); err == nil {
				t.Errorf("got no error for %q", tt.table)
			}
		})
	}
}

func FuzzFirstName(f *testing.F) {
	v := shippedValidator(f, "first_name", false)
	for _, s := range []string{"Marie Dupont", "Saint Pierre", "Łukasz\xff Nowak", "Jean-Luc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v.Valid(s) && !personNameValid(s) {
			t.Errorf("%q accepted by first_name but not by person_name", s)
		}
	})
}

package validators

import "testing"

func TestAddress(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"12 rue de la Paix, 75002 Paris", true},
		{"Hauptstraße 5, 10115 Berlin", true},
		{"Kerkstraat 12", true},
		{"Parkplatz 3", false},
		{"Tabellenplatz 2", false}, // a league table
		{"Rückweg 2", false},
		{"Damit Platz 4", false},         // a rank
		{"Reservierung Platz 55", false}, // a seat
		{"Alter Platz 4", true},
		{"Berliner Platz 12, 44623 Herne", true},
		{"Große Platz 3", true},
		{"Kaiser Platz 2", true},
		{"Waldparkplatz 49", false},
		{"plaza\nViernes 15", false},
		{"Lindenallee 7\n04109 Leipzig", true},
		{"42 Elmwood Road\nHeadingley, Leeds LS6 2QT", true},
		{"3 cours de maths", false},
		{"", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := addressValid(tt.in); got != tt.want {
				t.Errorf("addressValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAddressFR(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"12 rue de la Paix, 75002 Paris", true},
		{"3 bis avenue Jean Jaurès", true},
		{"12 ter bd victor hugo", true},
		{"5, allée des Lilas", true},
		{"3-5 place du Marché", true},
		{"4 B rond-point de l'Europe", true},
		{"3 enfants rue Victor Hugo", false},
		{"2 place de parking", false},
		{"3 cours de", false},
		{"14, place 82", false}, // a seat in a train
		{"14 place 82 si quelqu'un du groupe", false},
		{"90 ch Intens", false}, // horsepower
		{"12 ch. des Vignes", true},
		{"18 chem. des Vignes", true},
		{"3 rue du 8 Mai 1945", true},
		{"12 rue de l'", false},
		{"12", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := addressFRValid(tt.in); got != tt.want {
				t.Errorf("addressFRValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAddressSouth(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Calle Mayor 5, 28013 Madrid", true},
		{"c/ Alcalá 23", true},
		{"v.le Europa 22", true},
		{"Praça do Comércio 1", true},
		{"via email 2", false},
		{"tiene 3", false},
		{"Via Roma chiusa dalle 18", false}, // the name runs on into a sentence
		{"Calle Mayor abre a las 9", false},
		{"via roma 25", true}, // typed in lower case throughout
		{"Via della Repubblica 12", true},
		{"Calle de los Reyes Católicos 5", true},
		{"Rua Augusta nº 100", true},
		{"Via Roma numero 25", true},
		{"Avenida da Liberdade 245", true},
		{"Calle Ábside cerrada 3", false}, // a Latin-1 capital
		{"plaza Mayor de 10", false},      // "de 10:00 a 14:00"
		{"Plaza Mayor desde 9", false},
		{"via roma alle 18", false},
		{"Praça da Alegria às 21", false},
		{"Rua das Flores 10", true},
		{"Calle Mayor, 10", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := addressSouthValid(tt.in); got != tt.want {
				t.Errorf("addressSouthValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzAddress(f *testing.F) {
	for _, s := range []string{"12 rue de la Paix", "Parkplatz 3", "Ł\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if (addressFRValid(s) || addressSouthValid(s)) && !addressValid(s) {
			t.Errorf("%q valid as a French address but not as an address", s)
		}
		if !addressValid(s) && len(s) < 2 {
			t.Errorf("%q refused though too short to hold a listed word", s)
		}
	})
}

// TestDistanceAfter: a unit of time or distance, or a price's cents, right
// after a value make its last number a distance or an amount.
func TestDistanceAfter(t *testing.T) {
	check, err := NewNear("distance_after")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		after string
		want  bool
	}{
		{" min dalla Sapienza", true},
		{"\u00a0km más allá", true},
		{" mètres plus loin", true},
		{"min", true},
		{", 20121 Milano", false},
		{",50€, réduit 6,50€", true},
		{".99 $", true},
		{",5 km", false}, // a decimal alone says nothing
		{",50667 Köln", false},
		{" minimo", false},
		{" Madrid", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := check("", tt.after); got != tt.want {
			t.Errorf("distance_after(%q) = %v, want %v", tt.after, got, tt.want)
		}
	}
}

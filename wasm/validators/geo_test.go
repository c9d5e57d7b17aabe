package validators

import "testing"

func TestGeo(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"48.8566, 2.3522", true},
		{"-33.8688,151.2093", true},
		{"48.8566° N, 2.3522° E", true},
		{"48.8566 2.3522", true},
		{"40.4168, -3.7038", true},
		{"48°51'24\"N 2°21'08\"E", true},
		{"48°51′24″N 2°21′08″E", true},
		{"48°51.4'N, 2°21.1'E", true},
		{"N 48°51'24\" E 2°21'08\"", true},
		{"33°52'07\"S 151°12'33\"E", true},
		{"48.8566° N, 2.3522° O", true},
		{"91.0000, 2.3522", false},
		{"48.8566, 181.0000", false},
		{"48°61'24\"N 2°21'08\"E", false},
		{"2.3522° E, 48.8566° N", false},
		{"0.0000, 0.0000", false},
		{"48.8566", false},
		{"1.5, 2.5, 3.5", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := geoValid(tt.in); got != tt.want {
				t.Errorf("geoValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzGeo(f *testing.F) {
	for _, s := range []string{"48.8566, 2.3522", "48°51'24\"N 2°21'08\"E", "-1.-2.", "N,N,N"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		geoValid(s) // must not panic
	})
}

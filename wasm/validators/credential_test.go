package validators

import "testing"

func TestPassword(t *testing.T) {
	tests := []struct {
		in            string
		valid, strong bool
	}{
		{"Soleil2024!", true, true},
		{"azerty123", true, true},
		{"hunter2", true, true},
		{"soleil", true, false},
		{"MotDePasse", true, true},
		{"oublié", false, false},
		{"Forgotten", false, false},
		{"****", false, false},
		{"abc", false, false},
		{"trop", true, false},
		{"tapez", false, false}, // "mot de passe de la box : tapez 192.168.1.1"
		{"Enter", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := passwordValid(tt.in); got != tt.valid {
				t.Errorf("passwordValid(%q): got %v, want %v", tt.in, got, tt.valid)
			}
			if got := passwordStrong(tt.in); got != tt.strong {
				t.Errorf("passwordStrong(%q): got %v, want %v", tt.in, got, tt.strong)
			}
		})
	}
}

func TestPasswordBare(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Livres&Thé2024", true},
		{"Ecole2025", true},
		{"Feestje!2024Jansen", true},
		{"Familie.Mueller.1975", true},
		{"Soleil#Rouge", true},
		{"xK9#mPq2Lw", true},
		{"Jean-Pierre", false},
		{"Netflix", false},
		{"WiFi", false},
		{"21h30", false},
		{"123456", false},
		{"48193726510394827163", true}, // a FRITZ!Box default key
		{"4970101234567893", false},    // 16 digits: a card, not a key
		{"oublié", false},
		{"majuscules", false},
		{"Freebox-A3F2", false}, // a box's network name
		{"SFR_8A40", false},
		{"Freeboxer2024", true}, // no separator after the brand
		{"Sky-Walker99", true},  // a word, not a listed brand
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := passwordBare(tt.in); got != tt.want {
				t.Errorf("passwordBare(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAPIToken(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"AKIAIOSFODNN7EXAMPLE", true},
		{"ghp_16C7e42F292c6912E7710c838347Ae178B4a", true},
		{"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", true},
		{"eyJmb28iOiJiYXIifQ.eyJzdWIiOiIxIn0.abcdefgh", false}, // header without alg
		{"eyJ!!!.eyJ.x", false},
		{"sk-xxxxxxxxxxxxxxxxxxxxxxxx", false},
		{"AKIAAAAAAAAAAAAAAAAA", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := apiTokenValid(tt.in); got != tt.want {
				t.Errorf("apiTokenValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzCredential(f *testing.F) {
	for _, s := range []string{"Soleil2024!", "oublié", "eyJhbGciOiJIUzI1NiJ9.eyJ.x", "AKIAIOSFODNN7EXAMPLE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if passwordStrong(s) && !passwordValid(s) {
			t.Errorf("%q strong but not valid", s)
		}
		if passwordBare(s) && !passwordValid(s) {
			t.Errorf("%q bare but not valid", s)
		}
		apiTokenValid(s)
	})
}

func TestDoorCode(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"4582B", true},
		{"A1234", true},
		{"1937#", true},
		{"*2580", true},
		{"3e", false},
		{"gauche", false},
		{"12", false},
		{"AB12CD3", false},
		{"123456789", false},
		{"12-34", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := doorCodeValid(tt.in); got != tt.want {
				t.Errorf("doorCodeValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

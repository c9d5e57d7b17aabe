package validators

import "testing"

func TestVerhoeff(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2363", true}, // Verhoeff's worked example: 236, check digit 3
		{"123451", true},
		{"1428570", true},
		{"2364", false},
		{"123415", false}, // adjacent digits swapped: Verhoeff catches it
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := verhoeffValid([]byte(tt.in)); got != tt.want {
				t.Errorf("verhoeffValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestLUMatricule(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"1984031722000", true},
		{"1984091704223", true},
		{"1993 0302 118 24", true},
		{"1984031722001", false}, // Verhoeff digit off
		{"1984031722010", false}, // Luhn digit off
		{"1984023122000", false}, // 31 February
		{"184031722000", false},  // 12 digits
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := luMatriculeValid(tt.in); got != tt.want {
				t.Errorf("luMatriculeValid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

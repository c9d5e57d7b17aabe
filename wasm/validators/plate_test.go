package validators

import "testing"

func TestPlates(t *testing.T) {
	tests := []struct {
		fn   func(string) bool
		name string
		in   string
		want bool
	}{
		{plateFR, "fr", "AB-123-CD", true},
		{plateFR, "fr", "ab 123 cd", true},
		{plateFR, "fr", "AB-000-CD", false},
		{plateFR, "fr", "SS-123-AB", false},
		{plateUK, "uk", "AB51 ABC", true},
		{plateUK, "uk", "BD62XYZ", true},
		{plateUK, "uk", "AB00 ABC", false},
		{plateUK, "uk", "AB35 ABC", false},
		{plateUK, "uk", "AB80 ABC", false},
		{plateUK, "uk", "AB51 AIB", false},
		{plateUK, "uk", "IB51 ABC", false},
		{plateDE, "de", "B-MW 1234", true},
		{plateDE, "de", "MIL EF 1234E", true},
		{plateDE, "de", "M AB 123", true},
		{plateDE, "de", "B AB 0123", false},
		{plateDE, "de", "BXYZ AB 1234", false},
		{plateDE, "de", "HH AB 12345", false},
		{plateAny, "any", "12-ABC-3", true},
		{plateAny, "any", "1-ABC-123", true},
		{plateAny, "any", "1234 BCD", true},
		{plateAny, "any", "0000 BCD", false},
		{plateAny, "any", "XX-000-XX", false},
		{plateAny, "any", "ab-123-cd", true},
		{plateAny, "any", "dCi de 2018", false}, // letters in both cases
		{plateAny, "any", "das 16h", false},     // "a partir das 16h"
		{plateAny, "any", "ABC 123H", true},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.in, func(t *testing.T) {
			if got := tt.fn(tt.in); got != tt.want {
				t.Errorf("plate %s %q: got %v, want %v", tt.name, tt.in, got, tt.want)
			}
		})
	}
}

func FuzzPlate(f *testing.F) {
	for _, s := range []string{"AB-123-CD", "AB51 ABC", "B-MW 1234E", "12-ABC-3", "E"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, fn := range []func(string) bool{plateFR, plateUK, plateDE, plateAny} {
			if fn(s) && len(alnumUpper(s)) < 3 {
				t.Errorf("%q accepted with fewer than 3 characters", s)
			}
		}
	})
}

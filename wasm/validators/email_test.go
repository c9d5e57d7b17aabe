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
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := emailValid(tt.in); got != tt.want {
				t.Errorf("emailValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

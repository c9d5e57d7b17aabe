package validators

import "testing"

func TestIBAN(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"FR76 3000 6000 0112 3456 7890 189", true},
		{"FR7630006000011234567890189", true},
		{"DE89 3704 0044 0532 0130 00", true},
		{"GB82 WEST 1234 5698 7654 32", true},
		{"ES91 2100 0418 4502 0005 1332", true},
		{"IT60 X054 2811 1010 0000 0123 456", true},
		{"NL91 ABNA 0417 1643 00", true},
		{"BE68 5390 0754 7034", true},
		{"PT50 0002 0123 1234 5678 9015 4", true},
		{"FR76 3000 6000 0112 3456 7890 188", false}, // check digits off
		{"FR76 3000 6000 0112 3456 7890", false},     // too short for FR
		{"XX76 3000 6000 0112 3456 7890 189", false}, // unknown country
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ibanValid(tt.in); got != tt.want {
				t.Errorf("ibanValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestCard(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"4111 1111 1111 1111", true},
		{"4970 1012 3456 7899", false}, // Luhn fails
		{"5555-5555-5555-4444", true},
		{"2223 0031 2200 3222", true},
		{"3782 822463 10005", true},
		{"6011 1111 1111 1117", true},
		{"3530 1113 3330 0000", true},
		{"1234 5678 9012 3452", false}, // no issuer starts with 1
		{"4111 1111 1111 111", false},  // wrong length
		{"4222222222222", false},       // 13-digit Visa, retired
		{"49 152 28476193", false},     // a German mobile after +
		{"0000 0000 0000 0000", false},
		// Layout: one block, fours, or 4-6-5 and 4-6-4, one separator.
		{"4111111111111111", true},
		{"4111.1111.1111.1111", true},
		{"4111 1111 1111 1111 110", true},
		{"3056 930902 5904", true},
		{"4111 1111-1111 1111", false},                 // the separator changes
		{"4111 11111111 1111", false},                  // not in fours
		{"4111 1 1 1 1 1111 1111", false},              // not in fours
		{"4 8 8 0 4 80 88 0.6 0.2 8 8 6.4 8 8", false}, // small numbers
	}
	for _, v := range []string{"", "-", " 4111", "4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"} {
		if cardLayout(v) {
			t.Errorf("cardLayout(%q) = true, want false", v)
		}
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := cardValid(tt.in); got != tt.want {
				t.Errorf("cardValid(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzFinance: the card and IBAN checks take any value without panicking,
// and a card they accept is laid out as cards are printed.
func FuzzFinance(f *testing.F) {
	for _, s := range []string{"4111 1111 1111 1111", "3782 822463 10005", "FR76 3000 6000 0112 3456 7890 189", "4 8 8 0 4 80"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		ibanValid(v)
		if cardValid(v) && !cardLayout(v) {
			t.Errorf("cardValid(%q) accepts a value cardLayout refuses", v)
		}
	})
}

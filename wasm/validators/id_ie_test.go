package validators

import "testing"

func TestPPSN(t *testing.T) {
	runIDRows(t, "ppsnValid", ppsnValid, []idRow{
		{"6413958C", true},
		{"1234567FA", true}, // 2013 format: the second letter counts
		{"7654321GW", true}, // W counts as 0
		{"2345678i", true},
		{"6413958D", false},
		{"1234567F", false},  // the second letter is part of the check
		{"1234567FC", false}, // second letter not issued
		{"1111111L", false},  // one digit repeated, though its check letter
		{"641395C", false},
	})
}

func FuzzIE(f *testing.F) {
	fuzzIDs(f, []string{"6413958C", "1234567FA"}, ppsnValid)
}

package validators

import "testing"

func TestCodiceFiscale(t *testing.T) {
	runIDRows(t, "codiceFiscaleValid", codiceFiscaleValid, []idRow{
		{"RSSMRA85T10A562S", true},
		{"rssmra85t10a562s", true},
		{"BNCGLI90A41H501E", true}, // woman: day + 40
		{"RSSMRA85T10A562T", false},
		{"RSSMRA85Z10A562S", false}, // no month Z
		{"RSSMRA85T32A562S", false}, // day 32
		{"A55AAA00B11C333N", false},
		{"RSSMRA85T10A562", false},
	})
	// Omocodia: digits replaced by letters, from the right, keep a valid
	// code once the check letter is recomputed.
	body := []byte("RSSMRA85T10A56N")
	for c := byte('A'); c <= 'Z'; c++ {
		if codiceFiscaleValid(string(body) + string(c)) {
			return
		}
	}
	t.Errorf("no check letter makes omocodia code %s valid", body)
}

func FuzzIT(f *testing.F) {
	fuzzIDs(f, []string{"RSSMRA85T10A562S", "AAAAAA00B11C333Y"}, codiceFiscaleValid)
}

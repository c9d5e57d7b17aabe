package validators

import "testing"

func TestHasTimeRange(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{" (mercredi et samedi 14h-18h) 🐾", true},
		{" (Mon-Fri 9-12)", true},
		{"Ufficio servizi scolastici lun-ven 9-12, tel. ", true},
		{"la segreteria è aperta martedì e giovedì 14:30–16:30, tel. ", true},
		{" (de 10 a 14h).", true},
		{" Mo–Do 9–12 Uhr", true},
		{" van 9 tot 17 uur", true},
		{" dalle 9.30 alle 12.30", true},
		{" entre 9h et 12h30", true},
		{"\u00a014h\u00a0-\u00a018h", true},
		{" lun.-ven. 8-12", true},
		{" de 14 h à 18 h", true},
		{" de 9 à 12 heures", true},
		{" (9-12 ans)", false},          // ages
		{" score 3-1 hier", false},      // a score
		{" pages 12-14", false},         // no days, no clock
		{" 5.50-6.50 € la part", false}, // a price
		{" 18h-14h", false},             // the second is not later
		{" 2h-3heures de route", false}, // "3heures" is not a clock time
		{" 04-12-14-56-78", false},      // a phone number's pairs
		{" du 14/02 au 18/02", false},   // dates
		{" 2024-2025", false},
		{" A1-B2 9-12", false}, // "A1-B2" is no range of days
		{" 25h-26h", false},
		{"", false},
		{"9", false},
		{"9h-", false},
	} {
		if got := hasTimeRange(tc.s); got != tc.want {
			t.Errorf("hasTimeRange(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestNewNear(t *testing.T) {
	f, err := NewNear("opening_hours")
	if err != nil {
		t.Fatal(err)
	}
	if !f("", " (Mon-Fri 9-12)") || !f("lun-ven 9-12, tel. ", "") || f("Appelle-moi au ", " après 18h") {
		t.Error("opening_hours: wrong answer")
	}
	if _, err := NewNear("hours"); err == nil {
		t.Error("an unknown check: want an error")
	}
}

// FuzzHasTimeRange: any text, valid UTF-8 or not, gets an answer.
func FuzzHasTimeRange(f *testing.F) {
	for _, s := range []string{" (Mon-Fri 9-12)", "de 10 a 14h", "8.30-12.30", "lun.-ven. 8-12", "9h-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hasTimeRange(s)
	})
}

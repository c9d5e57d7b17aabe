package validators

import "testing"

func TestNINO(t *testing.T) {
	runIDRows(t, "ninoValid", ninoValid, []idRow{
		{"AB 12 34 56 C", true},
		{"hh 01 02 03 d", true},
		{"tw987654a", true},
		{"AA 12 34 56 H", false}, // suffix beyond D
		{"FQ 00 00 00 C", false},
		{"BG123612A", false},
		{"NT 99 88 77 A", false},
		{"UV 98 76 54 B", false},
		{"AO 12 34 56 B", false},
		{"AB 12 34 56", false},
	})
}

func TestNHS(t *testing.T) {
	runIDRows(t, "nhsValid", nhsValid, []idRow{
		{"401-023-2137", true},
		{"221 395 1837", true},
		{"4041298415", true},
		{"010 385 1003", true},  // a CHI: born 1 March 1985
		{"003 269 8674", false}, // starts with 0 but no day: not a CHI
		{"055 804 5170", false}, // a Florence landline
		{"0032698674", false},   // one block starting with 0: a French phone
		{"401-023-2138", false},
		{"4444444444", false},
	})
}

func TestUKDrivingLicence(t *testing.T) {
	runIDRows(t, "ukDrivingLicenceValid", ukDrivingLicenceValid, []idRow{
		{"MORGA607054SM9IJ", true},
		{"FO999512018AA1AB", true},
		{"SMITH862310AB1CD", true}, // woman: month + 50
		{"morga607054sm9ij", true},
		{"MORGA613054SM9IJ", false},
		{"MORGA601324SM9IJ", false},
		{"99999657054SM9IJ", false},
		{"MO9G9657054SM9IJ", false},
		{"MORGA65705SM9IJ", false},
	})
}

func FuzzUK(f *testing.F) {
	fuzzIDs(f, []string{"AB 12 34 56 C", "401-023-2137", "MORGA607054SM9IJ"}, ninoValid, nhsValid, ukDrivingLicenceValid)
}

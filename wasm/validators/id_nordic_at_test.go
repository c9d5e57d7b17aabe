package validators

import "testing"

func TestHETU(t *testing.T) {
	runIDRows(t, "hetuValid", hetuValid, []idRow{
		{"131052-308T", true},
		{"010594Y9032", true},
		{"020594X903P", true},
		{"010516B903X", true},
		{"130785-515K", true},
		{"111111-111A", false},
		{"012245A110G", false}, // month 22
		{"131052/308T", false},
		{"131052-308", false},
	})
}

func TestPersonnummer(t *testing.T) {
	runIDRows(t, "personnummerValid", personnummerValid, []idRow{
		{"198712202384", true},
		{"871220-2384", true},
		{"19910924-2397", true},
		{"9201232387", true},
		{"8507307778", true},
		{"19000309-3393", false},
		{"200504422381", false}, // day 42
		{"0612345678", false},   // ten digits starting with 0: a phone
		{"871220-2385", false},
	})
}

func TestCPR(t *testing.T) {
	runIDRows(t, "cprValid", cprValid, []idRow{
		{"070761-4285", true},
		{"2902801234", true},
		{"3102801234", false},
		{"070761-0000", false},
	})
}

func TestSVNR(t *testing.T) {
	runIDRows(t, "svnrValid", svnrValid, []idRow{
		{"7156 120385", true},
		{"2910120385", true},
		{"7157 120385", false},
		{"0156 120385", false},
		{"7156 320385", false},
	})
}

func FuzzNordicAT(f *testing.F) {
	fuzzIDs(f, []string{"131052-308T", "198712202384", "070761-4285", "7156 120385"},
		hetuValid, personnummerValid, cprValid, svnrValid)
}

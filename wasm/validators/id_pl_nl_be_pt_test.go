package validators

import "testing"

func TestPESEL(t *testing.T) {
	runIDRows(t, "peselValid", peselValid, []idRow{
		{"44051401458", true},
		{"02070803628", true},
		{"85073003691", true},
		{"85073003692", false}, // check digit off
		{"44051401459", false},
		{"85040812345", false},
		{"11110021111", false}, // day 00
		{"1111321111", false},
		{"00000000000", false},
	})
}

func TestBSN(t *testing.T) {
	runIDRows(t, "bsnValid", bsnValid, []idRow{
		{"784937199", true},
		{"7849.37.199", true},
		{"050427519", true},
		{"784937198", false},
		{"123456789", false},
		{"000000000", false},
		{"78493719", false},
	})
}

func TestBENationalNumber(t *testing.T) {
	runIDRows(t, "beNationalNumberValid", beNationalNumberValid, []idRow{
		{"85.07.30-362.87", true},
		{"85073036287", true},
		{"04.03.15-812.36", true}, // born in 2000 or later: 2 prepended
		{"85073036288", false},
		{"85133036287", false}, // month 13
		{"00000000000", false},
	})
}

func TestPTNIF(t *testing.T) {
	runIDRows(t, "ptNIFValid", ptNIFValid, []idRow{
		{"223585157", true},
		{"223 585 157", true},
		{"212477714", true},
		{"223585158", false},
		{"523585157", false}, // companies start with 5
		{"100000000", false},
	})
}

func FuzzPLNLBEPT(f *testing.F) {
	fuzzIDs(f, []string{"44051401458", "784937199", "85.07.30-362.87", "223585157"},
		peselValid, bsnValid, beNationalNumberValid, ptNIFValid)
}

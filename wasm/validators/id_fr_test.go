package validators

import "testing"

func TestNIR(t *testing.T) {
	runIDRows(t, "nirValid", nirValid, []idRow{
		{"1 85 05 78 006 084 91", true},
		{"185057800608491", true},
		{"1.85.05.78.006.084.91", true},
		{"1 85 05 2A 004 012 70", true}, // Corsica: 2A counts as 19
		{"1 85 05 2a 004 012 70", true},
		{"2 69 03 75 056 556 66", true},
		{"1 85 05 78 006 084 36", false}, // wrong key
		{"1 85 05 2A 004 012 71", false},
		{"5 85 05 78 006 084 91", false}, // no sex digit 5
		{"1 85 13 78 006 084 91", false}, // month 13
		{"1 85 05 00 006 084 91", false}, // department 00
		{"1 85 05 78 006 000 91", false}, // order 000
		{"1 85 05 2C 004 012 70", false},
		{"18505780060849", false},
		{"", false},
	})
}

func TestSPI(t *testing.T) {
	runIDRows(t, "spiValid", spiValid, []idRow{
		{"1058789225291", true},
		{"10 58 789 225 291", true},
		{"1174137170206", true},
		{"1058789225292", false}, // key off by one
		{"4058789225291", false}, // starts above 3
		{"0000000000000", false},
		{"105878922529", false},
	})
}

func TestCNI(t *testing.T) {
	runIDRows(t, "cniValid", cniValid, []idRow{
		{"150692310285", true},
		{"0712 2A1 04523", true},
		{"X4RTBPFW4", true},
		{"151392310285", false}, // month 13
		{"000000000000", false},
		{"ABCDEFGHI", false}, // no digit
		{"123456789", false}, // no letter
		{"15069231028", false},
	})
}

func FuzzFR(f *testing.F) {
	fuzzIDs(f, []string{"1 85 05 2A 004 012 70", "1058789225291", "2B"}, nirValid, spiValid, cniValid)
}

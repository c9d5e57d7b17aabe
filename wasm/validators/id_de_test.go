package validators

import "testing"

func TestSteuerID(t *testing.T) {
	runIDRows(t, "steuerIDValid", steuerIDValid, []idRow{
		{"87348210962", true},
		{"87 348 210 962", true},
		{"86534230130", true},
		{"12345678903", true},
		{"87348210963", false},
		{"02476291358", false}, // leading 0: BZSt test numbers
		{"11111111111", false},
		{"11112345678", false}, // one digit four times
		{"11123456789", false}, // three identical in a row
		{"123456789030", false},
	})
}

func TestDETaxNumber(t *testing.T) {
	runIDRows(t, "deTaxNumberValid", deTaxNumberValid, []idRow{
		{"0281508150123", true},
		{"123/456/78901", true},
		{"12/345/6789", true},
		{"1781508150001", false}, // no Land 17
		{"0081508150001", false},
		{"028150815012", false},
		{"1/2/3", false},
	})
}

func TestDEDocuments(t *testing.T) {
	runIDRows(t, "deIDCardValid", deIDCardValid, []idRow{
		{"L01X00T44", true},
		{"l01x00t44", true},
		{"L01X00T47", false}, // check digit 7 is wrong
		{"C01X00T41", false}, // C is a passport letter
		{"T22000129", false},
		{"L0000000X", false},
	})
	runIDRows(t, "dePassportValid", dePassportValid, []idRow{
		{"C01X00T41", true},
		{"C4J741298", true},
		{"F12345671", true},
		{"F12345678", false},
		{"C0123456", false},
		{"C012345678", false},
		{"CAB123451", false}, // A and B are not in the document alphabet
	})
}

func TestDEIDCardFormat(t *testing.T) {
	runIDRows(t, "deIDCardFormat", deIDCardFormat, []idRow{
		{"L01X00T47", true},
		{"T22000129", true},
		{"C01X00T47", false}, // passport letter
		{"LXXXXXXXX", false}, // no digit
		{"T00000000", false},
		{"L01A00T47", false}, // A is not in the alphabet
	})
}

func TestKVNR(t *testing.T) {
	runIDRows(t, "kvnrValid", kvnrValid, []idRow{
		{"A000500015", true},
		{"K715630433", true},
		{"k715630433", true},
		{"A123456787", false},
		{"1123456780", false},
		{"A12345678", false},
	})
}

func TestRVNR(t *testing.T) {
	runIDRows(t, "rvnrValid", rvnrValid, []idRow{
		{"15070649C103", true},
		{"12300785M765", true},
		{"12 300785 M 765", true},
		{"38551285K051", true}, // day + 50
		{"15070649C100", false},
		{"15071349C103", false}, // month 13
		{"150706491103", false},
	})
}

func FuzzDE(f *testing.F) {
	fuzzIDs(f, []string{"87348210962", "123/456/78901", "L01X00T44", "A000500015", "15070649C103"},
		steuerIDValid, deTaxNumberValid, deIDCardValid, dePassportValid, deIDCardFormat, kvnrValid, rvnrValid)
}

package validators

import "testing"

func TestAVS(t *testing.T) {
	runIDRows(t, "avsValid", avsValid, []idRow{
		{"756.9371.0452.85", true},
		{"7569371045285", true},
		{"756 9371 0452 85", true},
		{"756.9371.0452.86", false}, // check digit off
		{"757.9371.0452.85", false}, // not 756
		{"756.0000.0000.02", false}, // placeholder
		{"756.9371.0452.8", false},
	})
}

func TestCPF(t *testing.T) {
	runIDRows(t, "cpfValid", cpfValid, []idRow{
		{"384.715.926-73", true},
		{"38471592673", true},
		{"384.715.926-74", false}, // second check digit off
		{"384.715.926-83", false}, // first check digit off
		{"111.111.111-11", false}, // passes both checks, never issued
		{"384.715.926", false},
	})
}

func TestPTCC(t *testing.T) {
	runIDRows(t, "ptCCValid", ptCCValid, []idRow{
		{"14829173 2 ZX1", true},
		{"148291732ZX1", true},
		{"14829173-2-ZX1", true},
		{"14829173 2 ZX2", false}, // check character off
		{"14829173 3 ZX1", false},
		{"14829173 2 Z11", false}, // version is two letters
		{"00000000 0 ZZ4", false},
	})
}

func FuzzCHBR(f *testing.F) {
	fuzzIDs(f, []string{"756.9371.0452.85", "384.715.926-73", "14829173 2 ZX1"}, avsValid, cpfValid, ptCCValid)
}

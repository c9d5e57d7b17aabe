package validators

import "testing"

func TestDNI(t *testing.T) {
	runIDRows(t, "dniValid", dniValid, []idRow{
		{"48291735S", true},
		{"48291735-S", true},
		{"48.291.735-S", true},
		{"12345678Z", true},
		{"1111111G", true},  // 7-digit DNI
		{"01111111G", true}, // the same, zero-padded
		{"K1111111G", true}, // NIF K for minors
		{"48291735T", false},
		{"12345678A", false},
		{"00000000T", false},
		{"4829173S", false},
		{"K48291735S", false},
	})
}

func TestNIE(t *testing.T) {
	runIDRows(t, "nieValid", nieValid, []idRow{
		{"X4829173R", true},
		{"Z8078221M", true},
		{"Y8063915-Z", true},
		{"x9613851n", true},
		{"Y8063915Q", false},
		{"W8063915Q", false},
		{"Y806391Q", false},
	})
}

func TestNSS(t *testing.T) {
	runIDRows(t, "nssValid", nssValid, []idRow{
		{"281234567840", true},
		{"28/12345678/40", true},
		{"28 12345678 40", true},
		{"08-04218736-38", true}, // serial under 10,000,000: read without its zero
		{"281234567841", false},
		{"08/04218736/78", false}, // the check of the serial read with its zero
		{"54/12345678/12", false}, // no such province
		{"00/12345678/03", false},
		{"28/00000000/00", false},
		{"2812345678400", false},
	})
}

func FuzzES(f *testing.F) {
	fuzzIDs(f, []string{"48291735S", "X4829173R", "K1111111G", "28/12345678/40"}, dniValid, nieValid, nssValid)
}

package validators

import "testing"

func TestSIN(t *testing.T) {
	runIDRows(t, "sinValid", sinValid, []idRow{
		{"046 454 286", false}, // Service Canada's example: a fictitious 0
		{"274 819 309", true},
		{"274-819-309", true},
		{"274819309", true},
		{"946 454 287", true},
		{"274 819 308", false}, // check digit
		{"846 454 288", false}, // a business number's range
		{"27481930", false},
	})
}

func FuzzCA(f *testing.F) {
	fuzzIDs(f, []string{"274 819 309", "946-454-287"}, sinValid)
}

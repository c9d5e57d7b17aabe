package validators

import "testing"

func TestPassportShape(t *testing.T) {
	runIDRows(t, "passportShape", passportShape, []idRow{
		{"NXF4R82J1", true},
		{"spec12014", true},
		{"EH123456", true},
		{"NXFARBBJI", false}, // no digit
		{"123456789", false}, // no letter
		{"AB12345", false},
		{"AB123456789", false},
	})
}

func FuzzPassport(f *testing.F) {
	fuzzIDs(f, []string{"NXF4R82J1", "EH123456"}, passportShape)
}

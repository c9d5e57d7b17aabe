package validators

import "testing"

func TestSSN(t *testing.T) {
	runIDRows(t, "ssnValid", ssnValid, []idRow{
		{"078-05-1123", true},
		{"536 22 8726", true},
		{"536228726", true},
		{"078-05-1120", false}, // the Woolworth wallet card
		{"123-45-6789", false},
		{"000-12-3456", false},
		{"666-12-3456", false},
		{"912-70-1234", false},
		{"078-00-1123", false},
		{"078-05-0000", false},
	})
}

func TestITIN(t *testing.T) {
	runIDRows(t, "itinValid", itinValid, []idRow{
		{"911-70-1234", true},
		{"911-53-1234", true},
		{"911701234", true},
		{"911-89-1234", false},
		{"911-93-1234", false},
		{"811-70-1234", false},
	})
}

func TestMBI(t *testing.T) {
	runIDRows(t, "mbiValid", mbiValid, []idRow{
		{"1EG4-TE5-MK73", true},
		{"1eg4te5mk73", true},
		{"9XX9-XX9-XX99", true},
		{"1SG4-TE5-MK73", false},
		{"AEG4-TE5-MK73", false},
		{"1EG4-TE5-MK7", false},
	})
}

func FuzzUS(f *testing.F) {
	fuzzIDs(f, []string{"078-05-1123", "911-70-1234", "1EG4-TE5-MK73"}, ssnValid, itinValid, mbiValid)
}

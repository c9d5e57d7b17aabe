package validators

import (
	"os"
	"testing"
)

func TestPhone(t *testing.T) {
	json, compact := shippedValidator(t, "phone", false), shippedValidator(t, "phone", true)
	tests := []struct {
		in   string
		want bool
	}{
		// France: international, (0), 00, national with every separator.
		{"+33 6 12 34 56 78", true},
		{"+33 (0)6 12 34 56 78", true},
		{"+33 06 12 34 56 78", true},
		{"0033 6 12 34 56 78", true},
		{"+33612345678", true},
		{"06 12 34 56 78", true},
		{"06.12.34.56.78", true},
		{"06-12-34-56-78", true},
		{"06/12/34/56/78", true},
		{"06\u00a012\u00a034\u00a056\u00a078", true},
		{"06\u202f12\u202f34\u202f56\u202f78", true},
		{"0612345678", true},
		{"01 42 68 53 00", true},
		{"+33 1 42 68 53 00", true},
		{"0690 12 34 56", true},        // Guadeloupe mobile
		{"+262 692 12 34 56", true},    // Réunion mobile
		{"+33 6 12 34 56", false},      // too short for France
		{"+33 6 12 34 56 78 9", false}, // too long for France
		{"06 00 00 00 00", false},      // placeholder
		{"01 23 45 67 89", false},      // ascending run
		{"00 00 00 00 00", false},
		{"+33 0 12 34 56 78", false},
		// French 08 service numbers laid out as France writes them, which
		// would pass as German, Italian or Irish numbers.
		{"0 800 12 34 56", false},
		{"0 809 401 401", false},
		{"0 892 705 705", false},
		{"0 972 12 34 56", true}, // a VoIP line, as people give theirs
		// A Brazilian postcode (CEP), which would pass as a German landline
		// (area code 05435); the same digits grouped otherwise still do.
		{"05435-010", false},
		{"05435 010", true},
		// A Belgian enterprise number (mod 97), not the mobile it would be.
		{"0485.219.734", false},
		{"0485.219.735", true},
		{"0485 21 97 34", true},
		// France's 09 69 customer lines; Ballina's 096 numbers are shorter.
		{"09 69 32 15 15", false},
		{"0969321515", false},
		{"09 72 12 34 56", true},
		{"096 96123", true}, // Ballina
		// Lone digits: two at most among longer groups, any number in a
		// number spelled out with one separator.
		{"0033 (0)6 12 34 56 78", true},
		{"0 6 1 2 3 4 5 6 7 8", true},
		{"0.6.1.2.3.4.5.6.7.8", true},
		{"06 1 2 3 45 67 8", false},
		{"0 6 1.2 3 4 5 6 7 8", false},
		{"6 8 6.6 68 6 8 8.8", false},
		// Dates and IPv4 addresses are never phones, whatever the plan says.
		{"02/11/1972", false},
		{"12.03.1985", false},
		{"03-02-1939", false},
		{"91.64.118.27", false},
		{"82.64.157.203", false},
		// A bare national run longer than 11 digits is a reference.
		{"0712345678436", false},
		// Germany
		{"+49 30 1234567", true},
		{"030 1234567", true},
		{"030/1234567", true},
		{"0151 23456789", true},
		{"+49 151 23456789", true},
		{"+49 (0)151 23456789", true},
		{"+49 151 2345", false}, // German mobiles have 10 or 11 digits
		// United Kingdom
		{"+44 7911 123456", true},
		{"07911 123456", true},
		{"020 7946 0958", true},
		{"+44 (20) 7123 4567", true},
		{"+44 (0)20 7123 4567", true},
		{"+44 7911 12345", false},
		{"+44 (0)7911 1234567", false},
		// United States and Canada
		{"(415) 555-0132", true},
		{"(415)555-0132", true},
		{"415-555-0132", true},
		{"+1 212-555-0123", true},
		{"+1 415 555 0132", true},
		{"1-415-555-0132", true},
		{"+1 604 555 0199", true}, // Vancouver
		{"4155550132", false},     // NANP numbers must be grouped
		{"415 5550132", true},
		{"00017329884501", false},    // a SEPA mandate reference: no calling code starts with 0
		{"+33 8 00 13 00 00", false}, // toll-free: a business's number, not a person's
		// Toll-free, premium and shared-cost numbers in national form,
		// though Italy's plan would read them as landlines in Bari or
		// Messina; German area codes with the same digits stay numbers.
		{"0800-0543", false},
		{"0900-8844", false},
		{"0800 123 4567", false},
		{"08001234567", false},
		{"0800 12 345", false},
		{"0808 800 5000", false},
		{"0845 602 1234", false},
		{"0848 123 456", false},
		{"0300 123 23 23", false}, // UK public bodies and charities
		{"0345 1234567", true},    // Halle (Saale)
		{"03 00 12 32 32", true},  // laid out as France writes its numbers
		{"0909-1234", false},
		{"0906 123456", true},  // Donauwörth
		{"08421 12345", true},  // Eichstätt
		{"09090 12345", true},  // Rain
		{"0871 123456", true},  // Landshut
		{"080 5214367", true},  // Bari
		{"087 634 2918", true}, // an Irish mobile
		{"+0 17329884501", false},
		{"1 415 555 0132", true},
		{"194 337 00014", false}, // NANP digits, not laid out 3-3-4 (a SIRET's tail)
		{"4155 550 132", false},
		{"+14155550132", true},
		{"(555) 123-4567", false}, // 555 is not an area code
		{"(123) 456-7890", false},
		// Spain, Italy, Portugal: no trunk prefix.
		{"678 90 12 34", true}, // wraps 9 to 0: not a placeholder run
		{"612 34 56 78", true},
		{"123456789", false},
		{"612 34 56 78", true},
		{"+34 612 34 56 78", true},
		{"91 123 45 67", true},
		{"333 123 4567", true},
		{"+39 06 678 4343", true},
		{"06 678 4343", true},
		{"912 345 678", true},
		{"+351 912 345 678", true},
		{"21 234 5678", true},
		{"512 34 56 78", false}, // no Spanish range starts with 5
		// Benelux, Switzerland, Austria, Ireland
		{"06-12345678", true},
		{"+31 6 12345678", true},
		{"020-1234567", true},
		{"0470 12 34 56", true},
		{"+32 470 12 34 56", true},
		{"02 123 45 67", true},
		{"079 123 45 67", true},
		{"+41 79 123 45 67", true},
		{"0664 1234567", true},
		{"087 123 4567", true},
		{"+352 621 123 456", true}, // Luxembourg, international form only
		{"+352 27 12 34 56", true},
		{"27 12 34 56", false}, // bare Luxembourg digits are not tried
		// Rest of the EU/EEA, international form.
		{"+48 512 345 678", true},
		{"+420 601 123 456", true},
		{"+45 20 12 34 56", true},
		{"+46 70 123 45 67", true},
		{"+358 40 1234567", true},
		{"+30 21 0 1234567", true},
		{"+30 691 234 5678", true},
		{"+36 20 123 4567", true},
		{"+40 712 345 678", true},
		{"+47 412 34 567", true},
		{"+354 611 1234", true},
		{"+370 612 34567", true},
		{"+371 2123 4567", true},
		{"+372 5123 4567", true},
		{"+356 9912 3456", true},
		{"+357 96 123456", true},
		{"+385 91 234 5678", true},
		{"+386 31 234 567", true},
		{"+421 912 123 456", true},
		{"+359 87 123 4567", true},
		{"+423 660 123 456", true},
		{"+45 12 34 56 78", false}, // Danish numbers do not start with 1
		{"+49 0", false},
		// Outside the table: lengths only, with '+'.
		{"+55 11 98456 5666", true},
		{"+91 4155 550132", true},
		{"+212 6 12 34 56 78", true},
		{"+90 532 123 45 67", true},
		{"0532 123 45 67", true}, // Turkish mobile, national form
		{"+999 1234 5678", false},
		{"+55 1234", false},
		// Shapes that are not phone numbers.
		{"12/03/2024", false},
		{"12.03.2024", false},
		{"03/2018", false}, // a month and a year ("EZ 03/2018")
		{"09.2021", false},
		{"030/2018", true}, // Berlin
		{"2024", false},
		{"75001", false},
		{"732 829 320 00074", false}, // SIRET
		{"4111 1111 1111 1111", false},
		{"10.4.12.1", false},
		{"1234567890", false},
		{"123456789", false},
		{"12345678901", false},
		{"5321234567", false}, // bare Turkish mobile is not tried
		{"++33 6 12 34 56 78", false},
		{"06 12 34 56 7a", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := json.Valid(tt.in); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			if got := compact.Valid(tt.in); got != tt.want {
				t.Errorf("binary table: got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestCompactPhoneRefusesDamage(t *testing.T) {
	compact, err := Compact("phone", shippedTable(t, "phone"))
	if err != nil {
		t.Fatal(err)
	}
	for n := 1; n < len(compact); n += len(compact)/257 + 1 {
		if _, err := New("phone", compact[:n]); err == nil {
			t.Fatalf("truncated to %d bytes: no error", n)
		}
	}
	if again, err := Compact("phone", compact); err != nil || string(again) != string(compact) {
		t.Error("Compact of a binary table changed it")
	}
}

func TestPhoneTable(t *testing.T) {
	tests := []struct {
		name  string
		table string
		ok    bool
	}{
		{"missing", ``, false},
		{"not json", `{`, false},
		{"minimal", `{"national":["FR"],"regions":[{"region":"FR","cc":33,"trunk":"0","lengths":[9],"mobile":{"6":"6\\d{8}"}}]}`, true},
		{"bad key", `{"regions":[{"region":"FR","cc":33,"lengths":[9],"mobile":{"x":"6\\d{8}"}}]}`, false},
		{"no pattern", `{"regions":[{"region":"FR","cc":33,"lengths":[9]}]}`, false},
		{"bad length", `{"regions":[{"region":"FR","cc":33,"lengths":[40],"mobile":{"6":"6\\d{8}"}}]}`, false},
		{"bad code", `{"regions":[{"region":"FR","cc":1000,"lengths":[9],"mobile":{"6":"6\\d{8}"}}]}`, false},
		{"unknown national", `{"national":["XX"],"regions":[{"region":"FR","cc":33,"lengths":[9],"mobile":{"6":"6\\d{8}"}}]}`, false},
		{"code twice", `{"regions":[{"region":"FR","cc":33,"lengths":[9],"mobile":{"6":"6\\d{8}"}}],"lengths_only":[{"cc":33,"lengths":[9]}]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New("phone", []byte(tt.table))
			if got := err == nil; got != tt.ok {
				t.Errorf("got error %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

// TestPhoneTableCompiles compiles every part of the shipped table, which the
// validator otherwise compiles lazily, on first use.
func TestPhoneTableCompiles(t *testing.T) {
	p, compact := shippedValidator(t, "phone", false).(*phonePlan), shippedValidator(t, "phone", true).(*phonePlan)
	for cc, rs := range p.byCC {
		for i, r := range rs {
			for d := range 10 {
				for j, b := range []*digitBuckets{&r.mobile, &r.fixed, &r.other} {
					if b.src[d] != "" && !b.compiled(byte(d)) {
						t.Errorf("region %s, digit %d: %q does not compile", r.id, d, b.src[d])
					}
					// The binary form carries each compiled part.
					c := compact.byCC[cc][i]
					cb := []*digitBuckets{&c.mobile, &c.fixed, &c.other}[j]
					if (b.src[d] != "") != (cb.prog[d] != 0) {
						t.Errorf("region %s, digit %d: binary form has program %v, source %q", r.id, d, cb.prog[d] != 0, b.src[d])
					}
				}
			}
		}
	}
}

// TestPhoneKind: mobiles are told from landlines and service numbers, in
// every plan a national number may belong to.
func TestPhoneKind(t *testing.T) {
	for _, compact := range []bool{false, true} {
		v := shippedValidator(t, "phone", compact).(Kinder)
		tests := []struct{ value, want string }{
			{"06 12 34 56 78", "mobile"},
			{"+33 (0)7 81 23 45 67", "mobile"},
			{"0033 6 12 34 56 78", "mobile"},
			{"04 67 28 15 52", "landline"},
			{"+33 4 67 28 15 52", "landline"},
			{"09 72 39 92 91", "landline"},
			{"04 75 62 18 93", "landline"}, // in Drôme
			{"0475 62 18 93", "mobile"},    // in Belgium
			{"04.67.28.15.52", "landline"},
			{"+32 475 62 18 93", "mobile"},
			{"+32 2 513 48 72", "landline"},
			{"0151 23456789", "mobile"},
			{"+43 662 874512", "landline"},
			{"07911 123456", "mobile"},   // in Guernsey
			{"055 234 8812", "landline"}, // in Florence, not Turkey
			{"06 581 2247", "landline"},  // in Rome, not Slovenia
			{"01844 261774", "landline"},
			{"654 321 987", "mobile"},
			{"+34 954 22 41 14", "landline"},
			{"925 81 47 20", "landline"},   // in Toledo
			{"925 814 720", "mobile"},      // in Portugal
			{"91 547 83 20", "landline"},   // in Madrid
			{"07131 86 24 50", "landline"}, // in Heilbronn; a UK mobile is not written in pairs
			{"07131 862450", "mobile"},
			{"0711 2584900", "landline"}, // in Stuttgart; a UK mobile is written 07xxx …
			{"07911 123 456", "mobile"},
			{"07112584900", "mobile"},
			{"+39 347 123 4567", "mobile"},
			{"0575 612487", "landline"},
			{"0864 845107", "landline"}, // in Sulmona; an Irish mobile is written 086 …
			{"086 484 5107", "mobile"},
			{"0864845107", "mobile"},
			{"06 12345678", "mobile"},
			{"010 436 82 19", "landline"},
			{"912 345 678", "mobile"}, // a Madrid landline, a Portuguese mobile
			{"218 874 312", "landline"},
			{"0221 221", "landline"},              // in Cologne, not Saint-Pierre-et-Miquelon
			{"035 399 112", "landline"},           // in Bergamo, not Monaco
			{"(330) 674-2210", "fixed_or_mobile"}, // North America's plan does not tell; not an Italian mobile
			{"330 674 2210", "mobile"},            // in Italy
			{"+1 418 525 4781", "fixed_or_mobile"},
		}
		for _, tt := range tests {
			if !v.Valid(tt.value) {
				t.Errorf("compact=%v: %q not valid", compact, tt.value)
				continue
			}
			if got := v.Kind(tt.value); got != tt.want {
				t.Errorf("compact=%v: Kind(%q) = %q, want %q", compact, tt.value, got, tt.want)
			}
		}
	}
}

func FuzzPhone(f *testing.F) {
	v := shippedValidator(f, "phone", false)
	for _, s := range []string{"+33 (0)6 12 34 56 78", "0033 6 12 34 56 78", "06.12.34.56.78",
		"(415) 555-0132", "+55 11 98456 5666", "+", "00", "0", "+1", "(((", "06 12 34 56 78 90 12 34 56 78"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v.Valid(s)
	})
}

func BenchmarkPhone(b *testing.B) {
	v := shippedValidator(b, "phone", false)
	inputs := []string{"06 12 34 56 78", "+49 151 23456789", "0151 23456789", "(415) 555-0132",
		"12/03/2024", "732 829 320 00074", "0987654321"}
	for _, s := range inputs {
		v.Valid(s) // compile the buckets used
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		v.Valid(inputs[i%len(inputs)])
	}
}

func BenchmarkPhoneLoad(b *testing.B) {
	table, err := os.ReadFile("../rules/tables/phone.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := New("phone", table); err != nil {
			b.Fatal(err)
		}
	}
}

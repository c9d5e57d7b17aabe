package validators

import "testing"

// idRow is one table row of a national-id validator test.
type idRow struct {
	in   string
	want bool
}

// runIDRows runs rows as subtests named after the value.
func runIDRows(t *testing.T, name string, f func(string) bool, rows []idRow) {
	t.Helper()
	for _, tt := range rows {
		t.Run(tt.in, func(t *testing.T) {
			if got := f(tt.in); got != tt.want {
				t.Errorf("%s(%q) = %v, want %v", name, tt.in, got, tt.want)
			}
		})
	}
}

// fuzzIDs feeds arbitrary input to validators: they must not panic,
// whatever the shape or length of the value.
func fuzzIDs(f *testing.F, seeds []string, fns ...func(string) bool) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		for _, fn := range fns {
			fn(v)
		}
	})
}

func TestSqueeze(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1 85 05 78 006 084 91", "185057800608491"},
		{"x9613851-n", "X9613851N"},
		{"12\u00a0345", "12345"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var b idBuf
			got, ok := squeeze(tt.in, &b)
			if !ok || string(got) != tt.want {
				t.Errorf("squeeze(%q) = %q, %v, want %q", tt.in, got, ok, tt.want)
			}
		})
	}
	var b idBuf
	if _, ok := squeeze("1234567890123456789012345", &b); ok {
		t.Error("squeeze accepted 25 alphanumerics into a 24-byte buffer")
	}
}

func TestValidDate(t *testing.T) {
	tests := []struct {
		y, m, d int
		want    bool
	}{
		{2024, 2, 29, true},
		{1900, 2, 29, false},
		{2000, 2, 29, true},
		{2023, 4, 31, false},
		{2023, 13, 1, false},
		{2023, 1, 0, false},
	}
	for _, tt := range tests {
		if got := validDate(tt.y, tt.m, tt.d); got != tt.want {
			t.Errorf("validDate(%d, %d, %d) = %v, want %v", tt.y, tt.m, tt.d, got, tt.want)
		}
	}
}

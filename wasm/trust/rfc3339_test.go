package trust

import (
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		ok   bool
		want string // UTC, RFC3339Nano
	}{
		{"2026-11-27T04:10:27Z", true, "2026-11-27T04:10:27Z"},
		{"2026-11-27T04:10:27.5Z", true, "2026-11-27T04:10:27.5Z"},
		{"2026-11-27T05:10:27+01:00", true, "2026-11-27T04:10:27Z"},
		{"2026-11-26T23:40:27.123456789123-04:30", true, "2026-11-27T04:10:27.123456789Z"},
		{"2024-02-29T00:00:00Z", true, "2024-02-29T00:00:00Z"},
		{"2025-02-29T00:00:00Z", false, ""},
		{"2026-11-27T24:00:00Z", false, ""},
		{"2026-11-27T04:10:27", false, ""},
		{"2026-11-27t04:10:27Z", false, ""},
		{"2026-11-27T04:10:27+24:00", false, ""},
		{"2026-11-27T04:10:27+0100", false, ""},
		{"2026-11-27T4:10:27Z", false, ""}, // time.Parse takes it, no signer writes it
		{"", false, ""},
	}
	for _, tt := range tests {
		got, err := parseTime(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("parseTime(%q): err %v, want ok %v", tt.in, err, tt.ok)
			continue
		}
		if tt.ok && got.UTC().Format(time.RFC3339Nano) != tt.want {
			t.Errorf("parseTime(%q) = %v, want %s", tt.in, got, tt.want)
		}
	}
}

// FuzzTime holds parseTime and appendTime to package time: what parseTime
// accepts, time.Time.UnmarshalText accepts as the same instant and offset;
// a timestamp appendTime writes, parseTime reads back; and appendTime
// writes what Time.AppendFormat writes.
func FuzzTime(f *testing.F) {
	f.Add("2026-11-27T04:10:27.5+01:00", int64(1795000000), int32(500), int32(3600))
	f.Add("1999-12-31T23:59:59Z", int64(0), int32(0), int32(-16200))
	f.Fuzz(func(t *testing.T, s string, sec int64, nsec, offset int32) {
		if got, err := parseTime(s); err == nil {
			var want time.Time
			if err := want.UnmarshalText([]byte(s)); err != nil {
				t.Fatalf("parseTime(%q) = %v, UnmarshalText refuses it: %v", s, got, err)
			}
			_, o1 := got.Zone()
			_, o2 := want.Zone()
			if !got.Equal(want) || o1 != o2 {
				t.Fatalf("parseTime(%q) = %v, UnmarshalText gives %v", s, got, want)
			}
		}
		// Years 0 to 9999, offsets within a day, minutes only.
		sec = sec % (10000 * 365 * 86400)
		if sec < 0 {
			sec = -sec
		}
		off := int(offset) % 86400 / 60 * 60
		tm := time.Unix(sec-62135596800+86400, int64(nsec)%1e9).In(time.FixedZone("", off))
		if y := tm.Year(); y < 0 || y > 9999 {
			return
		}
		for _, nano := range []bool{false, true} {
			layout := time.RFC3339
			if nano {
				layout = time.RFC3339Nano
			}
			got, want := string(appendTime(nil, tm, nano)), tm.Format(layout)
			if got != want {
				t.Fatalf("appendTime(%v, %v) = %s, Format gives %s", tm, nano, got, want)
			}
			exact := tm
			if !nano {
				exact = tm.Truncate(time.Second)
			}
			back, err := parseTime(got)
			if err != nil || !back.Equal(exact) {
				t.Fatalf("parseTime(%s) = %v, %v", got, back, err)
			}
		}
	})
}

package trust

import (
	"errors"
	"strconv"
	"time"
)

// Trust documents carry RFC 3339 timestamps. They are read and written
// here rather than with time.Time.UnmarshalText and Format: those bring
// package time's whole layout engine into the wasm core (145 KB, 30 KB
// brotli), for the one format these documents use.

// parseTime reads a timestamp as time.Time.UnmarshalText does for
// canonical RFC 3339 ("2006-01-02T15:04:05.999999999Z07:00": fraction
// optional, any number of digits, "Z" or a ±hh:mm offset). It refuses the
// variants UnmarshalText tolerates through time.Parse (one-digit hours,
// commas), which no signer of ours writes.
func parseTime(s string) (time.Time, error) {
	bad := func() (time.Time, error) {
		return time.Time{}, errors.New("time " + strconv.Quote(s) + " is not RFC 3339")
	}
	if len(s) < len("2006-01-02T15:04:05Z") || s[4] != '-' || s[7] != '-' || s[10] != 'T' ||
		s[13] != ':' || s[16] != ':' {
		return bad()
	}
	ok := true
	num := func(digits string, lo, hi int) int {
		n := 0
		for _, c := range []byte(digits) {
			if !isDigit(c) {
				ok = false
				return lo
			}
			n = n*10 + int(c-'0')
		}
		if n < lo || n > hi {
			ok = false
		}
		return n
	}
	year, month := num(s[0:4], 0, 9999), num(s[5:7], 1, 12)
	day := num(s[8:10], 1, daysIn(year, month))
	hour, minute, sec := num(s[11:13], 0, 23), num(s[14:16], 0, 59), num(s[17:19], 0, 59)
	if !ok {
		return bad()
	}
	rest, nsec := s[19:], 0
	if len(rest) >= 2 && rest[0] == '.' && isDigit(rest[1]) {
		n := 1
		for n < len(rest) && isDigit(rest[n]) {
			n++
		}
		// Nanoseconds: digits past the ninth are dropped, as time does.
		for i := 1; i <= 9; i++ {
			nsec *= 10
			if i < n {
				nsec += int(rest[i] - '0')
			}
		}
		rest = rest[n:]
	}
	t := time.Date(year, time.Month(month), day, hour, minute, sec, nsec, time.UTC)
	if rest == "Z" {
		return t, nil
	}
	if len(rest) != len("-07:00") || rest[0] != '+' && rest[0] != '-' || rest[3] != ':' {
		return bad()
	}
	hh, mm := num(rest[1:3], 0, 23), num(rest[4:6], 0, 59)
	if !ok {
		return bad()
	}
	offset := (hh*60 + mm) * 60
	if rest[0] == '-' {
		offset = -offset
	}
	return t.Add(-time.Duration(offset) * time.Second).In(time.FixedZone("", offset)), nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func daysIn(year, month int) int {
	return time.Date(year, time.Month(month)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// AppendTime appends t as t.AppendFormat(b, time.RFC3339) does, without
// package time's layout engine (see parseTime).
func AppendTime(b []byte, t time.Time) []byte { return appendTime(b, t, false) }

// appendTime appends t as t.AppendFormat(b, time.RFC3339Nano) does, or
// time.RFC3339 (no fraction) when nano is false. Years are 0 to 9999.
func appendTime(b []byte, t time.Time, nano bool) []byte {
	year, month, day := t.Date()
	hour, minute, sec := t.Clock()
	// One call site for the fields: each one inlined costs a kilobyte of
	// WebAssembly.
	fields := [...]struct{ n, width int }{{year, 4}, {int(month), 2}, {day, 2}, {hour, 2}, {minute, 2}, {sec, 2}}
	for i, f := range fields {
		if i > 0 {
			b = append(b, "--T::"[i-1])
		}
		b = appendDigits(b, f.n, f.width)
	}
	if ns := t.Nanosecond(); nano && ns != 0 {
		digits := 9
		for ns%10 == 0 {
			ns /= 10
			digits--
		}
		b = append(b, '.')
		b = appendDigits(b, ns, digits)
	}
	_, offset := t.Zone()
	if offset == 0 {
		return append(b, 'Z')
	}
	sign := byte('+')
	if offset < 0 {
		sign, offset = '-', -offset
	}
	b = append(b, sign)
	b = appendDigits(b, offset/3600, 2)
	b = append(b, ':')
	return appendDigits(b, offset/60%60, 2)
}

// appendDigits appends n (>= 0) in width digits, zero-padded.
func appendDigits(b []byte, n, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for n > 0 || width > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
		width--
	}
	return append(b, buf[i:]...)
}

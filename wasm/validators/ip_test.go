package validators

import "testing"

func TestIPv4(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"192.168.1.1", true},
		{"0.0.0.0", true},
		{"255.255.255.255", true},
		{"10.0.0.0/8", true},
		{"192.168.1.1/32", true},
		{"192.168.1.256", false},
		{"300.168.1.1", false},
		{"192.168.1", false},
		{"192.168.1.1.1", false},
		{"06.12.34.56.78", false},
		{"1.000.000.000", false},
		{"192.168.01.1", false},
		{"10.0.0.0/33", false},
		{"10.0.0.0/123", false},
		{"1.2.3.", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ipv4Valid(tt.in); got != tt.want {
				t.Errorf("ipv4Valid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestIPv6(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2001:db8::1", true},
		{"684D:1111:222:3333:4444:5555:6:77", true},
		{"::1", true},
		{"fe80::1%eth0", true},
		{"::ffff:192.0.2.1", true},
		{"2001:db8::/32", true},
		{"fe80::1%eth0/64", true},
		{"684D:1111:222:3333:4444:5555:77", false},
		{"2001::db8::1", false},
		{"12345:db8::1", false},
		{"::ffff:256.0.0.1", false},
		{"12:34:56", false},
		{"aa:bb:cc:dd:ee:ff", false},
		{"2001:db8::/129", false},
		{"192.168.1.1", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := ipv6Valid(tt.in); got != tt.want {
				t.Errorf("ipv6Valid(%q): got %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func FuzzIP(f *testing.F) {
	for _, s := range []string{"192.168.1.1", "10.0.0.0/8", "2001:db8::1", "fe80::1%eth0/64", "::ffff:1.2.3.4", "1.2.3."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ipv4Valid(s) && ipv6Valid(s) {
			t.Errorf("%q is both IPv4 and IPv6", s)
		}
	})
}

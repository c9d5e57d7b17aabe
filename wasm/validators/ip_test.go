package validators

import (
	"net/netip"
	"strings"
	"testing"
)

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
		{"::", true},
		{"1:2:3:4:5:6:7::", true},
		{"1:2:3:4:5:6:1.2.3.4", true},
		{"::1.2.3.4", true},
		{"1::2:3:4:5:6:7:8", false},
		{"1:2:3:4:5:6:7:1.2.3.4", false},
		{"::1.2.3.04", false},
		{"1.2.3.4::", false},
		{"fe80::1%", false},
		{":1::", false},
		{"1:::2", false},
		{"1:2:3:4:5:6:7:8:", false},
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

// FuzzIPv6AgreesWithNetip: without a prefix length, ipv6Valid accepts
// exactly the IPv6 text forms net/netip parses (it avoids linking net/netip).
func FuzzIPv6AgreesWithNetip(f *testing.F) {
	for _, s := range []string{"2001:db8::1", "fe80::1%eth0", "::ffff:1.2.3.4", "1:2:3:4:5:6:7::", "::", "1::2::3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if strings.Contains(s, "/") || strings.Count(s, ":") < 2 {
			return
		}
		a, err := netip.ParseAddr(s)
		if want := err == nil && a.Is6(); ipv6Valid(s) != want {
			t.Errorf("ipv6Valid(%q) = %v, net/netip says %v (%v)", s, !want, want, err)
		}
	})
}

func TestPrivateIPv4(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"192.168.1.1", true}, {"10.0.0.0/8", true}, {"127.0.0.1", true}, {"169.254.3.4", true},
		{"172.16.0.1", true}, {"172.31.255.255", true}, {"172.15.0.1", false}, {"172.32.0.1", false},
		{"172.2.0.1", false}, {"192.169.1.1", false}, {"82.64.123.7", false}, {"100.64.0.1", false},
	}
	for _, tt := range tests {
		if got := privateIPv4(tt.in); got != tt.want {
			t.Errorf("privateIPv4(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestIPv4Public(t *testing.T) {
	v, err := New("ipv4_public", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"82.64.118.203", true}, {"192.168.1.254", false}, {"0.9.9.8", false}, {"1.9.9.8", true},
		{"0.0.0.0", true}, {"0.0.0.0/0", true},
	} {
		if got := v.Valid(tt.in); got != tt.want {
			t.Errorf("ipv4_public(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

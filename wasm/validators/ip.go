package validators

import (
	"net/netip"
	"strings"
)

func init() {
	registerFunc("ipv4", ipv4Valid)
	registerFunc("ipv6", ipv6Valid)
}

// ipv4Valid accepts a dotted-quad IPv4 address (RFC 791), optionally with a
// CIDR prefix length (RFC 4632) such as "10.0.0.0/8". It refuses octets above
// 255, leading zeros (as net/netip does: "01" is ambiguous between octal and
// decimal) and any other count of parts, so dotted phone numbers
// ("06.12.34.56.78") and thousands groupings ("1.000.000.000") fail.
func ipv4Valid(v string) bool {
	addr, prefix, hasPrefix := strings.Cut(v, "/")
	if hasPrefix && !smallUint(prefix, 32) {
		return false
	}
	parts := 0
	for len(addr) > 0 {
		part, rest, _ := strings.Cut(addr, ".")
		if !smallUint(part, 255) {
			return false
		}
		parts++
		if len(rest) == 0 && len(addr) > len(part) {
			return false // trailing dot
		}
		addr = rest
	}
	return parts == 4
}

// smallUint reports whether s is a decimal number without leading zeros that
// is at most max.
func smallUint(s string, max int) bool {
	if s == "" || len(s) > 3 || len(s) > 1 && s[0] == '0' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n <= max
}

// ipv6Valid accepts an IPv6 address in any RFC 4291 text form (full,
// "::"-compressed, with an embedded IPv4 tail), with an optional zone
// ("%eth0", RFC 6874) and prefix length. Times ("12:34:56"), ratios and MAC
// addresses do not parse. net/netip does the parsing.
func ipv6Valid(v string) bool {
	addr, prefix, hasPrefix := strings.Cut(v, "/")
	if hasPrefix && !smallUint(prefix, 128) {
		return false
	}
	if strings.Count(addr, ":") < 2 {
		return false
	}
	a, err := netip.ParseAddr(addr)
	return err == nil && a.Is6()
}

package validators

import "strings"

func init() {
	registerFunc("ipv4", ipv4Valid)
	registerFunc("ipv4_public", func(v string) bool { return ipv4Valid(v) && !privateIPv4(v) && !version(v) })
	registerFunc("ipv4_private", func(v string) bool { return ipv4Valid(v) && privateIPv4(v) })
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

// privateIPv4 reports an address of a private network (RFC 1918), the
// loopback or link-local block: the same on every home network, such as a
// router's admin page, unlike a public address that points at a place.
func privateIPv4(v string) bool {
	a, rest, _ := strings.Cut(v, ".")
	b, _, _ := strings.Cut(rest, ".")
	switch a {
	case "10", "127":
		return true
	case "192":
		return b == "168"
	case "169":
		return b == "254"
	case "172":
		return len(b) == 2 && (b[0] == '1' && b[1] >= '6' || b[0] == '2' || b[0] == '3' && b[1] <= '1')
	}
	return false
}

// version reports a dotted quad in 0.0.0.0/8 other than "0.0.0.0" itself
// (which configurations and firewall rules write): no host has such an
// address (RFC 1122), but "0.9.9.8" is a mod's version.
func version(v string) bool {
	return strings.HasPrefix(v, "0.") && !strings.HasPrefix(v, "0.0.0.0")
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
// addresses do not parse. It accepts what net/netip's ParseAddr accepts as
// IPv6 (a fuzz test compares them); net/netip is not used because it links
// package unique, whose size and start-up cost the wasm core does not need.
func ipv6Valid(v string) bool {
	addr, prefix, hasPrefix := strings.Cut(v, "/")
	if hasPrefix && !smallUint(prefix, 128) {
		return false
	}
	if strings.Count(addr, ":") < 2 {
		return false
	}
	if i := strings.IndexByte(addr, '%'); i >= 0 {
		if i == len(addr)-1 {
			return false // empty zone
		}
		addr = addr[:i]
	}
	groups, ellipsis := 0, false
	if strings.HasPrefix(addr, "::") {
		ellipsis, addr = true, addr[2:]
	} else if strings.HasPrefix(addr, ":") {
		return false
	}
	for addr != "" {
		n := 0
		for n < len(addr) && n < 5 && isHex(addr[n]) {
			n++
		}
		if n < len(addr) && addr[n] == '.' {
			// An IPv4 tail ends the address and counts as two groups.
			if !ipv4Valid(addr) || strings.Contains(addr, "/") || groups > 6 {
				return false
			}
			groups += 2
			break
		}
		if n == 0 || n > 4 {
			return false
		}
		groups++
		addr = addr[n:]
		switch {
		case addr == "":
		case strings.HasPrefix(addr, "::"):
			if ellipsis {
				return false
			}
			ellipsis, addr = true, addr[2:]
		case addr[0] == ':' && len(addr) > 1:
			addr = addr[1:]
		default:
			return false
		}
	}
	if ellipsis {
		return groups < 8
	}
	return groups == 8
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

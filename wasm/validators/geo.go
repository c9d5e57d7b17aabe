package validators

func init() {
	registerFunc("geo", geoValid)
}

// geoValid accepts a latitude/longitude pair as people paste it from map
// apps: decimal degrees ("48.8566, 2.3522", "-33.8688,151.2093",
// "48.8566° N, 2.3522° E") or degrees-minutes-seconds
// ("48°51'24\"N 2°21'08\"E", with ′ ″ or minutes with decimals). The first
// coordinate is the latitude (|lat| <= 90), the second the longitude
// (|lon| <= 180), minutes and seconds are below 60, and hemisphere letters,
// when given, must be N/S then E/W/O (O = ouest, oeste).
func geoValid(v string) bool {
	var comp [2]geoComp
	n := 0 // components closed
	var cur geoComp
	// Hemisphere letters come either all before their numbers
	// ("N 48°51' E 2°21'") or all after them ("48°51'N 2°21'E").
	prefix := false
	for i := 0; i < len(v); i++ {
		if c := v[i]; c >= '0' && c <= '9' {
			break
		} else if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			prefix = true
			break
		}
	}
	closeComp := func() bool {
		if cur.nums == 0 {
			return true
		}
		if n == 2 {
			return false
		}
		comp[n] = cur
		n++
		cur = geoComp{}
		return true
	}
	for i := 0; i < len(v); {
		c := v[i]
		switch {
		case c >= '0' && c <= '9' || (c == '-' || c == '+') && i+1 < len(v) && v[i+1] >= '0' && v[i+1] <= '9':
			neg := c == '-'
			if c == '-' || c == '+' {
				i++
			}
			// A decimal number ends a component: minutes or seconds never
			// follow a degree value that has decimals.
			if cur.nums > 0 && (cur.decimal || neg) {
				if !closeComp() {
					return false
				}
			}
			val, dec, j := parseGeoNumber(v, i)
			if cur.nums == 3 {
				return false
			}
			cur.val[cur.nums] = val
			cur.nums++
			cur.decimal = cur.decimal || dec
			cur.neg = cur.neg || neg
			i = j
		case c == 'N' || c == 'n' || c == 'S' || c == 's' || c == 'E' || c == 'e' || c == 'W' || c == 'w' || c == 'O' || c == 'o':
			h := c &^ 0x20
			if prefix {
				if !closeComp() {
					return false
				}
				cur.hemi = h
			} else {
				if cur.nums == 0 {
					return false
				}
				cur.hemi = h
				if !closeComp() {
					return false
				}
			}
			i++
		case c == ',' || c == ';' || c == '/':
			if !closeComp() {
				return false
			}
			i++
		default:
			i++
		}
	}
	if !closeComp() || n != 2 {
		return false
	}
	lat, ok1 := comp[0].degrees(90)
	lon, ok2 := comp[1].degrees(180)
	if !ok1 || !ok2 || lat == 0 && lon == 0 {
		return false
	}
	h0, h1 := comp[0].hemi, comp[1].hemi
	if h0 != 0 && h0 != 'N' && h0 != 'S' || h1 != 0 && h1 != 'E' && h1 != 'W' && h1 != 'O' {
		return false
	}
	return true
}

type geoComp struct {
	val     [3]float64
	nums    int
	decimal bool
	neg     bool
	hemi    byte
}

// degrees converts a component to decimal degrees and checks its range.
func (g geoComp) degrees(limit float64) (float64, bool) {
	d := g.val[0]
	for k := 1; k < g.nums; k++ {
		if g.val[k] >= 60 {
			return 0, false
		}
	}
	if g.nums >= 2 {
		d += g.val[1] / 60
	}
	if g.nums == 3 {
		d += g.val[2] / 3600
	}
	if d > limit {
		return 0, false
	}
	return d, true
}

// parseGeoNumber reads digits with an optional '.' fraction from v[i:].
func parseGeoNumber(v string, i int) (val float64, decimal bool, end int) {
	for i < len(v) && v[i] >= '0' && v[i] <= '9' {
		val = val*10 + float64(v[i]-'0')
		i++
	}
	if i+1 < len(v) && v[i] == '.' && v[i+1] >= '0' && v[i+1] <= '9' {
		decimal = true
		i++
		scale := 0.1
		for i < len(v) && v[i] >= '0' && v[i] <= '9' {
			val += float64(v[i]-'0') * scale
			scale /= 10
			i++
		}
	}
	return val, decimal, i
}

package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// committed is the table shipped in the rule bundle, relative to this package.
const committed = "../../rules/tables/phone.json"

// TestPhoneTableUpToDate regenerates the table and fails when the committed
// file differs, so a phonenumbers upgrade or a generator change cannot ship
// without regenerating the data.
func TestPhoneTableUpToDate(t *testing.T) {
	out := filepath.Join(t.TempDir(), "phone.json")
	if err := write(out); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(committed)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is stale: run `go run ./wasm/cmd/gen-phonedata -out wasm/rules/tables/phone.json` from the repository root", committed)
	}
}

// TestGenerateDeterministic checks that two runs give the same bytes (map
// iteration order must not leak into the output).
func TestGenerateDeterministic(t *testing.T) {
	a, err := generate()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		b, err := generate()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Fatalf("run %d differs from the first", i+2)
		}
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want map[string]string
	}{
		{`6\d{8}`, map[string]string{"6": `6\d{8}`}},
		{`[67]\d{8}`, map[string]string{"6": `[67]\d{8}`, "7": `[67]\d{8}`}},
		{`(?:6[0-2]|7[3-9])\d{7}`, map[string]string{"6": `(?:6[0-2])\d{7}`, "7": `(?:7[3-9])\d{7}`}},
		{`(?:80)?9\d|1\d`, map[string]string{"1": `1\d`, "8": `(?:80)?9\d`, "9": `(?:80)?9\d`}},
		{`(?:2(?:1|3)|3)\d{4}|4\d`, map[string]string{"2": `(?:2(?:1|3))\d{4}`, "3": `(?:3)\d{4}`, "4": `4\d`}},
		{`(?:|5)6`, map[string]string{"5": `(?:|5)6`, "6": `(?:|5)6`}},
		{``, nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := byFirstDigit(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSplitEquivalent checks, on libphonenumber's example numbers and
// variants of them, that the split patterns accept exactly what the
// original pattern accepts.
func TestSplitEquivalent(t *testing.T) {
	coll, err := phonenumbers.MetadataCollection()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range coll.GetMetadata() {
		if !slices.Contains(regions, m.GetId()) {
			continue
		}
		for _, d := range []*phonenumbers.PhoneNumberDesc{m.GetMobile(), m.GetFixedLine(), m.GetTollFree(),
			m.GetPremiumRate(), m.GetSharedCost(), m.GetVoip(), m.GetUan()} {
			p := pattern(d)
			if p == "" {
				continue
			}
			orig := regexp.MustCompile("^(?:" + p + ")$")
			parts, err := byFirstDigit(p)
			if err != nil {
				t.Fatal(err)
			}
			ex := d.GetExampleNumber()
			for _, n := range variants(ex) {
				want := orig.MatchString(n)
				got := false
				if sp, ok := parts[n[:1]]; ok {
					got = regexp.MustCompile("^(?:" + sp + ")$").MatchString(n)
				}
				if got != want {
					t.Errorf("%s %q: split pattern says %v, original %v", m.GetId(), n, got, want)
				}
			}
		}
	}
}

// variants returns ex and copies with one digit changed or removed.
func variants(ex string) []string {
	if ex == "" {
		return nil
	}
	out := []string{ex}
	for i := 0; i < len(ex); i++ {
		for c := byte('0'); c <= '9'; c += 3 {
			out = append(out, ex[:i]+string(c)+ex[i+1:])
		}
		if len(ex) > 1 {
			out = append(out, ex[:i]+ex[i+1:])
		}
	}
	return out
}

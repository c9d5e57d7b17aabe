package validators

import (
	"os"
	"testing"
)

// shippedTable reads the committed table of validator name: the bytes the
// default bundle ships.
func shippedTable(tb testing.TB, name string) []byte {
	tb.Helper()
	table, err := os.ReadFile("../rules/tables/" + name + ".json")
	if err != nil {
		tb.Fatal(err)
	}
	return table
}

// shippedValidator builds validator name from its committed table, as JSON
// or, with compact, in the binary form engine snapshots (the wasm core's
// default rules) carry.
func shippedValidator(tb testing.TB, name string, compact bool) Validator {
	tb.Helper()
	table := shippedTable(tb, name)
	if compact {
		var err error
		if table, err = Compact(name, table); err != nil {
			tb.Fatal(err)
		}
		if table[0] != compactMark {
			tb.Fatalf("Compact left the %s table as JSON", name)
		}
	}
	v, err := New(name, table)
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

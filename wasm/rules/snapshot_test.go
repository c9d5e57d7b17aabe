package rules

import (
	"bytes"
	"reflect"
	"testing"

	"vigie/wasm/engine"
)

// TestSnapshotScansAsBundle: the default bundle loaded from its snapshot (as
// the wasm core loads it) finds exactly what the compiled bundle finds in
// the development posts and in every rule example.
func TestSnapshotScansAsBundle(t *testing.T) {
	packed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	b := defaultBundle(t)
	snap, err := engine.WriteSnapshot(b, packed)
	if err != nil {
		t.Fatal(err)
	}
	if !engine.SnapshotMatches(string(snap), packed) {
		t.Fatal("the snapshot does not recognize the packed bundle")
	}
	loaded, err := engine.LoadSnapshot(string(snap))
	if err != nil {
		t.Fatal(err)
	}
	compiled, err := engine.Compile(b)
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Description() != compiled.Description() {
		t.Error("the snapshot's description differs from the bundle's")
	}
	texts := corpus(t, b)
	found := 0
	for _, text := range texts {
		got, want := loaded.Scan(text), compiled.Scan(text)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: snapshot finds %v, bundle %v", text, got, want)
		}
		found += len(want)
	}
	if found < 500 {
		t.Errorf("only %d findings in %d texts: the comparison proves little", found, len(texts))
	}
}

// TestSnapshotReproducible: the build embeds the snapshot in the wasm core,
// whose bytes must not change from one build to the next.
func TestSnapshotReproducible(t *testing.T) {
	packed, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var first []byte
	for i := range 3 {
		snap, err := engine.WriteSnapshot(defaultBundle(t), packed)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = snap
		} else if !bytes.Equal(snap, first) {
			t.Fatal("two snapshots of the same bundle differ")
		}
	}
}

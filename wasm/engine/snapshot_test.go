package engine

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// distinctExplain gives a rule explanations that differ by language.
func distinctExplain(b *Bundle) {
	b.Rules[4].Explain = map[string]string{"fr": "mot de passe", "en": "password"}
}

// testSnapshot packs the test bundle and writes its snapshot.
func testSnapshot(t testing.TB) (snap string, packed []byte) {
	t.Helper()
	b := testBundle(t, distinctExplain)
	packed, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	data, err := WriteSnapshot(b, packed)
	if err != nil {
		t.Fatal(err)
	}
	return string(data), packed
}

func TestSnapshotScansAsCompiled(t *testing.T) {
	snap, _ := testSnapshot(t)
	loaded, err := LoadSnapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	compiled, err := Compile(testBundle(t))
	if err != nil {
		t.Fatal(err)
	}
	texts := []string{
		"RIB FR76 3000 6000 0112 3456 7890 189 😊 mail: a.b@c.fr.",
		"mon numéro fiscal 123456", "numéro fiscal de la commande 123456",
		"passeport 12AB34567", "code 12AB34567", "le mot de passe: Soleil2024!",
		"wifipass = azerty", "compass 123", "NUMERO FISCAL : 123456",
		"wifi: Maison5G\nPasswort folgt", "Passwort vom wifi: Maison5G",
		"numéro fiscal 123456, a.b@c.fr. Horaires d'ouverture",
	}
	for _, text := range texts {
		if got, want := loaded.Scan(text), compiled.Scan(text); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: snapshot finds %v, compiled bundle %v", text, got, want)
		}
	}
	b := loaded.Bundle()
	if b.ID != "test" || b.Version != "1" || b.MinEngine != "1.0.0" || len(b.Rules) != 6 ||
		b.Rules[4].ID != "pwd" || b.Rules[4].Explain["fr"] != "mot de passe" || b.Rules[4].Explain["en"] != "password" ||
		b.Rules[4].After != 30 || !b.Rules[5].NegativeAfter {
		t.Errorf("bundle header or rules not restored: %+v", b)
	}
	same, err := Compile(testBundle(t, distinctExplain))
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Description() != same.Description() {
		t.Errorf("description %s, want %s", loaded.Description(), same.Description())
	}
	if loaded.RuleIndex("ctx") != 3 {
		t.Errorf("RuleIndex(ctx) = %d", loaded.RuleIndex("ctx"))
	}
}

func TestSnapshotMatches(t *testing.T) {
	snap, packed := testSnapshot(t)
	if !SnapshotMatches(snap, packed) {
		t.Error("snapshot does not recognize its bundle")
	}
	other := append([]byte(nil), packed...)
	other[len(other)/2] ^= 1
	for _, b := range [][]byte{other, packed[:len(packed)-1], nil} {
		if SnapshotMatches(snap, b) {
			t.Errorf("snapshot claims %d other bytes", len(b))
		}
	}
	if SnapshotMatches("", packed) || SnapshotMatches("vigie", packed) {
		t.Error("garbage claims the bundle")
	}
}

func TestSnapshotRefusesDamage(t *testing.T) {
	snap, _ := testSnapshot(t)
	// Every truncation fails cleanly.
	for n := 0; n < len(snap); n++ {
		if _, err := LoadSnapshot(snap[:n]); !errors.Is(err, ErrSnapshot) {
			t.Fatalf("truncated to %d bytes: err %v", n, err)
		}
	}
	// Another engine version's snapshot is refused by name.
	other := strings.Replace(snap, "\x05"+Version, "\x059.9.9", 1)
	if _, err := LoadSnapshot(other); err == nil || !strings.Contains(err.Error(), `"9.9.9"`) {
		t.Errorf("other version: err %v", err)
	}
	if _, err := LoadSnapshot(snap + "\x00"); err == nil {
		t.Error("trailing byte accepted")
	}
}

// FuzzLoadSnapshot: damaged snapshots give an error or an engine that scans
// without panicking, with findings in range.
func FuzzLoadSnapshot(f *testing.F) {
	snap, _ := testSnapshot(f)
	f.Add(snap)
	f.Fuzz(func(t *testing.T, data string) {
		e, err := LoadSnapshot(data)
		if err != nil {
			return
		}
		for _, text := range []string{"RIB FR76 3000 6000 0112 3456 7890 189 a@b.fr 123456 passeport 12AB34567",
			"mot de passe: x wifipass = y", "😊é\n1 2 3"} {
			checkFindings(t, text, e.Scan(text))
		}
	})
}

// An engine loaded from bundle bytes, lazily or not, scanned or not, gives
// the same snapshot as WriteSnapshot; other engines and bytes are refused.
func TestEngineSnapshot(t *testing.T) {
	want, packed := testSnapshot(t)
	load := map[string]func([]byte) (*Engine, error){"Load": Load, "LoadLazy": LoadLazy}
	for name, fn := range load {
		for _, scanned := range []bool{false, true} {
			e, err := fn(packed)
			if err != nil {
				t.Fatal(err)
			}
			if scanned {
				e.Scan("le mot de passe: Soleil2024! RIB FR76 3000 6000 0112 3456 7890 189 a@b.fr")
			}
			got, err := e.Snapshot(packed)
			if err != nil {
				t.Fatalf("%s, scanned %v: %v", name, scanned, err)
			}
			if string(got) != want {
				t.Errorf("%s, scanned %v: snapshot differs from WriteSnapshot's", name, scanned)
			}
		}
	}
	e, err := Load(packed)
	if err != nil {
		t.Fatal(err)
	}
	loaded, compiled := loadedAndCompiled(t, want)
	for name, try := range map[string]func() ([]byte, error){
		"other bytes":        func() ([]byte, error) { return e.Snapshot(append([]byte{' '}, packed...)) },
		"no bytes":           func() ([]byte, error) { return e.Snapshot(nil) },
		"loaded from one":    func() ([]byte, error) { return loaded.Snapshot(packed) },
		"compiled, no bytes": func() ([]byte, error) { return compiled.Snapshot(packed) },
		"from snapshot, nil": func() ([]byte, error) { return loaded.Snapshot(nil) },
	} {
		if _, err := try(); !errors.Is(err, ErrNotSnapshottable) {
			t.Errorf("%s: err %v", name, err)
		}
	}
}

// Entries that mean the same to every rule share one ruleSet once loaded:
// the snapshot writes each meaning once.
func TestSnapshotSharesMeanings(t *testing.T) {
	snap, _ := testSnapshot(t)
	loaded, compiled := loadedAndCompiled(t, snap)
	distinct := map[string]bool{}
	for _, s := range compiled.dict.sets {
		distinct[fmt.Sprint(s.triggers, s.context, s.negative, s.veto)] = true
	}
	if len(compiled.dict.sets) <= len(distinct) {
		t.Fatalf("test bundle: %d entries, %d meanings; want entries sharing one", len(compiled.dict.sets), len(distinct))
	}
	if len(loaded.dict.sets) != len(distinct) {
		t.Errorf("loaded %d ruleSets, want one per meaning (%d)", len(loaded.dict.sets), len(distinct))
	}
}

// loadedAndCompiled returns the engine loaded from snap and the test bundle
// compiled.
func loadedAndCompiled(t *testing.T, snap string) (loaded, compiled *Engine) {
	t.Helper()
	loaded, err := LoadSnapshot(snap)
	if err != nil {
		t.Fatal(err)
	}
	if compiled, err = Compile(testBundle(t, distinctExplain)); err != nil {
		t.Fatal(err)
	}
	return loaded, compiled
}

package eval

import (
	"testing"

	"vigie/wasm/engine"
)

func sp(t engine.Type, start, end int) Span { return Span{Type: t, Start: start, End: end} }

func TestScore(t *testing.T) {
	tests := []struct {
		name    string
		c       Case
		pred    []Span
		want    Counts
		clean   int
		flagged int
		missed  int
	}{
		{name: "exact", c: Case{Gold: []Span{sp(engine.Phone, 3, 17)}},
			pred: []Span{sp(engine.Phone, 3, 17)}, want: Counts{TP: 1}},
		{name: "overlap counts", c: Case{Gold: []Span{sp(engine.Phone, 3, 17)}},
			pred: []Span{sp(engine.Phone, 6, 17)}, want: Counts{TP: 1}},
		{name: "touching is no overlap", c: Case{Gold: []Span{sp(engine.Phone, 3, 17)}},
			pred: []Span{sp(engine.Phone, 17, 20)}, want: Counts{FP: 1, FN: 1}, missed: 1},
		{name: "type must agree", c: Case{Gold: []Span{sp(engine.NationalID, 0, 15)}},
			pred: []Span{sp(engine.Phone, 0, 15)}, want: Counts{FP: 1, FN: 1}, missed: 1},
		{name: "one prediction covers two gold spans once",
			c:    Case{Gold: []Span{sp(engine.PostalAddress, 0, 10), sp(engine.PostalAddress, 12, 30)}},
			pred: []Span{sp(engine.PostalAddress, 0, 30)}, want: Counts{TP: 1, FN: 1}, missed: 1},
		{name: "largest overlap pairs first",
			c:    Case{Gold: []Span{sp(engine.Phone, 0, 10), sp(engine.Phone, 11, 30)}},
			pred: []Span{sp(engine.Phone, 8, 30)}, want: Counts{TP: 1, FN: 1}, missed: 1},
		{name: "clean post flagged", c: Case{},
			pred: []Span{sp(engine.Phone, 0, 4)}, want: Counts{FP: 1}, clean: 1, flagged: 1},
		{name: "clean post quiet", c: Case{}, want: Counts{}, clean: 1},
		{name: "unannotated type ignored",
			c:    Case{Gold: []Span{sp(engine.NationalID, 0, 9)}, Annotated: []engine.Type{engine.NationalID}},
			pred: []Span{sp(engine.Phone, 0, 9), sp(engine.NationalID, 0, 9)}, want: Counts{TP: 1}},
		{name: "hard negative is not a clean post",
			c:    Case{Annotated: []engine.Type{engine.IBAN}},
			pred: []Span{sp(engine.IBAN, 0, 9)}, want: Counts{FP: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.c.ID = tt.name
			r := Score([]Item{{Case: &tt.c, Pred: tt.pred}})
			if r.Micro != tt.want {
				t.Errorf("got %+v, want %+v", r.Micro, tt.want)
			}
			if r.Clean != tt.clean || r.CleanFlagged != tt.flagged {
				t.Errorf("got clean %d flagged %d, want %d and %d", r.Clean, r.CleanFlagged, tt.clean, tt.flagged)
			}
			if len(r.Missed) != tt.missed || len(r.Spurious) != tt.want.FP {
				t.Errorf("got %d missed %d spurious, want %d and %d", len(r.Missed), len(r.Spurious), tt.missed, tt.want.FP)
			}
		})
	}
}

func TestCountsRatios(t *testing.T) {
	tests := []struct {
		name    string
		c       Counts
		p, r, f float64
	}{
		{"empty", Counts{}, 1, 1, 1},
		{"perfect", Counts{TP: 4}, 1, 1, 1},
		{"half", Counts{TP: 1, FP: 1, FN: 1}, 0.5, 0.5, 0.5},
		{"nothing found", Counts{FN: 3}, 1, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, r, f := tt.c.Precision(), tt.c.Recall(), tt.c.F1(); p != tt.p || r != tt.r || f != tt.f {
				t.Errorf("got p=%v r=%v f=%v, want %v %v %v", p, r, f, tt.p, tt.r, tt.f)
			}
		})
	}
}

// FuzzScore checks the bookkeeping: every gold span is a hit or a miss,
// every prediction a hit or spurious, and hits are counted once on each side.
func FuzzScore(f *testing.F) {
	f.Add([]byte{0, 3, 17, 0, 6, 17}, uint8(1))
	f.Add([]byte{4, 0, 30, 4, 0, 10, 4, 12, 30}, uint8(1))
	f.Fuzz(func(t *testing.T, data []byte, nGold uint8) {
		var spans []Span
		for i := 0; i+2 < len(data); i += 3 {
			s, l := int(data[i+1]), int(data[i+2])%40+1
			spans = append(spans, sp(engine.Types[int(data[i])%len(engine.Types)], s, s+l))
		}
		g := min(int(nGold), len(spans))
		c := Case{ID: "fuzz", Gold: spans[:g]}
		r := Score([]Item{{Case: &c, Pred: spans[g:]}})
		if r.Micro.TP+r.Micro.FN != g || r.Micro.TP+r.Micro.FP != len(spans)-g {
			t.Fatalf("got %+v for %d gold and %d predicted", r.Micro, g, len(spans)-g)
		}
		if len(r.Missed) != r.Micro.FN || len(r.Spurious) != r.Micro.FP {
			t.Fatalf("got %d missed %d spurious, counts %+v", len(r.Missed), len(r.Spurious), r.Micro)
		}
	})
}

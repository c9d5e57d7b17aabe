package jsonv

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParseAgreesWithEncodingJSON(t *testing.T) {
	tests := []string{
		`null`, `true`, `false`, `0`, `-1.5e3`, `"a\"b\\c\/\n\u00e9\ud83d\ude0a"`,
		`[]`, `{}`, `[1,[2,[3]]]`, ` {"a": {"b": [1, "x", null]}, "c": false} `,
		`"é😊"`, `{"k":"\u0000"}`,
	}
	for _, in := range tests {
		t.Run(in, func(t *testing.T) {
			v, err := Parse([]byte(in))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var want, got any
			if err := json.Unmarshal([]byte(in), &want); err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(v.Raw(), &got); err != nil {
				t.Fatalf("Raw() %q is not JSON: %v", v.Raw(), err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %#v, want %#v", got, want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{``, "unexpected end"},
		{`{"a":1,}`, "expected a string key"},
		{`{"a":1 "b":2}`, "expected ',' or '}'"},
		{`[1 2]`, "expected ',' or ']'"},
		{`01`, "trailing data"},
		{`1.`, "invalid number"},
		{`-`, "invalid number"},
		{`"abc`, "unexpected end"},
		{"\"a\x01\"", "control character"},
		{`"\x"`, "invalid escape"},
		{`"\u12"`, "invalid \\u escape"},
		{"\"\xff\"", "invalid UTF-8"},
		{`{"a":1,"a":2}`, "duplicate key"},
		{`tru`, "invalid literal"},
		{strings.Repeat("[", MaxDepth+2), "nested too deeply"},
		{`{} {}`, "trailing data"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, err := Parse([]byte(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestDecodeHelpers(t *testing.T) {
	v, err := Parse([]byte(`{"n":3,"s":"x","l":["a","b"],"m":{"fr":"a"},"bad":[1,"x"]}`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = Fields(v, func(k string, val Value) error {
		switch k {
		case "n":
			n, err := val.AsInt()
			got = append(got, k, strings.Repeat("*", n))
			return err
		case "s", "l", "m":
			got = append(got, k)
			return nil
		case "bad":
			_, err := val.Strings()
			return err
		}
		return ErrUnknownField
	})
	if err == nil || err.Error() != "bad[1]: got number, want string" && !strings.Contains(err.Error(), "bad[0]") {
		t.Errorf("got %v, want an error located at bad[0]", err)
	}
	if !errors.Is(err, ErrType) {
		t.Errorf("got %v, want ErrType", err)
	}
	if strings.Join(got, ",") != "n,***,s,l,m" {
		t.Errorf("visited %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{`{"a":[1,2,{"b":"c"}]}`, `"\ud83d\ude0a"`, `-0.5e-3`, `[[[[]]]]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := Parse(data)
		if err != nil {
			return
		}
		// What we accept, encoding/json must accept too, with the same meaning.
		if !json.Valid(data) {
			t.Fatalf("accepted %q that encoding/json refuses", data)
		}
		want, got := useNumber(t, data), useNumber(t, v.Raw())
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: got %#v, want %#v", data, got, want)
		}
	})
}

func useNumber(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("%q: %v", data, err)
	}
	return v
}

// Package jsonv reads JSON into a small tree without reflection. The wasm
// core uses it instead of encoding/json, which would add about a quarter to
// the module's size (reflection and its tables); see FACTS.md in the shared
// design notes. It accepts RFC 8259 JSON only, with a nesting limit.
package jsonv

import (
	"errors"
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// Kind is the type of a JSON value.
type Kind uint8

// Kinds of values.
const (
	Null Kind = iota
	Bool
	Number
	String
	Array
	Object
)

var kindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k Kind) String() string { return kindNames[k] }

// Value is a parsed JSON value. Object members keep their order.
type Value struct {
	Kind    Kind
	Bool    bool
	Str     string // the decoded string, or a number's literal text
	Items   []Value
	Members []Member
}

// Member is one key of an object.
type Member struct {
	Key   string
	Value Value
}

// MaxDepth bounds nesting so hostile input cannot exhaust the stack.
const MaxDepth = 64

// Parse reads exactly one JSON value from data (surrounding white space
// allowed).
func Parse(data []byte) (Value, error) {
	p := parser{data: data}
	p.space()
	v, err := p.value(0)
	if err != nil {
		return Value{}, err
	}
	p.space()
	if p.i != len(p.data) {
		return Value{}, p.errorf("trailing data after the value")
	}
	return v, nil
}

// SyntaxError reports where the input stopped being JSON.
type SyntaxError struct {
	Offset int
	Msg    string
}

func (e *SyntaxError) Error() string {
	return "json: " + e.Msg + " at offset " + strconv.Itoa(e.Offset)
}

type parser struct {
	data []byte
	i    int
	// items and members are stacks shared by the nested arrays and
	// objects being parsed: each copies its own out once, at its exact
	// size, instead of growing a slice per container.
	items   []Value
	members []Member
}

func (p *parser) errorf(msg string) error { return &SyntaxError{Offset: p.i, Msg: msg} }

func (p *parser) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

func (p *parser) value(depth int) (Value, error) {
	if depth > MaxDepth {
		return Value{}, p.errorf("nested too deeply")
	}
	if p.i >= len(p.data) {
		return Value{}, p.errorf("unexpected end of input")
	}
	switch c := p.data[p.i]; {
	case c == '{':
		return p.object(depth)
	case c == '[':
		return p.array(depth)
	case c == '"':
		s, err := p.string()
		return Value{Kind: String, Str: s}, err
	case c == 't':
		return Value{Kind: Bool, Bool: true}, p.literal("true")
	case c == 'f':
		return Value{Kind: Bool}, p.literal("false")
	case c == 'n':
		return Value{Kind: Null}, p.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return p.number()
	default:
		return Value{}, p.errorf("unexpected character " + strconv.QuoteRune(rune(c)))
	}
}

func (p *parser) literal(word string) error {
	if len(p.data)-p.i < len(word) || string(p.data[p.i:p.i+len(word)]) != word {
		return p.errorf("invalid literal")
	}
	p.i += len(word)
	return nil
}

func (p *parser) object(depth int) (Value, error) {
	p.i++ // {
	v := Value{Kind: Object}
	base := len(p.members)
	p.space()
	if p.i < len(p.data) && p.data[p.i] == '}' {
		p.i++
		return v, nil
	}
	for {
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != '"' {
			return Value{}, p.errorf("expected a string key")
		}
		key, err := p.string()
		if err != nil {
			return Value{}, err
		}
		for _, m := range p.members[base:] {
			if m.Key == key {
				return Value{}, p.errorf("duplicate key " + strconv.Quote(key))
			}
		}
		p.space()
		if p.i >= len(p.data) || p.data[p.i] != ':' {
			return Value{}, p.errorf("expected ':'")
		}
		p.i++
		p.space()
		val, err := p.value(depth + 1)
		if err != nil {
			return Value{}, err
		}
		p.members = append(p.members, Member{key, val})
		p.space()
		if p.i >= len(p.data) {
			return Value{}, p.errorf("unexpected end of input in an object")
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case '}':
			p.i++
			v.Members = append([]Member(nil), p.members[base:]...)
			p.members = p.members[:base]
			return v, nil
		default:
			return Value{}, p.errorf("expected ',' or '}'")
		}
	}
}

func (p *parser) array(depth int) (Value, error) {
	p.i++ // [
	v := Value{Kind: Array}
	base := len(p.items)
	p.space()
	if p.i < len(p.data) && p.data[p.i] == ']' {
		p.i++
		return v, nil
	}
	for {
		p.space()
		item, err := p.value(depth + 1)
		if err != nil {
			return Value{}, err
		}
		p.items = append(p.items, item)
		p.space()
		if p.i >= len(p.data) {
			return Value{}, p.errorf("unexpected end of input in an array")
		}
		switch p.data[p.i] {
		case ',':
			p.i++
		case ']':
			p.i++
			v.Items = append([]Value(nil), p.items[base:]...)
			p.items = p.items[:base]
			return v, nil
		default:
			return Value{}, p.errorf("expected ',' or ']'")
		}
	}
}

func (p *parser) number() (Value, error) {
	start := p.i
	if p.data[p.i] == '-' {
		p.i++
	}
	digits := func() int {
		n := 0
		for p.i < len(p.data) && '0' <= p.data[p.i] && p.data[p.i] <= '9' {
			p.i++
			n++
		}
		return n
	}
	if p.i < len(p.data) && p.data[p.i] == '0' {
		p.i++
	} else if digits() == 0 {
		return Value{}, p.errorf("invalid number")
	}
	if p.i < len(p.data) && p.data[p.i] == '.' {
		p.i++
		if digits() == 0 {
			return Value{}, p.errorf("invalid number")
		}
	}
	if p.i < len(p.data) && (p.data[p.i] == 'e' || p.data[p.i] == 'E') {
		p.i++
		if p.i < len(p.data) && (p.data[p.i] == '+' || p.data[p.i] == '-') {
			p.i++
		}
		if digits() == 0 {
			return Value{}, p.errorf("invalid number")
		}
	}
	return Value{Kind: Number, Str: string(p.data[start:p.i])}, nil
}

func (p *parser) string() (string, error) {
	p.i++ // opening quote
	start := p.i
	// Fast path: no escapes.
	for p.i < len(p.data) {
		c := p.data[p.i]
		if c == '"' {
			s := p.data[start:p.i]
			p.i++
			if !utf8.Valid(s) {
				return "", p.errorf("invalid UTF-8 in a string")
			}
			return string(s), nil
		}
		if c == '\\' || c < 0x20 {
			break
		}
		p.i++
	}
	buf := append([]byte(nil), p.data[start:p.i]...)
	for p.i < len(p.data) {
		c := p.data[p.i]
		switch {
		case c == '"':
			p.i++
			if !utf8.Valid(buf) {
				return "", p.errorf("invalid UTF-8 in a string")
			}
			return string(buf), nil
		case c < 0x20:
			return "", p.errorf("control character in a string")
		case c == '\\':
			p.i++
			if p.i >= len(p.data) {
				return "", p.errorf("unexpected end of input in a string")
			}
			e := p.data[p.i]
			p.i++
			switch e {
			case '"', '\\', '/':
				buf = append(buf, e)
			case 'b':
				buf = append(buf, '\b')
			case 'f':
				buf = append(buf, '\f')
			case 'n':
				buf = append(buf, '\n')
			case 'r':
				buf = append(buf, '\r')
			case 't':
				buf = append(buf, '\t')
			case 'u':
				r, ok := p.hex4()
				if !ok {
					return "", p.errorf("invalid \\u escape")
				}
				if utf16.IsSurrogate(r) {
					// A pair needs a second \u escape holding a low
					// surrogate; otherwise, as in encoding/json, the lone
					// surrogate becomes U+FFFD and the next escape is
					// read on its own.
					pair := utf8.RuneError
					if p.i+1 < len(p.data) && p.data[p.i] == '\\' && p.data[p.i+1] == 'u' {
						save := p.i
						p.i += 2
						r2, ok := p.hex4()
						if !ok {
							return "", p.errorf("invalid \\u escape")
						}
						if pair = utf16.DecodeRune(r, r2); pair == utf8.RuneError {
							p.i = save
						}
					}
					r = pair
				}
				buf = utf8.AppendRune(buf, r)
			default:
				return "", p.errorf("invalid escape")
			}
		default:
			buf = append(buf, c)
			p.i++
		}
	}
	return "", p.errorf("unexpected end of input in a string")
}

func (p *parser) hex4() (rune, bool) {
	if len(p.data)-p.i < 4 {
		return 0, false
	}
	var r rune
	for _, c := range p.data[p.i : p.i+4] {
		r <<= 4
		switch {
		case '0' <= c && c <= '9':
			r |= rune(c - '0')
		case 'a' <= c && c <= 'f':
			r |= rune(c-'a') + 10
		case 'A' <= c && c <= 'F':
			r |= rune(c-'A') + 10
		default:
			return 0, false
		}
	}
	p.i += 4
	return r, true
}

// ErrType is wrapped by every error about a value of the wrong kind.
var ErrType = errors.New("wrong JSON type")

// Float returns a number's value.
func (v Value) Float() (float64, error) {
	if v.Kind != Number {
		return 0, typeError(v, Number)
	}
	f, err := strconv.ParseFloat(v.Str, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, errors.New("number " + v.Str + " out of range")
	}
	return f, nil
}

// Uint returns a number that must be a non-negative integer.
func (v Value) Uint() (uint64, error) {
	if v.Kind != Number {
		return 0, typeError(v, Number)
	}
	n, err := strconv.ParseUint(v.Str, 10, 64)
	if err != nil {
		return 0, errors.New("number " + v.Str + " is not a non-negative integer")
	}
	return n, nil
}

func typeError(v Value, want Kind) error {
	return &kindError{got: v.Kind, want: want}
}

type kindError struct{ got, want Kind }

func (e *kindError) Error() string { return "got " + e.got.String() + ", want " + e.want.String() }
func (e *kindError) Unwrap() error { return ErrType }

package jsonv

import (
	"errors"
	"strconv"
)

// ErrUnknownField is returned by a Fields callback for a key it does not
// know; Fields reports it with the key's name. Bundles and manifests reject
// unknown fields so that a typo never silently disables a setting.
var ErrUnknownField = errors.New("unknown field")

// PathError locates an error inside a document ("rules[3].pattern").
type PathError struct {
	Path string
	Err  error
}

func (e *PathError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *PathError) Unwrap() error { return e.Err }

func wrap(path string, err error) error {
	if err == nil {
		return nil
	}
	// A type assertion, not errors.As: As brings reflection code into the
	// WebAssembly core, and nested calls return a *PathError as is.
	if pe, ok := err.(*PathError); ok {
		sep := "."
		if pe.Path != "" && pe.Path[0] == '[' {
			sep = ""
		}
		return &PathError{Path: path + sep + pe.Path, Err: pe.Err}
	}
	return &PathError{Path: path, Err: err}
}

// Fields calls set for every member of object v, in order. Errors are
// prefixed with the member's key. Like encoding/json, null counts as an empty
// object (and as an empty array in Each).
func Fields(v Value, set func(key string, val Value) error) error {
	if v.Kind == Null {
		return nil
	}
	if v.Kind != Object {
		return typeError(v, Object)
	}
	for _, m := range v.Members {
		if err := set(m.Key, m.Value); err != nil {
			return wrap(m.Key, err)
		}
	}
	return nil
}

// Each calls fn for every item of array v. Errors are prefixed with the
// item's index.
func Each(v Value, fn func(i int, item Value) error) error {
	if v.Kind == Null {
		return nil
	}
	if v.Kind != Array {
		return typeError(v, Array)
	}
	for i, item := range v.Items {
		if err := fn(i, item); err != nil {
			return wrap("["+strconv.Itoa(i)+"]", err)
		}
	}
	return nil
}

// AsString returns a string value.
func (v Value) AsString() (string, error) {
	if v.Kind != String {
		return "", typeError(v, String)
	}
	return v.Str, nil
}

// AsBool returns a boolean value.
func (v Value) AsBool() (bool, error) {
	if v.Kind != Bool {
		return false, typeError(v, Bool)
	}
	return v.Bool, nil
}

// AsInt returns a number that must be an integer fitting in an int.
func (v Value) AsInt() (int, error) {
	if v.Kind != Number {
		return 0, typeError(v, Number)
	}
	n, err := strconv.Atoi(v.Str)
	if err != nil {
		return 0, errors.New("number " + v.Str + " is not an integer")
	}
	return n, nil
}

// Strings returns an array of strings.
func (v Value) Strings() ([]string, error) {
	var out []string
	err := Each(v, func(_ int, item Value) error {
		s, err := item.AsString()
		out = append(out, s)
		return err
	})
	return out, err
}

// StringMap returns an object whose values are strings.
func (v Value) StringMap() (map[string]string, error) {
	out := map[string]string{}
	err := Fields(v, func(k string, val Value) error {
		s, err := val.AsString()
		out[k] = s
		return err
	})
	return out, err
}

// StringsMap returns an object whose values are arrays of strings.
func (v Value) StringsMap() (map[string][]string, error) {
	out := map[string][]string{}
	err := Fields(v, func(k string, val Value) error {
		s, err := val.Strings()
		out[k] = s
		return err
	})
	return out, err
}

// Raw re-encodes v as compact JSON (for tables handed on as bytes).
func (v Value) Raw() []byte {
	return v.appendTo(nil)
}

func (v Value) appendTo(b []byte) []byte {
	switch v.Kind {
	case Null:
		return append(b, "null"...)
	case Bool:
		return strconv.AppendBool(b, v.Bool)
	case Number:
		return append(b, v.Str...)
	case String:
		return AppendString(b, v.Str)
	case Array:
		b = append(b, '[')
		for i, it := range v.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = it.appendTo(b)
		}
		return append(b, ']')
	default:
		b = append(b, '{')
		for i, m := range v.Members {
			if i > 0 {
				b = append(b, ',')
			}
			b = AppendString(b, m.Key)
			b = append(b, ':')
			b = m.Value.appendTo(b)
		}
		return append(b, '}')
	}
}

// AppendString appends s as a JSON string literal.
func AppendString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

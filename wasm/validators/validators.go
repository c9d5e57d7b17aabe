// Package validators holds the named check functions that rules reference
// (Luhn, IBAN mod-97, national id keys, phone numbering plans, …). A rule
// names a validator; the validator never sees more than the candidate value.
// A rule may also name a near check (NearCheck), which sees only the text
// around the value.
//
// This package is linked into the WebAssembly core: it avoids fmt and
// encoding/json (reflection would add a quarter to the module); tables are
// read with vigie/wasm/jsonv.
package validators

import (
	"errors"
	"sort"
	"strconv"
)

// Validator checks one candidate value as it appears in the text (with its
// spaces, dots and dashes).
type Validator interface {
	Valid(value string) bool
}

// A Kinder also tells what kind of value a valid one is, for rules whose
// veto words spare some kinds (engine.Rule.VetoExcept).
type Kinder interface {
	Validator
	// Kinds lists the kinds Kind returns.
	Kinds() []string
	// Kind returns the kind of value, which Valid accepts.
	Kind(value string) string
}

// Func adapts a plain function to Validator.
type Func func(value string) bool

// Valid calls f.
func (f Func) Valid(value string) bool { return f(value) }

// Factory builds a validator from the bundle table stored under its name
// (nil when the bundle has none), so data such as phone numbering plans can
// ship with the rules instead of the code.
type Factory func(table []byte) (Validator, error)

var factories = map[string]Factory{}

// register adds a validator that needs a bundle table. Called from init.
func register(name string, f Factory) {
	if _, dup := factories[name]; dup {
		panic("validators: duplicate " + name)
	}
	factories[name] = f
}

// registerFunc adds a validator that needs no data. Called from init.
func registerFunc(name string, fn func(string) bool) {
	register(name, func([]byte) (Validator, error) { return Func(fn), nil })
}

// New returns the validator called name, built from its bundle table.
func New(name string, table []byte) (Validator, error) {
	f, ok := factories[name]
	if !ok {
		return nil, errors.New("unknown validator " + strconv.Quote(name))
	}
	v, err := f(table)
	if err != nil {
		return nil, errors.New("validator " + name + ": " + err.Error())
	}
	return v, nil
}

// A NearCheck looks at the text just before and just after a value (a few
// dozen bytes each side), not at the value: a rule that names one drops
// the values it reports, as veto words do (engine.Rule.VetoNear).
type NearCheck func(before, after string) bool

var nearChecks = map[string]NearCheck{}

// registerNear adds a near check. Called from init.
func registerNear(name string, f NearCheck) {
	if _, dup := nearChecks[name]; dup {
		panic("validators: duplicate near check " + name)
	}
	nearChecks[name] = f
}

// NewNear returns the near check called name.
func NewNear(name string) (NearCheck, error) {
	f, ok := nearChecks[name]
	if !ok {
		return nil, errors.New("unknown near check " + strconv.Quote(name))
	}
	return f, nil
}

// compacters turn a validator's JSON table into the binary form its factory
// also accepts (see Compact).
var compacters = map[string]func(table []byte) ([]byte, error){}

// compactMark starts a table in binary form; JSON text cannot start with it.
const compactMark = 0

// Compact returns the table of validator name in a binary form that New
// also accepts and loads much faster in WebAssembly (engine snapshots keep
// this form), or the table unchanged when the validator has none.
func Compact(name string, table []byte) ([]byte, error) {
	c, ok := compacters[name]
	if !ok || len(table) == 0 || table[0] == compactMark {
		return table, nil
	}
	out, err := c(table)
	if err != nil {
		return nil, errors.New("validator " + name + ": " + err.Error())
	}
	return out, nil
}

// Names lists the registered validators, sorted.
func Names() []string {
	out := make([]string, 0, len(factories))
	for n := range factories {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Package engine finds personal data in short texts such as social-media
// posts. It is plain Go: the same code runs natively (CLI, tests, server-side
// rule validation) and compiled to WebAssembly in the browser extension.
//
// Rules are data (see Bundle); validators are named Go functions in package
// validators. Scanning is candidate-first: one pass folds the text and lists
// its words and the tokens that hold a digit, the dictionary finds keyword
// hits among the words, a byte search finds '@' signs, and rule patterns only
// run on the small windows around them.
package engine

import (
	"errors"
	"strconv"
	"unicode/utf8"
)

// Version is the engine version compared with a bundle's min_engine.
const Version = "1.6.0"

// Type is a category of personal data. The labels are shared by the whole
// product (CLI output, extension UI, bundle files).
type Type string

// The taxonomy. NATIONAL_ID covers every government person identifier,
// including tax ids and driving licences.
const (
	Email          Type = "EMAIL"
	Phone          Type = "PHONE"
	IBAN           Type = "IBAN"
	PaymentCard    Type = "PAYMENT_CARD"
	NationalID     Type = "NATIONAL_ID"
	Passport       Type = "PASSPORT"
	PostalAddress  Type = "POSTAL_ADDRESS"
	DateOfBirth    Type = "DATE_OF_BIRTH"
	IPAddress      Type = "IP_ADDRESS"
	GeoCoordinates Type = "GEO_COORDINATES"
	LicensePlate   Type = "LICENSE_PLATE"
	Credential     Type = "CREDENTIAL"
	PersonName     Type = "PERSON_NAME"
)

// Types lists the taxonomy in a fixed order; the wasm binding reports a
// finding's type as an index into it.
var Types = []Type{Email, Phone, IBAN, PaymentCard, NationalID, Passport,
	PostalAddress, DateOfBirth, IPAddress, GeoCoordinates, LicensePlate,
	Credential, PersonName}

// Severity ranks how harmful a leak of a type is in a public post.
type Severity string

// Severities, from most to least harmful.
const (
	High   Severity = "high"
	Medium Severity = "medium"
	Low    Severity = "low"
)

// defaultSeverity is used when a rule does not set its own.
var defaultSeverity = map[Type]Severity{
	Email: Medium, Phone: High, IBAN: High, PaymentCard: High,
	NationalID: High, Passport: High, PostalAddress: High, DateOfBirth: Medium,
	IPAddress: Low, GeoCoordinates: Medium, LicensePlate: Low,
	Credential: High, PersonName: Low,
}

// TypeIndex returns the position of t in Types, or -1.
func TypeIndex(t Type) int {
	for i, x := range Types {
		if x == t {
			return i
		}
	}
	return -1
}

// Finding is one piece of personal data found in a text. Start and End are
// byte offsets into the scanned text, End exclusive.
type Finding struct {
	Type     Type
	Rule     string
	Start    int
	End      int
	Score    float64
	Severity Severity
	rule     int // index of Rule in the engine's bundle
}

// CheckFindings reports how fs breaks what Scan promises for text, or nil:
// findings sorted and not overlapping, inside the text, on rune boundaries
// when the text is valid UTF-8, with scores in [0,1]. Tests and fuzzers of
// any rule set check scans with it.
//
// It formats its errors with strconv, not fmt: the wasm core links this
// package, and fmt would bring os and reflect along (16 KiB of brotli).
func CheckFindings(text string, fs []Finding) error {
	prevEnd := 0
	for _, f := range fs {
		switch {
		case f.Start < prevEnd || f.End <= f.Start || f.End > len(text):
			return errors.New("finding " + f.describe() + " out of order or range (previous end " +
				strconv.Itoa(prevEnd) + ", len " + strconv.Itoa(len(text)) + ")")
		case utf8.ValidString(text) && (!utf8.RuneStart(text[f.Start]) || f.End < len(text) && !utf8.RuneStart(text[f.End])):
			return errors.New("finding " + f.describe() + " not on rune boundaries")
		case f.Score < 0 || f.Score > 1:
			return errors.New("finding " + f.describe() + ": score outside [0,1]")
		}
		prevEnd = f.End
	}
	return nil
}

// describe is f's rule, offsets and score, for error messages.
func (f Finding) describe() string {
	return f.Rule + " [" + strconv.Itoa(f.Start) + ":" + strconv.Itoa(f.End) + "] score " +
		strconv.FormatFloat(f.Score, 'g', -1, 64)
}

// RuleIndex returns the index of f's rule in the bundle of the engine that
// found it (Engine.RuleIndex(f.Rule), without the lookup).
func (f Finding) RuleIndex() int { return f.rule }

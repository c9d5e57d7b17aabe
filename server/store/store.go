// Package store defines what the rule server keeps — bundles, signed
// release manifests, keys documents and the audit log — behind a small
// Store interface, and implements it once over database/sql with SQL that
// both SQLite (package store/sqlite) and Cloudflare D1 (package store/d1)
// run unchanged.
package store

import (
	"context"
	_ "embed"
	"errors"
	"time"
)

// Schema creates every table; each statement is idempotent.
//
//go:embed schema.sql
var Schema string

// Errors the Store returns for expected cases.
var (
	ErrNotFound      = errors.New("not found")
	ErrConflict      = errors.New("version not greater than the current one")
	ErrBundleMissing = errors.New("bundle not stored")
)

// Store keeps the server's state. Implementations keep nothing in memory
// between calls: the Workers runtime starts a fresh instance per request.
type Store interface {
	// Keys returns the current (highest version) keys document.
	Keys(ctx context.Context) (*KeysDoc, error)
	// PutKeys stores a keys document if its version is greater than every
	// stored one, else returns ErrConflict.
	PutKeys(ctx context.Context, k KeysDoc) error
	// Latest returns the channel's highest version release.
	Latest(ctx context.Context, channel string) (*Release, error)
	// Releases lists a channel's releases, newest first.
	Releases(ctx context.Context, channel string, limit int) ([]Release, error)
	// Bundle returns the bytes of a bundle some release references.
	Bundle(ctx context.Context, sha256 string) ([]byte, error)
	// PutRelease claims r.Version on r.Channel and stores r, with bundle
	// (nil reuses a stored bundle, else ErrBundleMissing). A version not
	// greater than the channel's current gives ErrConflict; nothing is
	// stored on any error.
	PutRelease(ctx context.Context, r Release, bundle []byte) error
	// AddAudit appends to the audit log.
	AddAudit(ctx context.Context, e AuditEntry) error
	// Audit lists audit entries, newest first.
	Audit(ctx context.Context, limit int) ([]AuditEntry, error)
}

// KeysDoc is a stored root-signed keys envelope.
type KeysDoc struct {
	Version   uint64
	Expires   time.Time
	Document  []byte
	TokenID   string
	CreatedAt time.Time
}

// Release is a stored signed manifest with its fields denormalised for
// listing.
type Release struct {
	Channel     string
	Version     uint64
	ReleaseID   string
	SHA256      string
	Size        int64
	Rollout     int
	MinEngine   string
	PublishedAt time.Time
	ExpiresAt   time.Time
	Manifest    []byte
	TokenID     string
	CreatedAt   time.Time
}

// AuditEntry records one admin action.
type AuditEntry struct {
	ID      string
	At      time.Time
	TokenID string
	Action  string
	Channel string
	Version uint64
	Outcome string // "accepted" or "rejected"
	Code    string // error code when rejected
	Detail  string
}

package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SQL implements Store over database/sql. Reads go to read, writes to
// write: on SQLite, write is a single connection so writers queue instead
// of failing with SQLITE_BUSY; on D1 both are the same handle.
type SQL struct {
	read, write *sql.DB
}

var _ Store = (*SQL)(nil)

// NewSQL returns a Store over databases that already have Schema applied.
func NewSQL(read, write *sql.DB) *SQL { return &SQL{read: read, write: write} }

// timeFormat keeps times sortable as text and exact to the nanosecond.
const timeFormat = "2006-01-02T15:04:05.000000000Z07:00"

func fmtTime(t time.Time) string { return t.UTC().Format(timeFormat) }

func parseTime(s string) (time.Time, error) { return time.Parse(timeFormat, s) }

// Keys implements Store.
func (s *SQL) Keys(ctx context.Context) (*KeysDoc, error) {
	var k KeysDoc
	var expires, created string
	err := s.read.QueryRowContext(ctx,
		`SELECT version, expires_at, document, token_id, created_at FROM keys_docs ORDER BY version DESC LIMIT 1`).
		Scan(&k.Version, &expires, &k.Document, &k.TokenID, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	if k.Expires, err = parseTime(expires); err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	if k.CreatedAt, err = parseTime(created); err != nil {
		return nil, fmt.Errorf("keys: %w", err)
	}
	return &k, nil
}

// PutKeys implements Store with one conditional INSERT: of concurrent
// writers of the same version, exactly one sees a row affected.
func (s *SQL) PutKeys(ctx context.Context, k KeysDoc) error {
	res, err := s.write.ExecContext(ctx,
		`INSERT INTO keys_docs (version, expires_at, document, token_id, created_at)
		 SELECT ?, ?, ?, ?, ?
		 WHERE NOT EXISTS (SELECT 1 FROM keys_docs WHERE version >= ?)`,
		int64(k.Version), fmtTime(k.Expires), k.Document, k.TokenID, fmtTime(k.CreatedAt), int64(k.Version))
	if err != nil {
		return fmt.Errorf("put keys: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("put keys: %w", err)
	}
	if n != 1 {
		return ErrConflict
	}
	return nil
}

const releaseColumns = `channel, version, release_id, sha256, size, rollout, min_engine, published_at, expires_at, manifest, token_id, created_at`

func scanRelease(scan func(...any) error) (*Release, error) {
	var r Release
	var published, expires, created string
	if err := scan(&r.Channel, &r.Version, &r.ReleaseID, &r.SHA256, &r.Size, &r.Rollout, &r.MinEngine,
		&published, &expires, &r.Manifest, &r.TokenID, &created); err != nil {
		return nil, err
	}
	var err error
	if r.PublishedAt, err = parseTime(published); err != nil {
		return nil, err
	}
	if r.ExpiresAt, err = parseTime(expires); err != nil {
		return nil, err
	}
	if r.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	return &r, nil
}

// Latest implements Store.
func (s *SQL) Latest(ctx context.Context, channel string) (*Release, error) {
	row := s.read.QueryRowContext(ctx,
		`SELECT `+releaseColumns+` FROM releases WHERE channel = ? ORDER BY version DESC LIMIT 1`, channel)
	r, err := scanRelease(row.Scan)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("latest %s: %w", channel, err)
	}
	return r, nil
}

// Releases implements Store.
func (s *SQL) Releases(ctx context.Context, channel string, limit int) ([]Release, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT `+releaseColumns+` FROM releases WHERE channel = ? ORDER BY version DESC LIMIT ?`, channel, limit)
	if err != nil {
		return nil, fmt.Errorf("releases %s: %w", channel, err)
	}
	defer rows.Close()
	var out []Release
	for rows.Next() {
		r, err := scanRelease(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("releases %s: %w", channel, err)
		}
		out = append(out, *r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("releases %s: %w", channel, err)
	}
	return out, nil
}

// Bundle implements Store. A bundle no release references (left by a
// crash between the two writes of PutRelease) is not served.
func (s *SQL) Bundle(ctx context.Context, sha256 string) ([]byte, error) {
	var data []byte
	err := s.read.QueryRowContext(ctx,
		`SELECT data FROM bundles WHERE sha256 = ? AND EXISTS (SELECT 1 FROM releases WHERE sha256 = ?)`,
		sha256, sha256).Scan(&data)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", sha256, err)
	}
	return data, nil
}

// PutRelease implements Store. D1 offers no transactions through
// database/sql, so it works in single statements: store the bundle (a
// no-op if present), then claim the version with one conditional INSERT
// that also requires the bundle to exist, so a release never points at a
// missing bundle. A failed claim removes the bundle again unless some
// release references it; a concurrent publisher of the same bundle whose
// claim then finds it gone stores it again and retries.
func (s *SQL) PutRelease(ctx context.Context, r Release, bundle []byte) error {
	const attempts = 3
	for range attempts {
		if bundle != nil {
			if _, err := s.write.ExecContext(ctx,
				`INSERT INTO bundles (sha256, size, data, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING`,
				r.SHA256, int64(len(bundle)), bundle, fmtTime(r.CreatedAt)); err != nil {
				return fmt.Errorf("put bundle %s: %w", r.SHA256, err)
			}
		}
		res, err := s.write.ExecContext(ctx,
			`INSERT INTO releases (`+releaseColumns+`)
			 SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
			 WHERE NOT EXISTS (SELECT 1 FROM releases WHERE channel = ? AND version >= ?)
			   AND EXISTS (SELECT 1 FROM bundles WHERE sha256 = ?)`,
			r.Channel, int64(r.Version), r.ReleaseID, r.SHA256, r.Size, r.Rollout, r.MinEngine,
			fmtTime(r.PublishedAt), fmtTime(r.ExpiresAt), r.Manifest, r.TokenID, fmtTime(r.CreatedAt),
			r.Channel, int64(r.Version), r.SHA256)
		if err != nil {
			return fmt.Errorf("claim %s/%d: %w", r.Channel, r.Version, err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("claim %s/%d: %w", r.Channel, r.Version, err)
		}
		if n == 1 {
			return nil
		}
		var conflict bool
		if err := s.write.QueryRowContext(ctx,
			`SELECT EXISTS (SELECT 1 FROM releases WHERE channel = ? AND version >= ?)`,
			r.Channel, int64(r.Version)).Scan(&conflict); err != nil {
			return fmt.Errorf("claim %s/%d: %w", r.Channel, r.Version, err)
		}
		if bundle != nil {
			if _, err := s.write.ExecContext(ctx,
				`DELETE FROM bundles WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM releases WHERE sha256 = ?)`,
				r.SHA256, r.SHA256); err != nil {
				return fmt.Errorf("claim %s/%d: clean up bundle: %w", r.Channel, r.Version, err)
			}
		}
		if conflict {
			return ErrConflict
		}
		if bundle == nil {
			return ErrBundleMissing
		}
	}
	return fmt.Errorf("claim %s/%d: bundle kept disappearing under concurrent publishes", r.Channel, r.Version)
}

// AddAudit implements Store.
func (s *SQL) AddAudit(ctx context.Context, e AuditEntry) error {
	_, err := s.write.ExecContext(ctx,
		`INSERT INTO audit (id, at, token_id, action, channel, version, outcome, code, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, fmtTime(e.At), e.TokenID, e.Action, e.Channel, int64(e.Version), e.Outcome, e.Code, e.Detail)
	if err != nil {
		return fmt.Errorf("audit: %w", err)
	}
	return nil
}

// Audit implements Store.
func (s *SQL) Audit(ctx context.Context, limit int) ([]AuditEntry, error) {
	rows, err := s.read.QueryContext(ctx,
		`SELECT id, at, token_id, action, channel, version, outcome, code, detail FROM audit ORDER BY seq DESC LIMIT ?`, limit)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	defer rows.Close()
	var out []AuditEntry
	for rows.Next() {
		var e AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &at, &e.TokenID, &e.Action, &e.Channel, &e.Version, &e.Outcome, &e.Code, &e.Detail); err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, fmt.Errorf("audit: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return out, nil
}

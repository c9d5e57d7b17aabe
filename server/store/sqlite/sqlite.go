// Package sqlite opens the rule server's native store: SQLite through the
// pure-Go modernc.org/sqlite driver, in WAL mode with synchronous=FULL so
// an acknowledged publish survives a crash or power loss.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"vigie/server/store"
)

// FileName is the database file inside the data directory.
const FileName = "vigie.db"

// DB is a store.Store backed by a SQLite file.
type DB struct {
	*store.SQL
	read, write *sql.DB
}

// Open creates dir if needed, opens (or creates) its database and applies
// the schema.
func Open(ctx context.Context, dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("data dir: %w", err)
	}
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(FULL)", "busy_timeout(10000)", "foreign_keys(ON)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + filepath.Join(dir, FileName) + "?" + q.Encode()
	write, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	// One writer connection: SQLite allows one writer at a time, and
	// queueing in database/sql beats retrying on SQLITE_BUSY.
	write.SetMaxOpenConns(1)
	if _, err := write.ExecContext(ctx, store.Schema); err != nil {
		write.Close()
		return nil, fmt.Errorf("schema: %w", err)
	}
	read, err := sql.Open("sqlite", dsn)
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	read.SetMaxOpenConns(8)
	read.SetMaxIdleConns(8)
	return &DB{SQL: store.NewSQL(read, write), read: read, write: write}, nil
}

// Close closes both connection pools.
func (db *DB) Close() error {
	return errors.Join(db.read.Close(), db.write.Close())
}

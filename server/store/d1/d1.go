//go:build js && wasm

// Package d1 opens the rule server's store on Cloudflare D1 through
// github.com/syumai/workers. The D1 driver has no transactions; store.SQL
// needs none.
package d1

import (
	"database/sql"
	"fmt"

	"github.com/syumai/workers/cloudflare/d1"

	"vigie/server/store"
)

// Open returns the store bound to the D1 database named binding in
// wrangler.jsonc. The schema is applied with wrangler, not here.
func Open(binding string) (*store.SQL, error) {
	c, err := d1.OpenConnector(binding)
	if err != nil {
		return nil, fmt.Errorf("d1 binding %q: %w", binding, err)
	}
	db := sql.OpenDB(c)
	return store.NewSQL(db, db), nil
}

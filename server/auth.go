package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"vigie/server/store"
)

// Token is an admin token as the server keeps it: an id for the audit log
// and the SHA-256 of the secret, never the secret itself.
type Token struct {
	ID     string
	SHA256 [32]byte
}

// NewToken hashes a secret into a Token.
func NewToken(id, secret string) Token {
	return Token{ID: id, SHA256: sha256.Sum256([]byte(secret))}
}

// ParseTokens reads "id=sha256hex" pairs separated by commas, the form in
// which the worker receives its admin tokens (a Cloudflare secret).
func ParseTokens(s string) ([]Token, error) {
	var out []Token
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		id, h, ok := strings.Cut(part, "=")
		sum, err := hex.DecodeString(h)
		if !ok || id == "" || err != nil || len(sum) != sha256.Size {
			return nil, fmt.Errorf("admin token %q: want id=<64 hex digits of sha256>", id)
		}
		var t Token
		t.ID = id
		copy(t.SHA256[:], sum)
		out = append(out, t)
	}
	return out, nil
}

// authenticate returns the id of the token presented as a bearer. Every
// stored hash is compared, in constant time, whatever matches first.
func authenticate(tokens []Token, r *http.Request) (string, bool) {
	secret, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok || secret == "" {
		return "", false
	}
	sum := sha256.Sum256([]byte(secret))
	id, found := "", 0
	for _, t := range tokens {
		if subtle.ConstantTimeCompare(sum[:], t.SHA256[:]) == 1 {
			id, found = t.ID, 1
		}
	}
	return id, found == 1
}

// auditRecord is what an admin handler tells the audit log about its action.
type auditRecord struct {
	tokenID string
	channel string
	version uint64
}

// adminFunc is an admin handler. It fills rec as it learns what the
// request is about and returns the response instead of writing it, so the
// audit entry is stored before the client hears of success.
type adminFunc func(r *http.Request, rec *auditRecord) (status int, body any, err error)

// admin authenticates the request, runs h, and records the outcome in the
// audit log: always for actions that change state (audited), and for any
// request that fails authentication.
func admin(d *Deps, action string, audited bool, h adminFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := &auditRecord{tokenID: "-"}
		var (
			status int
			body   any
			err    error
		)
		record := audited
		if id, ok := authenticate(d.Tokens, r); ok {
			rec.tokenID = id
			status, body, err = h(r, rec)
		} else {
			err, record = errUnauthorized, true
		}
		if record {
			e := store.AuditEntry{
				ID: uuid.NewString(), At: d.Now().UTC(), TokenID: rec.tokenID, Action: action,
				Channel: rec.channel, Version: rec.version, Outcome: "accepted",
			}
			if err != nil {
				_, e.Code = classify(err)
				e.Outcome, e.Detail = "rejected", truncate(err.Error(), 500)
			}
			if aerr := d.Store.AddAudit(r.Context(), e); aerr != nil && err == nil {
				// The action happened; the client must still learn that auditing failed.
				err = fmt.Errorf("action done, audit failed: %w", aerr)
			}
		}
		if err != nil {
			writeError(d.Logger, w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, status, body)
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

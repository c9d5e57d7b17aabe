// Package server is Vigie's rule server: one http.Handler serving signed
// rule bundles to extensions and taking signed releases from admins. It
// holds no private key; it verifies what admins upload against the pinned
// root key and serves the signed bytes verbatim. The same handler runs
// natively (cmd/vigie-server, SQLite) and on Cloudflare Workers
// (cmd/vigie-worker, D1).
package server

import (
	"crypto/ed25519"
	"log/slog"
	"net/http"
	"time"

	"vigie/server/store"
)

// Deps is everything the handler needs; main wires them.
type Deps struct {
	Logger *slog.Logger
	Store  store.Store
	// Root is the pinned root public key that must sign keys documents.
	Root ed25519.PublicKey
	// Tokens are the admin tokens, stored as hashes.
	Tokens []Token
	// Now is the clock (time.Now if nil).
	Now func() time.Time
	// MaxBody caps admin request bodies (DefaultMaxBody if 0).
	MaxBody int64
}

// DefaultMaxBody fits the largest bundle, base64-encoded, plus its manifest.
const DefaultMaxBody = 4 << 20

// Cache lifetimes: clients poll every few hours, so a short max-age only
// absorbs bursts; bundles are content-addressed and never change.
const (
	cacheLatest = "public, max-age=60"
	cacheKeys   = "public, max-age=300"
	cacheBundle = "public, max-age=31536000, immutable"
)

// NewServer returns the rule server's handler.
func NewServer(d Deps) http.Handler {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.MaxBody <= 0 {
		d.MaxBody = DefaultMaxBody
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	mux := http.NewServeMux()
	addRoutes(mux, &d)
	return withCommonHeaders(withLogging(d.Logger, mux))
}

func withCommonHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		h.ServeHTTP(w, r)
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}

// withLogging logs admin requests and failures at Info, everything else at
// Debug: the public routes take the polling load.
func withLogging(log *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		level := slog.LevelDebug
		if sw.status >= 400 && sw.status != http.StatusNotFound || len(r.URL.Path) > 10 && r.URL.Path[:10] == "/v1/admin/" {
			level = slog.LevelInfo
		}
		log.Log(r.Context(), level, "request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start))
	})
}

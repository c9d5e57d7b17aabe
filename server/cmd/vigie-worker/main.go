//go:build js && wasm

// Command vigie-worker runs the rule server on Cloudflare Workers with its
// store on D1 (binding "DB" in server/worker/wrangler.jsonc). Configuration
// comes from Worker variables or secrets:
//
//	VIGIE_ROOT_KEY      trusted root public key, base64
//	VIGIE_ADMIN_TOKENS  admin tokens as id=<sha256 hex of the secret>[,…]
//
// syumai/workers starts a fresh Go instance for every request, so nothing
// here outlives one request.
package main

import (
	"fmt"
	"log/slog"
	"net/http"
	"os"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"

	"vigie/server"
	"vigie/server/keyfile"
	"vigie/server/store/d1"
)

func main() {
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	h, err := handler(log)
	if err != nil {
		log.Error("configuration", "err", err)
		// Answer every request with the configuration error rather than
		// crash the isolate with no response at all.
		h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			fmt.Fprintln(w, `{"error":"worker misconfigured","code":"internal"}`)
		})
	}
	workers.Serve(h)
}

func handler(log *slog.Logger) (http.Handler, error) {
	root, err := keyfile.ParsePublic(cloudflare.Getenv("VIGIE_ROOT_KEY"))
	if err != nil {
		return nil, fmt.Errorf("VIGIE_ROOT_KEY: %w", err)
	}
	tokens, err := server.ParseTokens(cloudflare.Getenv("VIGIE_ADMIN_TOKENS"))
	if err != nil {
		return nil, fmt.Errorf("VIGIE_ADMIN_TOKENS: %w", err)
	}
	st, err := d1.Open("DB")
	if err != nil {
		return nil, err
	}
	return server.NewServer(server.Deps{Logger: log, Store: st, Root: root, Tokens: tokens}), nil
}

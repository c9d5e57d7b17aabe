// Command vigie-server runs the rule server natively with its SQLite store.
//
//	vigie-server [-addr 127.0.0.1:8787] [-data ./data] [-admin-token T] [-root-key BASE64]
//
// Every flag has an environment variable: VIGIE_ADDR, VIGIE_DATA,
// VIGIE_ADMIN_TOKEN, VIGIE_ROOT_KEY, VIGIE_LOG_LEVEL. Without a token or
// root key it reads admin.token and root.pub from the data directory (as
// written by `vigie-admin dev-init`).
package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"vigie/server"
	"vigie/server/keyfile"
	"vigie/server/store"
	"vigie/server/store/sqlite"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args, os.Getenv, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "vigie-server:", err)
		os.Exit(1)
	}
}

// envOr returns the environment variable if set, else def.
func envOr(getenv func(string) string, name, def string) string {
	if v := getenv(name); v != "" {
		return v
	}
	return def
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(stdout)
	addr := fs.String("addr", envOr(getenv, "VIGIE_ADDR", "127.0.0.1:8787"), "listen address (VIGIE_ADDR)")
	dataDir := fs.String("data", envOr(getenv, "VIGIE_DATA", "./data"), "data directory (VIGIE_DATA)")
	token := fs.String("admin-token", getenv("VIGIE_ADMIN_TOKEN"), "admin bearer token (VIGIE_ADMIN_TOKEN; default: <data>/admin.token)")
	rootKey := fs.String("root-key", getenv("VIGIE_ROOT_KEY"), "trusted root public key, base64 (VIGIE_ROOT_KEY; default: <data>/root.pub)")
	logLevel := fs.String("log-level", envOr(getenv, "VIGIE_LOG_LEVEL", "info"), "debug, info, warn or error (VIGIE_LOG_LEVEL)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		return fmt.Errorf("-log-level: %w", err)
	}
	log := slog.New(slog.NewTextHandler(stdout, &slog.HandlerOptions{Level: level}))

	root, err := loadRoot(*rootKey, *dataDir)
	if err != nil {
		return err
	}
	var tokens []server.Token
	secret, err := loadToken(*token, *dataDir)
	if err != nil {
		return err
	}
	if secret != "" {
		tokens = append(tokens, server.NewToken("admin", secret))
	} else {
		log.Warn("no admin token: admin routes will refuse every request")
	}

	db, err := sqlite.Open(ctx, *dataDir)
	if err != nil {
		return err
	}
	defer db.Close()

	srv := &http.Server{
		Handler:           server.NewServer(server.Deps{Logger: log, Store: store.NewCache(db), Root: root, Tokens: tokens}),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", "http://"+ln.Addr().String(), "data", *dataDir, "root", keyfile.EncodePublic(root))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func loadRoot(flagValue, dataDir string) (ed25519.PublicKey, error) {
	if flagValue != "" {
		pub, err := keyfile.ParsePublic(flagValue)
		if err != nil {
			return nil, fmt.Errorf("-root-key: %w", err)
		}
		return pub, nil
	}
	pub, err := keyfile.ReadPublic(filepath.Join(dataDir, "root.pub"))
	if err != nil {
		return nil, fmt.Errorf("no trusted root key: set -root-key or VIGIE_ROOT_KEY, or run `vigie-admin dev-init` (%w)", err)
	}
	return pub, nil
}

func loadToken(flagValue, dataDir string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	data, err := os.ReadFile(filepath.Join(dataDir, "admin.token"))
	if errors.Is(err, os.ErrNotExist) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("admin token: %w", err)
	}
	return strings.TrimSpace(string(data)), nil
}

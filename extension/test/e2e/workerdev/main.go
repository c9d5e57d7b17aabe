// Command workerdev runs the rule server's Worker under `wrangler dev` (local
// D1) for updates.test.mjs: it builds the Worker, starts it trusting -root-key
// and accepting -token, prints its URL on one stdout line, and stops it on
// SIGINT/SIGTERM. server/worker does the work; this only wires it to flags.
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"vigie/server/worker"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "workerdev:", err)
		os.Exit(1)
	}
}

func run() error {
	rootKey := flag.String("root-key", "", "trusted root public key, base64")
	token := flag.String("token", "", "admin token to accept")
	persist := flag.String("persist", "", "directory for the local D1")
	flag.Parse()
	if *rootKey == "" || *token == "" || *persist == "" {
		return errors.New("-root-key, -token and -persist are required")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	dirs, err := worker.FindDirs()
	if err != nil {
		return err
	}
	if err := dirs.Build(ctx); err != nil {
		return err
	}
	sum := sha256.Sum256([]byte(*token))
	dev, err := dirs.StartDev(ctx, *persist, worker.Vars{"VIGIE_ROOT_KEY": *rootKey, "VIGIE_ADMIN_TOKENS": "e2e=" + hex.EncodeToString(sum[:])})
	if err != nil {
		return err
	}
	fmt.Println(dev.URL)
	<-ctx.Done()
	return dev.Stop()
}

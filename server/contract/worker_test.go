package contract

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"testing"

	"vigie/server/keyfile"
	"vigie/server/worker"
)

// TestWorker runs the contract against the Worker under `wrangler dev`
// with a fresh local D1. It needs Node and `npm ci` in server/worker, so
// it runs when VIGIE_TEST_WORKER=1 (build.sh test sets it) and then fails,
// never skips, if anything is missing.
func TestWorker(t *testing.T) {
	if os.Getenv("VIGIE_TEST_WORKER") != "1" {
		t.Skip("set VIGIE_TEST_WORKER=1 to run the contract under wrangler dev")
	}
	ctx := context.Background()
	dirs, err := worker.FindDirs()
	if err != nil {
		t.Fatal(err)
	}
	if err := dirs.Build(ctx); err != nil {
		t.Fatal(err)
	}
	t.Run("size", func(t *testing.T) {
		n, err := dirs.GzipSize(ctx)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("worker upload, gzip: %d bytes (limit %d)", n, worker.MaxGzipSize)
		if n > worker.MaxGzipSize {
			t.Fatalf("got %d bytes gzip, want <= %d (Workers free plan)", n, worker.MaxGzipSize)
		}
	})
	root := NewRoot(t)
	const token = "worker-contract-token"
	sum := sha256.Sum256([]byte(token))
	dev, err := dirs.StartDev(ctx, t.TempDir(), worker.Vars{
		"VIGIE_ROOT_KEY":     keyfile.EncodePublic(root.Public().(ed25519.PublicKey)),
		"VIGIE_ADMIN_TOKENS": "ci=" + hex.EncodeToString(sum[:]),
	})
	if err != nil {
		t.Fatal(err)
	}
	defer dev.Stop()
	Run(t, Target{URL: dev.URL, Token: token, Root: root})
	if t.Failed() {
		t.Logf("wrangler dev output:\n%s", dev.Logs())
	}
}

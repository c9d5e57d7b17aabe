// Command vigie-load measures the rule server's polling path on loopback:
// GET /v1/channels/stable/latest answered 304 (If-None-Match, the common
// case) and 200. It is a benchmark, not a test: it prints throughput and
// latency percentiles, bounded by -n requests and -duration per mode.
//
//	vigie-load -target native   in-process handler, SQLite store in a temp dir
//	vigie-load -target worker   the Worker under `wrangler dev` (npm ci in server/worker first)
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"vigie/server"
	"vigie/server/client"
	"vigie/server/contract"
	"vigie/server/keyfile"
	"vigie/server/store"
	"vigie/server/store/sqlite"
	"vigie/server/worker"
	"vigie/wasm/engine"
	"vigie/wasm/trust"
	"vigie/wasm/trust/sign"
)

func main() {
	if err := run(context.Background(), os.Args, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "vigie-load:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	target := fs.String("target", "native", "native or worker")
	n := fs.Int("n", 200000, "at most this many requests per mode")
	dur := fs.Duration("duration", 5*time.Second, "at most this long per mode")
	conc := fs.Int("c", 32, "concurrent connections")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	root := mustKey()
	const token = "load-token"
	var base string
	switch *target {
	case "native":
		url, stop, err := startNative(ctx, root, token)
		if err != nil {
			return err
		}
		defer stop()
		base = url
	case "worker":
		dirs, err := worker.FindDirs()
		if err != nil {
			return err
		}
		if err := dirs.Build(ctx); err != nil {
			return err
		}
		persist, err := os.MkdirTemp("", "vigie-load-d1-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(persist)
		sum := sha256.Sum256([]byte(token))
		dev, err := dirs.StartDev(ctx, persist, worker.Vars{
			"VIGIE_ROOT_KEY":     keyfile.EncodePublic(root.Public().(ed25519.PublicKey)),
			"VIGIE_ADMIN_TOKENS": "load=" + hex.EncodeToString(sum[:]),
		})
		if err != nil {
			return err
		}
		defer dev.Stop()
		base = dev.URL
	default:
		return fmt.Errorf("-target %q: want native or worker", *target)
	}
	tag, size, err := publish(ctx, base, token, root)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "target %s at %s, %d connections, at most %d requests or %s per mode; manifest %d bytes\n", *target, base, *conc, *n, *dur, size)
	for _, mode := range []struct {
		name string
		inm  string
		want int
	}{{"latest 304", tag, http.StatusNotModified}, {"latest 200", "", http.StatusOK}} {
		r, err := load(base+"/v1/channels/stable/latest", mode.inm, mode.want, *n, *dur, *conc)
		if err != nil {
			return fmt.Errorf("%s: %w", mode.name, err)
		}
		fmt.Fprintf(stdout, "%-10s %7d req in %5.2fs = %8.0f req/s  p50 %7.3f ms  p99 %7.3f ms  max %7.3f ms\n",
			mode.name, r.count, r.elapsed.Seconds(), float64(r.count)/r.elapsed.Seconds(),
			ms(r.pct(50)), ms(r.pct(99)), ms(r.pct(100)))
	}
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mustKey() ed25519.PrivateKey {
	_, k, err := ed25519.GenerateKey(nil)
	if err != nil {
		panic(err) // crypto/rand failing leaves nothing to measure
	}
	return k
}

// startNative serves the handler with the SQLite store, as vigie-server
// does, on a loopback port.
func startNative(ctx context.Context, root ed25519.PrivateKey, token string) (string, func(), error) {
	dir, err := os.MkdirTemp("", "vigie-load-")
	if err != nil {
		return "", nil, err
	}
	db, err := sqlite.Open(ctx, dir)
	if err != nil {
		return "", nil, err
	}
	h := server.NewServer(server.Deps{Store: store.NewCache(db), Root: root.Public().(ed25519.PublicKey), Tokens: []server.Token{server.NewToken("load", token)}})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String(), func() { srv.Close(); db.Close(); os.RemoveAll(dir) }, nil
}

// publish uploads a keys document and one release; it returns the
// manifest's ETag and size.
func publish(ctx context.Context, base, token string, root ed25519.PrivateKey) (string, int, error) {
	rel := mustKey()
	pub := rel.Public().(ed25519.PublicKey)
	now := time.Now().UTC().Truncate(time.Second)
	keys, err := sign.Keys(&trust.Keys{Schema: trust.KeysSchema, Version: 1, Expires: now.Add(24 * time.Hour),
		ReleaseKeys: []trust.ReleaseKey{{ID: trust.KeyID(pub), PublicKey: pub, Channels: []string{"stable"}, Expires: now.Add(24 * time.Hour)}}}, root)
	if err != nil {
		return "", 0, err
	}
	bundle, err := contract.PackBundle("load")
	if err != nil {
		return "", 0, err
	}
	man, err := sign.Manifest(&trust.Manifest{Schema: trust.ManifestSchema, Channel: "stable", Version: 1, ReleaseID: trust.UUID(uuid.New()),
		Bundle: trust.BundleRef{SHA256: trust.SHA256Hex(bundle), Size: int64(len(bundle))}, Rollout: 100, MinEngine: engine.Version,
		PublishedAt: now, ExpiresAt: now.Add(trust.DefaultManifestTTL)}, rel)
	if err != nil {
		return "", 0, err
	}
	c := &client.Client{BaseURL: base, Token: token}
	if _, err := c.PublishKeys(ctx, keys); err != nil {
		return "", 0, err
	}
	if _, err := c.Publish(ctx, man, bundle); err != nil {
		return "", 0, err
	}
	resp, err := http.Get(base + "/v1/channels/stable/latest")
	if err != nil {
		return "", 0, err
	}
	resp.Body.Close()
	return resp.Header.Get("ETag"), len(man), nil
}

type result struct {
	count     int
	elapsed   time.Duration
	latencies []time.Duration
}

func (r *result) pct(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := (len(r.latencies)*p + 99) / 100
	return r.latencies[min(max(i-1, 0), len(r.latencies)-1)]
}

// load sends GETs from conc workers until n requests or dur have passed.
func load(url, inm string, want, n int, dur time.Duration, conc int) (*result, error) {
	tr := &http.Transport{MaxIdleConns: conc, MaxIdleConnsPerHost: conc, DisableCompression: true}
	defer tr.CloseIdleConnections()
	hc := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	var next atomic.Int64
	deadline := time.Now().Add(dur)
	lats := make([][]time.Duration, conc)
	errs := make([]error, conc)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(n) && time.Now().Before(deadline) {
				req, _ := http.NewRequest(http.MethodGet, url, nil)
				if inm != "" {
					req.Header.Set("If-None-Match", inm)
				}
				t0 := time.Now()
				resp, err := hc.Do(req)
				if err != nil {
					errs[w] = err
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != want {
					errs[w] = fmt.Errorf("got status %d, want %d", resp.StatusCode, want)
					return
				}
				lats[w] = append(lats[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	r := &result{elapsed: time.Since(start)}
	for _, l := range lats {
		r.latencies = append(r.latencies, l...)
	}
	slices.Sort(r.latencies)
	r.count = len(r.latencies)
	return r, errors.Join(errs...)
}

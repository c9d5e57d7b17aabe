// Package worker builds the Cloudflare Worker flavour of the rule server
// and runs it locally under `wrangler dev` (workerd from npm, D1 simulated
// on disk, offline, no login), for the contract tests and the load
// benchmark. It needs `npm ci` in this directory first.
package worker

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// MaxGzipSize is the Workers free plan's limit on a compressed Worker.
const MaxGzipSize = 3 << 20

// Dirs locates the repository from the go command.
type Dirs struct {
	Root   string // repository root (holds go.mod)
	Worker string // server/worker
	Dist   string // dist/worker, the build output wrangler.jsonc points at
}

// FindDirs asks `go env GOMOD` where the repository is.
func FindDirs() (Dirs, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return Dirs{}, fmt.Errorf("go env GOMOD: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(out)))
	d := Dirs{Root: root, Worker: filepath.Join(root, "server", "worker"), Dist: filepath.Join(root, "dist", "worker")}
	if _, err := os.Stat(filepath.Join(d.Worker, "node_modules", ".bin", "wrangler")); err != nil {
		return Dirs{}, fmt.Errorf("wrangler not installed: run `npm ci` in %s (%w)", d.Worker, err)
	}
	return d, nil
}

func (d Dirs) command(ctx context.Context, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CLOUDFLARE_CF_FETCH_ENABLED=false", "NO_COLOR=1")
	return cmd
}

func (d Dirs) wrangler(ctx context.Context, args ...string) *exec.Cmd {
	return d.command(ctx, d.Worker, filepath.Join(d.Worker, "node_modules", ".bin", "wrangler"), args...)
}

func runCmd(cmd *exec.Cmd) error {
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w\n%s", strings.Join(cmd.Args, " "), err, out)
	}
	return nil
}

// Build writes dist/worker: syumai/workers' JS glue and the Go program
// compiled to WebAssembly.
func (d Dirs) Build(ctx context.Context) error {
	if err := runCmd(d.command(ctx, d.Root, "go", "tool", "workers-assets-gen", "-mode=go", "-o", d.Dist)); err != nil {
		return err
	}
	build := d.command(ctx, d.Root, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", filepath.Join(d.Dist, "app.wasm"), "./server/cmd/vigie-worker")
	build.Env = append(build.Env, "GOOS=js", "GOARCH=wasm")
	return runCmd(build)
}

var gzipRe = regexp.MustCompile(`gzip:\s*([0-9.]+)\s*KiB`)

// GzipSize bundles the Worker as `wrangler deploy` would (dry run, no
// login) and returns the compressed upload size wrangler reports.
func (d Dirs) GzipSize(ctx context.Context) (int64, error) {
	out, err := d.wrangler(ctx, "deploy", "--dry-run", "--outdir", filepath.Join(d.Root, "dist", "worker-deploy")).CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("wrangler deploy --dry-run: %w\n%s", err, out)
	}
	m := gzipRe.FindSubmatch(out)
	if m == nil {
		return 0, fmt.Errorf("wrangler deploy --dry-run: no gzip size in:\n%s", out)
	}
	kib, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		return 0, err
	}
	return int64(kib * 1024), nil
}

// Dev is a running `wrangler dev`.
type Dev struct {
	URL  string
	cmd  *exec.Cmd
	logs *bytes.Buffer
	done chan error
}

// Vars are Worker variables passed with --var.
type Vars map[string]string

// StartDev applies the schema to a fresh local D1 under persist and starts
// `wrangler dev` on a free loopback port with vars; it returns once
// /healthz answers.
func (d Dirs) StartDev(ctx context.Context, persist string, vars Vars) (*Dev, error) {
	schema := filepath.Join(d.Root, "server", "store", "schema.sql")
	if err := runCmd(d.wrangler(ctx, "d1", "execute", "vigie", "--local", "--persist-to", persist, "--file", schema)); err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	args := []string{"dev", "--ip", "127.0.0.1", "--port", strconv.Itoa(port), "--persist-to", persist,
		"--show-interactive-dev-session=false", "--log-level", "warn"}
	for k, v := range vars {
		args = append(args, "--var", k+":"+v)
	}
	cmd := d.wrangler(context.Background(), args...)
	// Its own process group, so Stop also ends workerd.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	dev := &Dev{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd, logs: &bytes.Buffer{}, done: make(chan error, 1)}
	cmd.Stdout, cmd.Stderr = dev.logs, dev.logs
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { dev.done <- cmd.Wait() }()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-dev.done:
			return nil, fmt.Errorf("wrangler dev exited: %v\n%s", err, dev.logs)
		case <-ctx.Done():
			dev.Stop()
			return nil, ctx.Err()
		case <-time.After(200 * time.Millisecond):
		}
		resp, err := http.Get(dev.URL + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return dev, nil
			}
		}
	}
	dev.Stop()
	return nil, fmt.Errorf("wrangler dev not healthy after 90s:\n%s", dev.logs)
}

// Logs returns what wrangler printed so far.
func (d *Dev) Logs() string { return d.logs.String() }

// Stop ends wrangler and workerd.
func (d *Dev) Stop() error {
	pgid := d.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-d.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-d.done
	}
	return nil
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

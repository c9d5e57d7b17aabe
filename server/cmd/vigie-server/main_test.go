package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"io"
	"net"
	"net/http"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"vigie/server/contract"
	"vigie/server/keyfile"
	"vigie/wasm/trust"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// waitHealthy polls /healthz until it answers 200.
func waitHealthy(t *testing.T, base string, exited <-chan error) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-exited:
			t.Fatalf("server exited before becoming healthy: %v", err)
		default:
		}
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s/healthz not ready after 20s", base)
}

func getenvMap(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

// TestContract runs the HTTP contract against run() in-process.
func TestContract(t *testing.T) {
	root := contract.NewRoot(t)
	addr := freeAddr(t)
	env := map[string]string{
		"VIGIE_ADDR":        addr,
		"VIGIE_DATA":        t.TempDir(),
		"VIGIE_ADMIN_TOKEN": "contract-token",
		"VIGIE_ROOT_KEY":    keyfile.EncodePublic(root.Public().(ed25519.PublicKey)),
	}
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan error, 1)
	go func() { exited <- run(ctx, []string{"vigie-server"}, getenvMap(env), io.Discard) }()
	base := "http://" + addr
	waitHealthy(t, base, exited)
	contract.Run(t, contract.Target{URL: base, Token: env["VIGIE_ADMIN_TOKEN"], Root: root})
	cancel()
	if err := <-exited; err != nil {
		t.Fatalf("run returned %v after shutdown, want nil", err)
	}
}

func TestRunFlagsAndErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
	}{
		{"no root key", []string{"vigie-server", "-data", dir}, nil},
		{"bad root key", []string{"vigie-server", "-data", dir, "-root-key", "abc"}, nil},
		{"unknown flag", []string{"vigie-server", "-nope"}, nil},
		{"bad log level", []string{"vigie-server", "-log-level", "loud"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			err := run(context.Background(), tt.args, getenvMap(tt.env), io.Discard)
			if err == nil {
				t.Fatal("got nil, want an error")
			}
		})
	}
}

// TestCrash publishes to a real vigie-server process, kills it with
// SIGKILL, restarts it on the same data directory and checks everything
// acknowledged is still served.
func TestCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "vigie-server")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	root := contract.NewRoot(t)
	data := t.TempDir()
	addr := freeAddr(t)
	base := "http://" + addr
	start := func() *exec.Cmd {
		cmd := exec.Command(bin, "-addr", addr, "-data", data, "-admin-token", "crash-token",
			"-root-key", keyfile.EncodePublic(root.Public().(ed25519.PublicKey)))
		var logs bytes.Buffer
		cmd.Stdout, cmd.Stderr = &logs, &logs
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		t.Cleanup(func() { cmd.Process.Kill(); <-exited })
		waitHealthy(t, base, exited)
		return cmd
	}
	cmd := start()
	c := contract.NewClient(t, contract.Target{URL: base, Token: "crash-token"})
	s := contract.NewSigner(t, root)
	rel := contract.NewRoot(t)
	year := time.Now().Add(365 * 24 * time.Hour)
	if r := c.Admin("POST", "/v1/admin/keys", s.Keys(1, year, []string{"stable"}, rel)); r.Status != 201 {
		t.Fatalf("keys: got %d %s", r.Status, r.Body)
	}
	b := contract.Bundle(t, "crash")
	var manifests [][]byte
	for v := uint64(1); v <= 3; v++ {
		m := s.Manifest(rel, "stable", v, b, nil)
		bundle := b
		if v > 1 {
			bundle = nil
		}
		if r := c.Admin("POST", "/v1/admin/releases", contract.Publish(m, bundle)); r.Status != 201 {
			t.Fatalf("publish %d: got %d %s", v, r.Status, r.Body)
		}
		manifests = append(manifests, m)
	}
	// SIGKILL right after the last acknowledgement: no shutdown hook runs.
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond)
	start()
	r := c.Do("GET", "/v1/channels/stable/latest", nil)
	if r.Status != 200 || !bytes.Equal(r.Body, manifests[2]) {
		t.Fatalf("latest after crash: got %d %.80s, want version 3's bytes", r.Status, r.Body)
	}
	r = c.Do("GET", "/v1/bundles/"+trust.SHA256Hex(b), nil)
	if r.Status != 200 || !bytes.Equal(r.Body, b) {
		t.Fatalf("bundle after crash: got %d, %d bytes", r.Status, len(r.Body))
	}
	r = c.Admin("GET", "/v1/admin/audit", nil)
	if r.Status != 200 || bytes.Count(r.Body, []byte(`"outcome":"accepted"`)) != 4 {
		t.Fatalf("audit after crash: got %d %s, want 4 accepted entries", r.Status, r.Body)
	}
	if r := c.Admin("POST", "/v1/admin/releases", contract.Publish(s.Manifest(rel, "stable", 3, b, nil), nil)); r.Status != 409 {
		t.Fatalf("republish version 3 after crash: got %d, want 409", r.Status)
	}
}

package main

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// admin runs vigie-admin in-process and returns its output.
func admin(t *testing.T, env map[string]string, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"vigie-admin"}, args...), func(k string) string { return env[k] }, &out)
	return out.String(), err
}

func mustAdmin(t *testing.T, env map[string]string, args ...string) string {
	t.Helper()
	out, err := admin(t, env, args...)
	if err != nil {
		t.Fatalf("vigie-admin %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// TestDevBootstrap runs the `./build.sh run` sequence twice on one data
// directory: dev-init, start vigie-server, keys push, publish the default
// bundle if the channel is empty; then verifies what the server serves.
// The second round must change nothing.
func TestDevBootstrap(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs vigie-server")
	}
	bin := filepath.Join(t.TempDir(), "vigie-server")
	if out, err := exec.Command("go", "build", "-o", bin, "../vigie-server").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	data := filepath.Join(t.TempDir(), "data")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	env := map[string]string{"VIGIE_SERVER": "http://" + addr}

	var rootKey string
	for round := 1; round <= 2; round++ {
		out := mustAdmin(t, env, "dev-init", "-data", data)
		lines := strings.Split(strings.TrimSpace(out), "\n")
		last := lines[len(lines)-1]
		if round == 1 {
			rootKey = last
			for _, f := range []string{"root.key", "release.key", "admin.token"} {
				st, err := os.Stat(filepath.Join(data, f))
				if err != nil || st.Mode().Perm() != 0o600 {
					t.Fatalf("%s: got %v %v, want mode 0600", f, st.Mode(), err)
				}
			}
		} else if len(lines) != 1 || last != rootKey {
			t.Fatalf("second dev-init: got %q, want only the same root key %q", out, rootKey)
		}
		token, err := os.ReadFile(filepath.Join(data, "admin.token"))
		if err != nil {
			t.Fatal(err)
		}
		env["VIGIE_ADMIN_TOKEN"] = strings.TrimSpace(string(token))

		srv := exec.Command(bin, "-addr", addr, "-data", data)
		var logs bytes.Buffer
		srv.Stdout, srv.Stderr = &logs, &logs
		if err := srv.Start(); err != nil {
			t.Fatal(err)
		}
		waitHealthy(t, "http://"+addr)
		mustAdmin(t, env, "keys", "push", filepath.Join(data, "keys.json"))
		out = mustAdmin(t, env, "publish", "-default", "-if-empty", "-channel", "stable", "-key", filepath.Join(data, "release.key"))
		if wantNew := round == 1; strings.Contains(out, "published stable version 1") != wantNew {
			t.Fatalf("round %d publish: got %q", round, out)
		}
		out = mustAdmin(t, env, "verify", "-online", "-root", filepath.Join(data, "root.pub"), "-channel", "stable")
		if !strings.HasPrefix(out, "OK: keys version 1, stable version 1") {
			t.Fatalf("verify: got %q", out)
		}
		srv.Process.Signal(os.Interrupt)
		if err := srv.Wait(); err != nil {
			t.Fatalf("vigie-server on SIGINT: %v\n%s", err, logs.String())
		}
	}
}

func waitHealthy(t *testing.T, base string) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if resp, err := http.Get(base + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
	}
	t.Fatalf("%s not healthy after 20s", base)
}

func TestErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"no command", nil, "missing command"},
		{"unknown command", []string{"frobnicate"}, "unknown command"},
		{"keygen role", []string{"keygen", "admin"}, "keygen root"},
		{"publish needs a bundle", []string{"publish", "-key", filepath.Join(dir, "x.key")}, "exactly one of"},
		{"rollout needs percent", []string{"rollout"}, "-percent"},
		{"rollback needs to", []string{"rollback"}, "-to VERSION"},
		{"bad server URL", []string{"list", "-server", "ftp://x"}, "http(s) URL"},
		{"verify needs files", []string{"verify", "-root", filepath.Join(dir, "none.pub")}, "public key"},
		{"server down", []string{"list", "-server", "http://127.0.0.1:1"}, "connection refused"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := admin(t, nil, tt.args...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestKeygenRefusesOverwrite(t *testing.T) {
	prefix := filepath.Join(t.TempDir(), "root")
	mustAdmin(t, nil, "keygen", "root", "-out", prefix)
	if _, err := admin(t, nil, "keygen", "root", "-out", prefix); err == nil {
		t.Fatal("second keygen over the same files: got nil, want an error")
	}
}

package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

const srcDir = "../../src"

// sourceFS loads extension/src into memory so rows can mutate it.
func sourceFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(srcDir), ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(srcDir, name))
		m[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func editManifest(t *testing.T, fsys fstest.MapFS, edit func(m map[string]any)) {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(fsys["manifest.json"].Data, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	data, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	fsys["manifest.json"] = &fstest.MapFile{Data: data}
}

func TestCheckManifest(t *testing.T) {
	tests := []struct {
		name string
		edit func(m map[string]any, fsys fstest.MapFS)
		want string // substring of the error; "" = no error
	}{
		{"the real manifest", nil, ""},
		{"manifest v2", func(m map[string]any, _ fstest.MapFS) { m["manifest_version"] = 2 }, "manifest_version"},
		{"bad version", func(m map[string]any, _ fstest.MapFS) { m["version"] = "1.0-beta" }, "version"},
		{"missing description", func(m map[string]any, _ fstest.MapFS) { delete(m, "description") }, "description: missing"},
		{"unknown message", func(m map[string]any, _ fstest.MapFS) { m["name"] = "__MSG_nope__" }, `message "nope"`},
		{"icon size missing", func(m map[string]any, _ fstest.MapFS) { delete(m["icons"].(map[string]any), "96") }, "icons.96"},
		{"icon of the wrong size", func(m map[string]any, _ fstest.MapFS) {
			m["icons"].(map[string]any)["128"] = "icons/icon-48.png"
		}, "got 48x48, want 128x128"},
		{"icon file absent", func(_ map[string]any, f fstest.MapFS) { delete(f, "icons/icon-16.png") }, "icons.16"},
		{"all urls", func(m map[string]any, _ fstest.MapFS) {
			m["host_permissions"] = []any{"<all_urls>"}
		}, `"<all_urls>" is broader`},
		{"tabs permission", func(m map[string]any, _ fstest.MapFS) {
			m["permissions"] = []any{"storage", "tabs"}
		}, `"tabs" is broader`},
		{"content script elsewhere", func(m map[string]any, _ fstest.MapFS) {
			m["content_scripts"].([]any)[0].(map[string]any)["matches"] = []any{"https://*/*"}
		}, "content_scripts.matches"},
		{"content script file absent", func(_ map[string]any, f fstest.MapFS) { delete(f, "content/main.js") }, "content/main.js does not exist"},
		{"csp without wasm", func(m map[string]any, _ fstest.MapFS) {
			m["content_security_policy"] = map[string]any{"extension_pages": "script-src 'self'"}
		}, "content_security_policy"},
		{"csp with unsafe-eval", func(m map[string]any, _ fstest.MapFS) {
			m["content_security_policy"] = map[string]any{"extension_pages": "script-src 'self' 'unsafe-eval'; object-src 'self'"}
		}, "content_security_policy"},
		{"no firefox background", func(m map[string]any, _ fstest.MapFS) {
			delete(m["background"].(map[string]any), "scripts")
		}, "background.scripts"},
		{"classic background", func(m map[string]any, _ fstest.MapFS) {
			delete(m["background"].(map[string]any), "type")
		}, "background.type"},
		{"web accessible resources", func(m map[string]any, _ fstest.MapFS) {
			m["web_accessible_resources"] = []any{map[string]any{"resources": []any{"icons/*"}, "matches": []any{"<all_urls>"}}}
		}, "web_accessible_resources"},
		{"data collection declared", func(m map[string]any, _ fstest.MapFS) {
			m["browser_specific_settings"].(map[string]any)["gecko"].(map[string]any)["data_collection_permissions"] =
				map[string]any{"required": []any{"websiteContent"}}
		}, "data_collection_permissions"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := sourceFS(t)
			if tt.edit != nil {
				editManifest(t, fsys, func(m map[string]any) { tt.edit(m, fsys) })
			}
			err := errors.Join(checkManifest(fsys)...)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("got %q, want no error", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

// newDist makes a dist directory holding stand-in engine files, as the
// wasm build would leave them.
func newDist(t *testing.T) string {
	t.Helper()
	dist := t.TempDir()
	engine := filepath.Join(dist, "extension", "engine")
	if err := os.MkdirAll(engine, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range engineFiles {
		data := []byte("// " + name + "\n")
		if err := os.WriteFile(filepath.Join(dist, "extension", filepath.FromSlash(name)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dist
}

func fixedBrotli(data []byte) (int, error) { return len(data) / 4, nil }

func packInto(t *testing.T, dist string) *report {
	t.Helper()
	p := &packer{src: os.DirFS(srcDir), dist: dist, minifier: newMinifier(), brotli: fixedBrotli}
	r, err := p.pack()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func sum(t *testing.T, path string) [32]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(data)
}

func TestPackIsReproducible(t *testing.T) {
	a, b := newDist(t), newDist(t)
	packInto(t, a)
	packInto(t, b)
	for _, zipName := range []string{"vigie-chrome.zip", "vigie-firefox.zip"} {
		t.Run(zipName, func(t *testing.T) {
			if got, want := sum(t, filepath.Join(a, zipName)), sum(t, filepath.Join(b, zipName)); got != want {
				t.Fatalf("got sha256 %x, want %x (same sources, same bytes)", got, want)
			}
		})
	}
}

func readZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name], err = io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: got time %v, want %v", f.Name, f.Modified, zipTime)
		}
	}
	if !slices.IsSorted(names) {
		t.Errorf("entries not sorted: %q", names)
	}
	return out
}

func TestZipsHoldEverythingWithTheirManifest(t *testing.T) {
	dist := newDist(t)
	packInto(t, dist)
	tests := []struct {
		zip        string
		keep, drop []string
	}{
		{"vigie-chrome.zip", []string{`"service_worker"`}, []string{`"scripts"`, `"browser_specific_settings"`}},
		{"vigie-firefox.zip", []string{`"scripts"`, `"gecko"`, `"data_collection_permissions"`}, []string{`"service_worker"`}},
	}
	for _, tt := range tests {
		t.Run(tt.zip, func(t *testing.T) {
			files := readZip(t, filepath.Join(dist, tt.zip))
			for _, name := range append([]string{"content/main.js", "icons/icon-128.png", "_locales/fr/messages.json"}, engineFiles...) {
				if _, ok := files[name]; !ok {
					t.Errorf("%s missing", name)
				}
			}
			manifest := string(files["manifest.json"])
			for _, k := range tt.keep {
				if !strings.Contains(manifest, k) {
					t.Errorf("manifest lacks %s: %s", k, manifest)
				}
			}
			for _, k := range tt.drop {
				if strings.Contains(manifest, k) {
					t.Errorf("manifest still has %s: %s", k, manifest)
				}
			}
		})
	}
}

func TestMinifiedOutputIsSmallerAndParses(t *testing.T) {
	dist := newDist(t)
	packInto(t, dist)
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed: cannot check that minified JavaScript parses")
	}
	out := filepath.Join(dist, "extension")
	err = filepath.WalkDir(out, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.Contains(path, "engine") {
			return err
		}
		rel, _ := filepath.Rel(out, path)
		srcInfo, err := os.Stat(filepath.Join(srcDir, rel))
		if err != nil {
			t.Errorf("%s: not in the sources", rel)
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if isText(filepath.ToSlash(rel)) && info.Size() >= srcInfo.Size() {
			t.Errorf("%s: got %d bytes, want fewer than the source's %d", rel, info.Size(), srcInfo.Size())
		}
		if strings.HasSuffix(path, ".js") {
			if msg, err := exec.Command(node, "--check", path).CombinedOutput(); err != nil {
				t.Errorf("%s does not parse: %s", rel, msg)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPackWithoutEngineFails(t *testing.T) {
	dist := t.TempDir()
	p := &packer{src: os.DirFS(srcDir), dist: dist, minifier: newMinifier(), brotli: fixedBrotli}
	if _, err := p.pack(); err == nil || !strings.Contains(err.Error(), "build.sh wasm") {
		t.Fatalf("got %v, want an error telling to run ./build.sh wasm", err)
	}
}

// failingWriter fails once more than limit bytes were written.
type failingWriter struct{ limit int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) > w.limit {
		return 0, errors.New("disk full")
	}
	w.limit -= len(p)
	return len(p), nil
}

func TestWriteZipReportsWriteErrors(t *testing.T) {
	files := []file{{"a.js", bytes.Repeat([]byte("x"), 1000)}, {"manifest.json", []byte(`{"background":{}}`)}}
	for _, limit := range []int{0, 10, 100} {
		if err := writeZip(&failingWriter{limit: limit}, "chrome", files); err == nil {
			t.Errorf("limit %d: got no error, want the writer's", limit)
		}
	}
	if err := writeZip(io.Discard, "safari", files); err == nil {
		t.Error("unknown browser: got no error")
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("io error") }

func TestProcessReportsReadErrors(t *testing.T) {
	p := &packer{minifier: newMinifier()}
	for _, name := range []string{"a.js", "a.css", "a.html", "a.json", "a.png"} {
		if _, err := p.process(name, failingReader{}); err == nil {
			t.Errorf("%s: got no error, want the reader's", name)
		}
	}
}

func TestOverBudget(t *testing.T) {
	r := &report{}
	r.add("zip", 10, 20)
	if err := r.overBudget(); err != nil {
		t.Fatalf("got %v, want nil", err)
	}
	r.add("wasm", 30, 20)
	var buf bytes.Buffer
	r.print(&buf)
	if !strings.Contains(buf.String(), "150%") {
		t.Errorf("report lacks the ratio: %s", buf.String())
	}
	if err := r.overBudget(); err == nil || !strings.Contains(err.Error(), "wasm is 30 bytes, budget 20") {
		t.Fatalf("got %v, want the wasm line over budget", err)
	}
}

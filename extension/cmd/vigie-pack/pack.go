package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
)

// engineFiles are written by `build.sh wasm`, not by this tool; packing
// without them would ship an extension that never checks anything.
var engineFiles = []string{"engine/engine.js", "engine/vigie.wasm", "engine/wasm_exec.js", "engine/bundle.json"}

// mediaTypes maps the extensions we minify to the minifier's media types;
// other files (PNGs) are copied as they are.
var mediaTypes = map[string]string{
	".js":   "application/javascript",
	".mjs":  "application/javascript",
	".css":  "text/css",
	".html": "text/html",
	".json": "application/json",
}

// Minifier minifies one file of a media type (minify.M satisfies it).
type Minifier interface {
	Minify(mediatype string, w io.Writer, r io.Reader) error
}

func newMinifier() *minify.M {
	m := minify.New()
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("text/css", css.Minify)
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true})
	m.AddFunc("application/json", json.Minify)
	return m
}

type packer struct {
	src      fs.FS
	dist     string
	minifier Minifier
	brotli   func([]byte) (int, error)
	update   *updateConfig // nil: the sources' config.js and manifest as they are
}

// file is one entry of the packed extension, by slash path.
type file struct {
	name string
	data []byte
}

// pack runs every step and returns the size report.
func (p *packer) pack() (*report, error) {
	if errs := checkManifest(p.src); len(errs) > 0 {
		return nil, fmt.Errorf("manifest check: %w", errors.Join(errs...))
	}
	out := filepath.Join(p.dist, "extension")
	files, err := p.minifyAll()
	if err != nil {
		return nil, err
	}
	if p.update != nil {
		if err := p.update.apply(files); err != nil {
			return nil, err
		}
	}
	engine, err := readEngine(out)
	if err != nil {
		return nil, err
	}
	if err := writeTree(out, files); err != nil {
		return nil, err
	}
	all := append(files, engine...)
	sort.Slice(all, func(i, j int) bool { return all[i].name < all[j].name })
	r := &report{}
	for _, browser := range []string{"chrome", "firefox"} {
		zipPath := filepath.Join(p.dist, "vigie-"+browser+".zip")
		n, err := writeZipFile(zipPath, browser, all)
		if err != nil {
			return nil, err
		}
		r.add("vigie-"+browser+".zip", n, budgetZip)
	}
	if err := r.measure(all, p.brotli); err != nil {
		return nil, err
	}
	return r, nil
}

// minifyAll reads every source file, minifying the text ones.
func (p *packer) minifyAll() ([]file, error) {
	var files []file
	err := fs.WalkDir(p.src, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := p.src.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		data, err := p.process(name, f)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		files = append(files, file{name: name, data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read sources: %w", err)
	}
	return files, nil
}

func (p *packer) process(name string, r io.Reader) ([]byte, error) {
	mt, ok := mediaTypes[path.Ext(name)]
	if !ok {
		return io.ReadAll(r)
	}
	var buf bytes.Buffer
	if err := p.minifier.Minify(mt, &buf, r); err != nil {
		return nil, fmt.Errorf("minify: %w", err)
	}
	return buf.Bytes(), nil
}

func readEngine(out string) ([]file, error) {
	files := make([]file, 0, len(engineFiles))
	for _, name := range engineFiles {
		data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			return nil, fmt.Errorf("engine file missing (run ./build.sh wasm first): %w", err)
		}
		files = append(files, file{name: name, data: data})
	}
	return files, nil
}

// writeTree replaces everything in out but engine/ with files.
func writeTree(out string, files []file) error {
	entries, err := os.ReadDir(out)
	if err != nil {
		return fmt.Errorf("read %s: %w", out, err)
	}
	for _, e := range entries {
		if e.Name() == "engine" {
			continue
		}
		if err := os.RemoveAll(filepath.Join(out, e.Name())); err != nil {
			return fmt.Errorf("clean %s: %w", out, err)
		}
	}
	for _, f := range files {
		dst := filepath.Join(out, filepath.FromSlash(f.name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
		if err := os.WriteFile(dst, f.data, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", f.name, err)
		}
	}
	return nil
}

func writeZipFile(zipPath, browser string, files []file) (int64, error) {
	var buf bytes.Buffer
	if err := writeZip(&buf, browser, files); err != nil {
		return 0, fmt.Errorf("%s: %w", filepath.Base(zipPath), err)
	}
	if err := os.WriteFile(zipPath, buf.Bytes(), 0o644); err != nil {
		return 0, fmt.Errorf("write %s: %w", zipPath, err)
	}
	return int64(buf.Len()), nil
}

func isText(name string) bool {
	_, ok := mediaTypes[path.Ext(name)]
	return ok && !strings.HasPrefix(name, "engine/")
}

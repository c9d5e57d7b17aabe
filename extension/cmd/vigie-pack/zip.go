package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// zipTime is every entry's modification time, so two builds of the same
// sources give byte-identical zips (reproducible builds).
var zipTime = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// writeZip writes files, already sorted by name, as the zip for a browser,
// with that browser's manifest variant.
func writeZip(w io.Writer, browser string, files []file) error {
	zw := zip.NewWriter(w)
	for _, f := range files {
		data := f.data
		if f.name == "manifest.json" {
			v, err := manifestFor(browser, data)
			if err != nil {
				return err
			}
			data = v
		}
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: zipTime}
		h.SetMode(0o644)
		fw, err := zw.CreateHeader(h)
		if err != nil {
			return fmt.Errorf("zip %s: %w", f.name, err)
		}
		if _, err := fw.Write(data); err != nil {
			return fmt.Errorf("zip %s: %w", f.name, err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	return nil
}

// manifestFor drops the keys the other browser would warn about: Chromium
// uses background.service_worker and ignores browser_specific_settings;
// Firefox runs background.scripts as an event page. dist/extension keeps
// both so the same folder loads unpacked in either browser.
func manifestFor(browser string, data []byte) ([]byte, error) {
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	bg, _ := m["background"].(map[string]any)
	switch browser {
	case "chrome":
		delete(m, "browser_specific_settings")
		delete(bg, "scripts")
	case "firefox":
		delete(bg, "service_worker")
	default:
		return nil, fmt.Errorf("unknown browser %q", browser)
	}
	out, err := json.Marshal(m) // map keys come out sorted: stable bytes
	if err != nil {
		return nil, fmt.Errorf("manifest.json: %w", err)
	}
	return out, nil
}

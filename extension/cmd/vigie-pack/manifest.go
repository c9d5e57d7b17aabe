package main

import (
	"encoding/json"
	"fmt"
	"image/png"
	"io/fs"
	"regexp"
	"slices"
	"strconv"
)

// The manifest may ask for no more than this: storage for settings, alarms
// for the rule updater's poll (issue 5), and the two sites Vigie watches.
var (
	allowedPermissions = []string{"storage", "alarms"}
	allowedHosts       = []string{"https://*.facebook.com/*", "https://*.instagram.com/*"}
	iconSizes          = []int{16, 32, 48, 96, 128}
)

// wantCSP lets the background compile the wasm core and nothing else.
const wantCSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'"

var (
	versionRE = regexp.MustCompile(`^\d+(\.\d+){0,3}$`)
	msgRE     = regexp.MustCompile(`^__MSG_(\w+)__$`)
)

type manifest struct {
	ManifestVersion int               `json:"manifest_version"`
	Name            string            `json:"name"`
	Version         string            `json:"version"`
	Description     string            `json:"description"`
	DefaultLocale   string            `json:"default_locale"`
	Icons           map[string]string `json:"icons"`
	Action          struct {
		DefaultTitle string `json:"default_title"`
		DefaultPopup string `json:"default_popup"`
	} `json:"action"`
	OptionsUI struct {
		Page string `json:"page"`
	} `json:"options_ui"`
	Background struct {
		ServiceWorker string   `json:"service_worker"`
		Scripts       []string `json:"scripts"`
		Type          string   `json:"type"`
	} `json:"background"`
	Permissions     []string `json:"permissions"`
	HostPermissions []string `json:"host_permissions"`
	ContentScripts  []struct {
		Matches []string `json:"matches"`
		JS      []string `json:"js"`
		CSS     []string `json:"css"`
	} `json:"content_scripts"`
	CSP struct {
		ExtensionPages string `json:"extension_pages"`
	} `json:"content_security_policy"`
	WebAccessibleResources json.RawMessage `json:"web_accessible_resources"`
	BrowserSpecific        struct {
		Gecko struct {
			ID                  string `json:"id"`
			DataCollectionPerms struct {
				Required []string `json:"required"`
			} `json:"data_collection_permissions"`
		} `json:"gecko"`
	} `json:"browser_specific_settings"`
}

// checkManifest returns every problem of fsys/manifest.json: required
// fields, files it names, icons in all sizes, CSP, and permissions no broader
// than allowed.
func checkManifest(fsys fs.FS) []error {
	data, err := fs.ReadFile(fsys, "manifest.json")
	if err != nil {
		return []error{err}
	}
	var m manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return []error{fmt.Errorf("manifest.json: %w", err)}
	}
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	exists := func(what, name string) {
		if name == "" {
			fail("%s: missing", what)
		} else if _, err := fs.Stat(fsys, name); err != nil {
			fail("%s: %s does not exist", what, name)
		}
	}

	if m.ManifestVersion != 3 {
		fail("manifest_version: got %d, want 3", m.ManifestVersion)
	}
	if !versionRE.MatchString(m.Version) {
		fail("version: %q is not 1 to 4 dot-separated integers", m.Version)
	}
	messages := map[string]any{}
	if m.DefaultLocale == "" {
		fail("default_locale: missing")
	} else if b, err := fs.ReadFile(fsys, "_locales/"+m.DefaultLocale+"/messages.json"); err != nil {
		fail("default_locale: %v", err)
	} else if err := json.Unmarshal(b, &messages); err != nil {
		fail("default_locale messages: %v", err)
	}
	for field, v := range map[string]string{"name": m.Name, "description": m.Description, "action.default_title": m.Action.DefaultTitle} {
		if v == "" {
			fail("%s: missing", field)
		} else if sub := msgRE.FindStringSubmatch(v); sub != nil && messages[sub[1]] == nil {
			fail("%s: message %q not in the default locale", field, sub[1])
		}
	}
	for _, size := range iconSizes {
		name := m.Icons[strconv.Itoa(size)]
		exists(fmt.Sprintf("icons.%d", size), name)
		if name != "" {
			if err := checkPNG(fsys, name, size); err != nil {
				fail("icons.%d: %v", size, err)
			}
		}
	}
	exists("action.default_popup", m.Action.DefaultPopup)
	exists("options_ui.page", m.OptionsUI.Page)
	exists("background.service_worker", m.Background.ServiceWorker)
	if len(m.Background.Scripts) == 0 {
		fail("background.scripts: missing (Firefox event page)")
	}
	for _, s := range m.Background.Scripts {
		exists("background.scripts", s)
	}
	if m.Background.Type != "module" {
		fail("background.type: got %q, want module", m.Background.Type)
	}
	for _, p := range m.Permissions {
		if !slices.Contains(allowedPermissions, p) {
			fail("permissions: %q is broader than needed", p)
		}
	}
	for _, h := range m.HostPermissions {
		if !slices.Contains(allowedHosts, h) {
			fail("host_permissions: %q is broader than needed", h)
		}
	}
	if len(m.ContentScripts) == 0 {
		fail("content_scripts: missing")
	}
	for _, cs := range m.ContentScripts {
		for _, h := range cs.Matches {
			if !slices.Contains(m.HostPermissions, h) || !slices.Contains(allowedHosts, h) {
				fail("content_scripts.matches: %q is not an allowed host permission", h)
			}
		}
		for _, f := range append(append([]string{}, cs.JS...), cs.CSS...) {
			exists("content_scripts", f)
		}
	}
	if m.CSP.ExtensionPages != wantCSP {
		fail("content_security_policy.extension_pages: got %q, want %q", m.CSP.ExtensionPages, wantCSP)
	}
	if len(m.WebAccessibleResources) > 0 {
		fail("web_accessible_resources: pages could detect the extension through them")
	}
	if m.BrowserSpecific.Gecko.ID == "" {
		fail("browser_specific_settings.gecko.id: missing")
	}
	if !slices.Equal(m.BrowserSpecific.Gecko.DataCollectionPerms.Required, []string{"none"}) {
		fail("browser_specific_settings.gecko.data_collection_permissions.required: got %q, want [none]",
			m.BrowserSpecific.Gecko.DataCollectionPerms.Required)
	}
	return errs
}

func checkPNG(fsys fs.FS, name string, size int) error {
	f, err := fsys.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if cfg.Width != size || cfg.Height != size {
		return fmt.Errorf("%s: got %dx%d, want %dx%d", name, cfg.Width, cfg.Height, size, size)
	}
	return nil
}

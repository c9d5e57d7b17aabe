package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestNewUpdateConfig(t *testing.T) {
	key := "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
	tests := []struct {
		name, key, server, channel string
		wantServer, wantErr        string
	}{
		{name: "none", wantServer: ""},
		{name: "https", key: key, server: "https://rules.example.eu", wantServer: "https://rules.example.eu/"},
		{name: "loopback http", key: key, server: "http://127.0.0.1:8787", wantServer: "http://127.0.0.1:8787/"},
		{name: "remote http", key: key, server: "http://rules.example.eu", wantErr: "https only"},
		{name: "key without server", key: key, wantErr: "go together"},
		{name: "short key", key: "AAAA", server: "https://x.eu", wantErr: "32-byte"},
		{name: "query", key: key, server: "https://x.eu/?id=1", wantErr: "without credentials or query"},
		{name: "bad channel", channel: "../x", wantErr: "-channel"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := newUpdateConfig(tt.key, tt.server, tt.channel)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("got %v, want an error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Server != tt.wantServer {
				t.Fatalf("got %q, want %q", c.Server, tt.wantServer)
			}
		})
	}
}

func TestUpdateConfigApply(t *testing.T) {
	c, err := newUpdateConfig("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", "http://127.0.0.1:9999", "beta")
	if err != nil {
		t.Fatal(err)
	}
	files := []file{
		{name: "manifest.json", data: []byte(`{"host_permissions":["https://*.facebook.com/*"]}`)},
		{name: "background/config.js", data: []byte("export const CONFIG = {};")},
	}
	if err := c.apply(files); err != nil {
		t.Fatal(err)
	}
	var m struct {
		Hosts []string `json:"host_permissions"`
	}
	if err := json.Unmarshal(files[0].data, &m); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(m.Hosts, " "); got != "https://*.facebook.com/* http://127.0.0.1:9999/*" {
		t.Fatalf("got %q", got)
	}
	if got := string(files[1].data); !strings.Contains(got, `"server":"http://127.0.0.1:9999/"`) || !strings.Contains(got, `"channel":"beta"`) {
		t.Fatalf("got %q", got)
	}
	if err := c.apply(files[:1]); err == nil {
		t.Fatal("applied without config.js")
	}
}

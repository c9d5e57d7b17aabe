// Package client talks to a Vigie rule server over HTTP: the public routes
// extensions use and the admin routes vigie-admin uses.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"vigie/server"
)

// Client is a rule server client. Token is only sent to admin routes.
type Client struct {
	BaseURL string
	Token   string
	HTTP    *http.Client
}

// Error is an error response from the server.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string {
	return fmt.Sprintf("server: %d %s: %s", e.Status, e.Code, e.Message)
}

// IsCode reports whether err is a server error with the given code.
func IsCode(err error, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == code
}

// maxResponse bounds what the client reads from the server.
const maxResponse = 8 << 20

func (c *Client) do(ctx context.Context, method, path string, body []byte, admin bool, out any) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, strings.TrimSuffix(c.BaseURL, "/")+path, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if admin {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w", method, path, err)
	}
	if resp.StatusCode >= 400 {
		var e server.Error
		if json.Unmarshal(data, &e) != nil || e.Code == "" {
			e = server.Error{Code: "http", Message: strings.TrimSpace(string(data))}
		}
		return nil, &Error{Status: resp.StatusCode, Code: e.Code, Message: e.Message}
	}
	if out != nil {
		if err := json.Unmarshal(data, out); err != nil {
			return nil, fmt.Errorf("%s %s: decoding response: %w", method, path, err)
		}
	}
	return data, nil
}

// Latest returns the channel's signed manifest envelope.
func (c *Client) Latest(ctx context.Context, channel string) ([]byte, error) {
	return c.do(ctx, http.MethodGet, "/v1/channels/"+url.PathEscape(channel)+"/latest", nil, false, nil)
}

// Keys returns the current signed keys document.
func (c *Client) Keys(ctx context.Context) ([]byte, error) {
	return c.do(ctx, http.MethodGet, "/v1/keys", nil, false, nil)
}

// Bundle returns the bundle bytes with the given SHA-256.
func (c *Client) Bundle(ctx context.Context, sha256 string) ([]byte, error) {
	return c.do(ctx, http.MethodGet, "/v1/bundles/"+url.PathEscape(sha256), nil, false, nil)
}

// Publish uploads a signed manifest and its bundle (nil to reuse the
// stored one).
func (c *Client) Publish(ctx context.Context, manifest, bundle []byte) (*server.ReleaseInfo, error) {
	body, err := json.Marshal(server.PublishRequest{Manifest: manifest, Bundle: bundle})
	if err != nil {
		return nil, err
	}
	var out server.ReleaseInfo
	if _, err := c.do(ctx, http.MethodPost, "/v1/admin/releases", body, true, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// PublishKeys uploads a root-signed keys document.
func (c *Client) PublishKeys(ctx context.Context, doc []byte) (*server.KeysInfo, error) {
	var out server.KeysInfo
	if _, err := c.do(ctx, http.MethodPost, "/v1/admin/keys", doc, true, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Releases lists a channel's releases, newest first.
func (c *Client) Releases(ctx context.Context, channel string) ([]server.ReleaseInfo, error) {
	var out []server.ReleaseInfo
	_, err := c.do(ctx, http.MethodGet, "/v1/admin/releases?channel="+url.QueryEscape(channel), nil, true, &out)
	return out, err
}

// Audit lists the audit log, newest first.
func (c *Client) Audit(ctx context.Context, limit int) ([]server.AuditInfo, error) {
	var out []server.AuditInfo
	_, err := c.do(ctx, http.MethodGet, fmt.Sprintf("/v1/admin/audit?limit=%d", limit), nil, true, &out)
	return out, err
}

package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"vigie/server/store"
	"vigie/wasm/engine"
	"vigie/wasm/trust"
)

func handleHealthz() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
}

// etag is a strong validator for exact bytes.
func etag(data []byte) string { return `"` + trust.SHA256Hex(data)[:32] + `"` }

// notModified reports whether the request's If-None-Match lists tag
// (weak comparison, RFC 9110 section 13.1.2).
func notModified(r *http.Request, tag string) bool {
	inm := r.Header.Get("If-None-Match")
	if inm == "" {
		return false
	}
	for _, t := range strings.Split(inm, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == tag {
			return true
		}
	}
	return false
}

// serveBytes writes signed or content-addressed bytes verbatim, or 304.
func serveBytes(w http.ResponseWriter, r *http.Request, data []byte, tag, cache string) {
	h := w.Header()
	h.Set("ETag", tag)
	h.Set("Cache-Control", cache)
	if notModified(r, tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	h.Set("Content-Type", "application/json")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func handleLatest(d *Deps) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		channel := r.PathValue("channel")
		if !trust.ValidChannel(channel) {
			return newError(http.StatusBadRequest, "bad_request", "bad channel name")
		}
		rel, err := d.Store.Latest(r.Context(), channel)
		if err != nil {
			return err
		}
		serveBytes(w, r, rel.Manifest, etag(rel.Manifest), cacheLatest)
		return nil
	}
}

func handleBundle(d *Deps) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		sha := r.PathValue("sha256")
		if !trust.ValidSHA256(sha) {
			return newError(http.StatusBadRequest, "bad_request", "bundle id must be 64 lowercase hex digits")
		}
		tag := `"` + sha + `"`
		if notModified(r, tag) {
			serveBytes(w, r, nil, tag, cacheBundle)
			return nil
		}
		data, err := d.Store.Bundle(r.Context(), sha)
		if err != nil {
			return err
		}
		serveBytes(w, r, data, tag, cacheBundle)
		return nil
	}
}

func handleKeys(d *Deps) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		k, err := d.Store.Keys(r.Context())
		if err != nil {
			return err
		}
		serveBytes(w, r, k.Document, etag(k.Document), cacheKeys)
		return nil
	}
}

// readBody reads an admin request body: JSON only, at most d.MaxBody bytes.
func readBody(d *Deps, r *http.Request) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return nil, newError(http.StatusUnsupportedMediaType, "unsupported_media_type", "Content-Type must be application/json")
	}
	if r.ContentLength > d.MaxBody {
		return nil, newError(http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("body over %d bytes", d.MaxBody))
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, d.MaxBody+1))
	if err != nil {
		return nil, &apiError{status: http.StatusBadRequest, code: "bad_request", msg: "reading body", err: err}
	}
	if int64(len(data)) > d.MaxBody {
		return nil, newError(http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("body over %d bytes", d.MaxBody))
	}
	return data, nil
}

// decodeStrict decodes exactly one JSON value with no unknown fields.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	err := dec.Decode(v)
	if err == nil && len(bytes.TrimSpace(data[dec.InputOffset():])) != 0 {
		err = errors.New("trailing data")
	}
	if err != nil {
		return &apiError{status: http.StatusBadRequest, code: "bad_request", msg: "malformed JSON", err: err}
	}
	return nil
}

// currentKeys returns the stored keys document, verified again against the
// root so a tampered or expired store cannot vouch for a release key.
func currentKeys(ctx context.Context, d *Deps, now time.Time) (*trust.Keys, *store.KeysDoc, error) {
	doc, err := d.Store.Keys(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil, errNoKeys
	}
	if err != nil {
		return nil, nil, err
	}
	k, err := trust.VerifyKeys(doc.Document, d.Root, now, 0)
	if err != nil {
		return nil, nil, fmt.Errorf("stored keys document: %w", err)
	}
	return k, doc, nil
}

func handlePublishRelease(d *Deps) adminFunc {
	return func(r *http.Request, rec *auditRecord) (int, any, error) {
		ctx, now := r.Context(), d.Now()
		data, err := readBody(d, r)
		if err != nil {
			return 0, nil, err
		}
		var req PublishRequest
		if err := decodeStrict(data, &req); err != nil {
			return 0, nil, err
		}
		if _, claimed, err := trust.ParseManifest(req.Manifest); err == nil {
			rec.channel, rec.version = claimed.Channel, claimed.Version
		}
		keys, _, err := currentKeys(ctx, d, now)
		if err != nil {
			return 0, nil, err
		}
		m, err := trust.VerifyManifest(req.Manifest, keys, "", now, 0)
		if err != nil {
			return 0, nil, err
		}
		// Refuse stale versions before the costly bundle checks; the
		// conditional insert below still decides races.
		if cur, err := d.Store.Latest(ctx, m.Channel); err == nil && cur.Version >= m.Version {
			return 0, nil, fmt.Errorf("%w: version %d, channel %s is at %d", store.ErrConflict, m.Version, m.Channel, cur.Version)
		} else if err != nil && !errors.Is(err, store.ErrNotFound) {
			return 0, nil, err
		}
		if req.Bundle != nil {
			if err := m.CheckBundle(req.Bundle, trust.MaxBundleSize); err != nil {
				return 0, nil, err
			}
			if err := checkBundle(req.Bundle, m); err != nil {
				return 0, nil, err
			}
		}
		rel := store.Release{
			Channel: m.Channel, Version: m.Version, ReleaseID: m.ReleaseID.String(),
			SHA256: m.Bundle.SHA256, Size: m.Bundle.Size, Rollout: m.Rollout, MinEngine: m.MinEngine,
			PublishedAt: m.PublishedAt, ExpiresAt: m.ExpiresAt, Manifest: req.Manifest,
			TokenID: rec.tokenID, CreatedAt: now.UTC(),
		}
		if err := d.Store.PutRelease(ctx, rel, req.Bundle); err != nil {
			return 0, nil, err
		}
		return http.StatusCreated, releaseInfo(&rel), nil
	}
}

// checkBundle compiles every rule and runs its examples, as the extension
// will, and checks the manifest does not promise the bundle to engines
// older than the bundle itself requires.
func checkBundle(data []byte, m *trust.Manifest) error {
	eng, err := engine.Load(data)
	if err != nil {
		return err
	}
	b := eng.Bundle()
	if err := engine.ExamplesError(engine.CheckExamples(b)); err != nil {
		return err
	}
	if b.MinEngine != "" {
		older, err := engine.VersionLess(m.MinEngine, b.MinEngine)
		if err != nil || older {
			return newError(http.StatusUnprocessableEntity, "min_engine",
				fmt.Sprintf("manifest min_engine %q is below the bundle's %q", m.MinEngine, b.MinEngine))
		}
	}
	return nil
}

func handlePublishKeys(d *Deps) adminFunc {
	return func(r *http.Request, rec *auditRecord) (int, any, error) {
		ctx, now := r.Context(), d.Now()
		data, err := readBody(d, r)
		if err != nil {
			return 0, nil, err
		}
		if _, claimed, err := trust.ParseKeys(data); err == nil {
			rec.version = claimed.Version
		}
		min := uint64(1)
		if cur, err := d.Store.Keys(ctx); err == nil {
			min = cur.Version + 1
		} else if !errors.Is(err, store.ErrNotFound) {
			return 0, nil, err
		}
		k, err := trust.VerifyKeys(data, d.Root, now, min)
		if err != nil {
			return 0, nil, err
		}
		doc := store.KeysDoc{Version: k.Version, Expires: k.Expires, Document: data, TokenID: rec.tokenID, CreatedAt: now.UTC()}
		if err := d.Store.PutKeys(ctx, doc); errors.Is(err, store.ErrConflict) {
			return 0, nil, fmt.Errorf("%w: version %d", trust.ErrKeysVersion, k.Version)
		} else if err != nil {
			return 0, nil, err
		}
		return http.StatusCreated, KeysInfo{Version: k.Version, Expires: k.Expires}, nil
	}
}

// listLimit reads ?limit= (default 100, at most 1000).
func listLimit(r *http.Request) (int, error) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return 100, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 1000 {
		return 0, newError(http.StatusBadRequest, "bad_request", "limit must be 1..1000")
	}
	return n, nil
}

func handleListReleases(d *Deps) adminFunc {
	return func(r *http.Request, rec *auditRecord) (int, any, error) {
		channel := r.URL.Query().Get("channel")
		if !trust.ValidChannel(channel) {
			return 0, nil, newError(http.StatusBadRequest, "bad_request", "channel query parameter missing or malformed")
		}
		limit, err := listLimit(r)
		if err != nil {
			return 0, nil, err
		}
		rels, err := d.Store.Releases(r.Context(), channel, limit)
		if err != nil {
			return 0, nil, err
		}
		out := make([]ReleaseInfo, len(rels))
		for i := range rels {
			out[i] = releaseInfo(&rels[i])
		}
		return http.StatusOK, out, nil
	}
}

func handleAudit(d *Deps) adminFunc {
	return func(r *http.Request, rec *auditRecord) (int, any, error) {
		limit, err := listLimit(r)
		if err != nil {
			return 0, nil, err
		}
		entries, err := d.Store.Audit(r.Context(), limit)
		if err != nil {
			return 0, nil, err
		}
		out := make([]AuditInfo, len(entries))
		for i, e := range entries {
			out[i] = AuditInfo{ID: e.ID, At: e.At, TokenID: e.TokenID, Action: e.Action, Channel: e.Channel,
				Version: e.Version, Outcome: e.Outcome, Code: e.Code, Detail: e.Detail}
		}
		return http.StatusOK, out, nil
	}
}

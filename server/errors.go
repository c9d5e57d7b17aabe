package server

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

	"vigie/server/store"
	"vigie/wasm/engine"
	"vigie/wasm/trust"
)

// Error is the JSON body of every error response.
type Error struct {
	Message string `json:"error"`
	Code    string `json:"code"`
}

// apiError is an error with its HTTP status and stable code.
type apiError struct {
	status int
	code   string
	msg    string
	err    error // wrapped cause, if any
}

func (e *apiError) Error() string {
	if e.err != nil {
		return e.msg + ": " + e.err.Error()
	}
	return e.msg
}

func (e *apiError) Unwrap() error { return e.err }

func newError(status int, code, msg string) *apiError {
	return &apiError{status: status, code: code, msg: msg}
}

var (
	errNotFound     = newError(http.StatusNotFound, "not_found", "not found")
	errUnauthorized = newError(http.StatusUnauthorized, "unauthorized", "missing or invalid admin token")
	errNoKeys       = newError(http.StatusUnprocessableEntity, "no_keys", "the server has no keys document yet: publish one first")
)

// codes maps expected errors to a status and code, most specific first.
var codes = []struct {
	err    error
	status int
	code   string
}{
	{trust.ErrBadSignature, http.StatusUnprocessableEntity, "bad_signature"},
	{trust.ErrUnknownKey, http.StatusUnprocessableEntity, "unknown_key"},
	{trust.ErrKeyExpired, http.StatusUnprocessableEntity, "key_expired"},
	{trust.ErrKeyChannel, http.StatusUnprocessableEntity, "key_channel"},
	{trust.ErrManifestExpired, http.StatusUnprocessableEntity, "manifest_expired"},
	{trust.ErrKeysExpired, http.StatusUnprocessableEntity, "keys_expired"},
	{trust.ErrKeysVersion, http.StatusConflict, "keys_version"},
	{trust.ErrRollback, http.StatusConflict, "version_conflict"},
	{store.ErrConflict, http.StatusConflict, "version_conflict"},
	{trust.ErrSizeOver, http.StatusUnprocessableEntity, "size_over"},
	{trust.ErrSizeMismatch, http.StatusUnprocessableEntity, "size_mismatch"},
	{trust.ErrDigest, http.StatusUnprocessableEntity, "sha256_mismatch"},
	{trust.ErrMinEngine, http.StatusUnprocessableEntity, "min_engine"},
	{trust.ErrMalformed, http.StatusUnprocessableEntity, "malformed"},
	{engine.ErrBundle, http.StatusUnprocessableEntity, "bundle_invalid"},
	{store.ErrBundleMissing, http.StatusUnprocessableEntity, "bundle_missing"},
	{store.ErrNotFound, http.StatusNotFound, "not_found"},
}

// classify returns the status and code of err; unexpected errors are 500.
func classify(err error) (int, string) {
	var ae *apiError
	if errors.As(err, &ae) && ae.code != "" {
		return ae.status, ae.code
	}
	for _, c := range codes {
		if errors.Is(err, c.err) {
			return c.status, c.code
		}
	}
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge, "too_large"
	}
	return http.StatusInternalServerError, "internal"
}

// writeError is the one place error responses are written. Internal
// errors are logged and not detailed to the client.
func writeError(log *slog.Logger, w http.ResponseWriter, r *http.Request, err error) {
	status, code := classify(err)
	msg := err.Error()
	if status == http.StatusInternalServerError {
		log.ErrorContext(r.Context(), "internal error", "method", r.Method, "path", r.URL.Path, "err", err)
		msg = "internal error"
	}
	if status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="vigie-admin"`)
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, Error{Message: msg, Code: code})
}

// writeJSON encodes v as the response body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":"internal error","code":"internal"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(append(data, '\n'))
}

// handlerFunc is an HTTP handler that returns its error for writeError.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle adapts a handlerFunc.
func handle(d *Deps, h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			writeError(d.Logger, w, r, err)
		}
	})
}

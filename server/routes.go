package server

import "net/http"

// addRoutes lists the whole API.
func addRoutes(mux *http.ServeMux, d *Deps) {
	mux.Handle("GET /healthz", handleHealthz())
	mux.Handle("GET /v1/channels/{channel}/latest", handle(d, handleLatest(d)))
	mux.Handle("GET /v1/bundles/{sha256}", handle(d, handleBundle(d)))
	mux.Handle("GET /v1/keys", handle(d, handleKeys(d)))
	mux.Handle("POST /v1/admin/releases", admin(d, "publish_release", true, handlePublishRelease(d)))
	mux.Handle("GET /v1/admin/releases", admin(d, "list_releases", false, handleListReleases(d)))
	mux.Handle("POST /v1/admin/keys", admin(d, "publish_keys", true, handlePublishKeys(d)))
	mux.Handle("GET /v1/admin/audit", admin(d, "list_audit", false, handleAudit(d)))
	mux.Handle("/", handle(d, func(w http.ResponseWriter, r *http.Request) error { return errNotFound }))
}

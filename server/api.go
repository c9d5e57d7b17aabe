package server

import (
	"time"

	"vigie/server/store"
)

// PublishRequest is the body of POST /v1/admin/releases: a signed manifest
// envelope and the bundle bytes (base64 in JSON). Bundle may be omitted
// when the server already stores it (rollout changes, rollbacks,
// re-signing).
type PublishRequest struct {
	Manifest []byte `json:"manifest"`
	Bundle   []byte `json:"bundle,omitempty"`
}

// ReleaseInfo describes a stored release in admin responses.
type ReleaseInfo struct {
	Channel     string    `json:"channel"`
	Version     uint64    `json:"version"`
	ReleaseID   string    `json:"release_id"`
	SHA256      string    `json:"sha256"`
	Size        int64     `json:"size"`
	Rollout     int       `json:"rollout"`
	MinEngine   string    `json:"min_engine"`
	PublishedAt time.Time `json:"published_at"`
	ExpiresAt   time.Time `json:"expires_at"`
	TokenID     string    `json:"token_id"`
	CreatedAt   time.Time `json:"created_at"`
}

// KeysInfo describes a stored keys document in admin responses.
type KeysInfo struct {
	Version uint64    `json:"version"`
	Expires time.Time `json:"expires"`
}

// AuditInfo is one audit log entry in admin responses.
type AuditInfo struct {
	ID      string    `json:"id"`
	At      time.Time `json:"at"`
	TokenID string    `json:"token_id"`
	Action  string    `json:"action"`
	Channel string    `json:"channel,omitempty"`
	Version uint64    `json:"version,omitempty"`
	Outcome string    `json:"outcome"`
	Code    string    `json:"code,omitempty"`
	Detail  string    `json:"detail,omitempty"`
}

func releaseInfo(r *store.Release) ReleaseInfo {
	return ReleaseInfo{
		Channel: r.Channel, Version: r.Version, ReleaseID: r.ReleaseID, SHA256: r.SHA256, Size: r.Size,
		Rollout: r.Rollout, MinEngine: r.MinEngine, PublishedAt: r.PublishedAt, ExpiresAt: r.ExpiresAt,
		TokenID: r.TokenID, CreatedAt: r.CreatedAt,
	}
}

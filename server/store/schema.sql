-- Vigie rule server schema, shared by SQLite (native) and Cloudflare D1.
-- Every statement is idempotent: the native store runs it at each start,
-- and `wrangler d1 execute --file` may be repeated.

-- Bundle bytes, content-addressed by SHA-256 and reused across releases.
CREATE TABLE IF NOT EXISTS bundles (
  sha256     TEXT PRIMARY KEY,
  size       INTEGER NOT NULL,
  data       BLOB NOT NULL,
  created_at TEXT NOT NULL
);

-- One signed manifest per (channel, version); the envelope is served verbatim.
CREATE TABLE IF NOT EXISTS releases (
  channel      TEXT NOT NULL,
  version      INTEGER NOT NULL,
  release_id   TEXT NOT NULL,
  sha256       TEXT NOT NULL REFERENCES bundles (sha256),
  size         INTEGER NOT NULL,
  rollout      INTEGER NOT NULL,
  min_engine   TEXT NOT NULL,
  published_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  manifest     BLOB NOT NULL,
  token_id     TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (channel, version)
);
CREATE INDEX IF NOT EXISTS releases_sha256 ON releases (sha256);

-- Root-signed keys documents; the highest version is current.
CREATE TABLE IF NOT EXISTS keys_docs (
  version    INTEGER PRIMARY KEY,
  expires_at TEXT NOT NULL,
  document   BLOB NOT NULL,
  token_id   TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- Every admin action, accepted or rejected.
CREATE TABLE IF NOT EXISTS audit (
  seq      INTEGER PRIMARY KEY AUTOINCREMENT,
  id       TEXT NOT NULL UNIQUE,
  at       TEXT NOT NULL,
  token_id TEXT NOT NULL,
  action   TEXT NOT NULL,
  channel  TEXT NOT NULL,
  version  INTEGER NOT NULL,
  outcome  TEXT NOT NULL,
  code     TEXT NOT NULL,
  detail   TEXT NOT NULL
);

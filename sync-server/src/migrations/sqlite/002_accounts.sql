-- Accounts, sites, units, sessions and login throttling. Shipped: never edit.
-- Everything a request needs lives here, not in one process's memory, so
-- several server processes on one database agree on who is signed in.

CREATE TABLE sites (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL CHECK (kind IN ('welcome_center', 'helpline_office')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- A protection unit and the call-back time it promises, in hours.
CREATE TABLE units (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  site_id        TEXT NOT NULL REFERENCES sites (id),
  callback_hours REAL NOT NULL CHECK (callback_hours > 0),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) WITHOUT ROWID;

-- username_key is the username folded for case-insensitive uniqueness.
-- roles and site_ids are JSON arrays of strings.
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL,
  username_key  TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles         TEXT NOT NULL,
  site_ids      TEXT NOT NULL,
  unit_id       TEXT REFERENCES units (id),
  disabled      INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) WITHOUT ROWID;

-- Only the SHA-256 of a session token is stored: a copy of this table signs nobody in.
CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id),
  device_id    TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins per scope ('user': folded username, known or not; 'ip': client address).
CREATE TABLE login_throttle (
  scope             TEXT    NOT NULL,
  key               TEXT    NOT NULL,
  failures          INTEGER NOT NULL,
  window_started_ms INTEGER NOT NULL,
  locked_until_ms   INTEGER,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;

-- The site an audited record belongs to, so a coordinator sees the history of their sites only.
ALTER TABLE audit ADD COLUMN site_id TEXT;
CREATE INDEX audit_site ON audit (site_id, id);

-- A filtered pull walks one collection of the user's sites in sequence order.
CREATE INDEX documents_collection_site_seq ON documents (collection, site_id, seq);

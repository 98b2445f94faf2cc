-- Accounts, sites, units, sessions and login throttling. Shipped: never edit.
-- Runs with search_path set to the configured schema; names stay unqualified.
-- Everything a request needs lives here, not in one process's memory, so
-- several server processes on one database agree on who is signed in.

CREATE TABLE sites (
  id         text        PRIMARY KEY,
  name       text        NOT NULL,
  kind       text        NOT NULL CHECK (kind IN ('welcome_center', 'helpline_office')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

-- A protection unit and the call-back time it promises, in hours.
CREATE TABLE units (
  id             text             PRIMARY KEY,
  name           text             NOT NULL,
  site_id        text             NOT NULL REFERENCES sites (id),
  callback_hours double precision NOT NULL CHECK (callback_hours > 0),
  created_at     timestamptz      NOT NULL,
  updated_at     timestamptz      NOT NULL
);

-- username_key is the username folded for case-insensitive uniqueness.
CREATE TABLE users (
  id            text        PRIMARY KEY,
  username      text        NOT NULL,
  username_key  text        NOT NULL UNIQUE,
  display_name  text        NOT NULL,
  password_hash text        NOT NULL,
  roles         text[]      NOT NULL,
  site_ids      text[]      NOT NULL,
  unit_id       text        REFERENCES units (id),
  disabled      boolean     NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);

-- Only the SHA-256 of a session token is stored: a copy of this table signs nobody in.
CREATE TABLE sessions (
  token_hash   text        PRIMARY KEY,
  user_id      text        NOT NULL REFERENCES users (id),
  device_id    text        NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  last_seen_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Failed sign-ins per scope ('user': folded username, known or not; 'ip': client address).
CREATE TABLE login_throttle (
  scope             text    NOT NULL,
  key               text    NOT NULL,
  failures          integer NOT NULL,
  window_started_ms bigint  NOT NULL,
  locked_until_ms   bigint,
  PRIMARY KEY (scope, key)
);

-- The site an audited record belongs to, so a coordinator sees the history of their sites only.
ALTER TABLE audit ADD COLUMN site_id text;
CREATE INDEX audit_site ON audit (site_id, id);

-- A filtered pull walks one collection of the user's sites in sequence order.
CREATE INDEX documents_collection_site_seq ON documents (collection, site_id, seq);

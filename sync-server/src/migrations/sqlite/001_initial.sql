-- Waystation sync store, SQLite. Shipped: never edit, add a new numbered file instead.

-- One global, monotonic sequence across collections. Writers are serialised
-- (BEGIN IMMEDIATE), so a number handed out is never passed by a later commit.
CREATE TABLE sequence (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  value INTEGER NOT NULL
);
INSERT INTO sequence (id, value) VALUES (1, 0);

-- The current version of every record. Deletions are versions with deleted = 1.
CREATE TABLE documents (
  collection TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  site_id    TEXT    NOT NULL,
  deleted    INTEGER NOT NULL CHECK (deleted IN (0, 1)),
  doc        TEXT    NOT NULL,
  PRIMARY KEY (collection, id)
) WITHOUT ROWID;
CREATE INDEX documents_collection_seq ON documents (collection, seq);

-- Push rows already applied, so a retried push changes nothing.
CREATE TABLE push_log (
  collection TEXT NOT NULL,
  id         TEXT NOT NULL,
  push_key   TEXT NOT NULL,
  PRIMARY KEY (collection, id, push_key)
) WITHOUT ROWID;

-- Append-only: who changed what, from which device, when.
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  user_id    TEXT NOT NULL,
  device_id  TEXT NOT NULL,
  action     TEXT NOT NULL,
  collection TEXT,
  record_id  TEXT,
  details    TEXT
);
CREATE INDEX audit_record ON audit (collection, record_id, id);
CREATE INDEX audit_user ON audit (user_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

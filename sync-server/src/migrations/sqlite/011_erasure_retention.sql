-- Erasure and retention. A person's request to be erased (issue 21 item 3): one coordinator asks,
-- another confirms; only then are the records made tombstones without
-- personal content and the audit entries about them redacted.
-- Shipped: never edit, add a new numbered file instead.
CREATE TABLE erasures (
  id                 TEXT PRIMARY KEY,
  subject_collection TEXT NOT NULL CHECK (subject_collection IN ('households', 'people')),
  subject_id         TEXT NOT NULL,
  site_id            TEXT NOT NULL,
  reason             TEXT NOT NULL,
  requested_by       TEXT NOT NULL,
  requested_at       TEXT NOT NULL,
  confirmed_by       TEXT,
  confirmed_at       TEXT,
  -- JSON: how many records of each collection became tombstones.
  erased             TEXT
);
CREATE INDEX erasures_subject ON erasures (subject_collection, subject_id);

-- The audit log stays append-only but for one change: an entry about an
-- erased record may have its details replaced by the redaction marker, and
-- nothing else of it may change.
DROP TRIGGER audit_no_update;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  WHEN NOT (
    NEW.details IS '{"redacted":true}'
    AND NEW.id IS OLD.id AND NEW.at IS OLD.at AND NEW.user_id IS OLD.user_id
    AND NEW.device_id IS OLD.device_id AND NEW.action IS OLD.action
    AND NEW.collection IS OLD.collection AND NEW.record_id IS OLD.record_id
    AND NEW.site_id IS OLD.site_id
  )
  BEGIN SELECT RAISE(ABORT, 'audit is append-only (an erasure may only redact details)'); END;

-- Retention on the server (issue 21 item 2). A deleted version is removed
-- once it is older than its collection's retention; "older" is read from
-- seq_marks, the highest sequence number at each run of the purge (so no
-- write path changes). purge_horizon is, per collection, the highest sequence
-- number below which deletions may have been removed: a device whose
-- checkpoint lies below it pulls from the start, as after a restore.
CREATE TABLE seq_marks (
  at  TEXT    NOT NULL,
  seq INTEGER NOT NULL
);
CREATE INDEX seq_marks_at ON seq_marks (at);
CREATE TABLE purge_horizon (
  collection TEXT    PRIMARY KEY,
  seq        INTEGER NOT NULL
);

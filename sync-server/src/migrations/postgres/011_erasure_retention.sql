-- Erasure and retention. A person's request to be erased (issue 21 item 3): one coordinator asks,
-- another confirms; only then are the records made tombstones without
-- personal content and the audit entries about them redacted.
-- Shipped: never edit, add a new numbered file instead.
CREATE TABLE erasures (
  id                 text PRIMARY KEY,
  subject_collection text NOT NULL CHECK (subject_collection IN ('households', 'people')),
  subject_id         text NOT NULL,
  site_id            text NOT NULL,
  reason             text NOT NULL,
  requested_by       text NOT NULL,
  requested_at       timestamptz NOT NULL,
  confirmed_by       text,
  confirmed_at       timestamptz,
  -- How many records of each collection became tombstones.
  erased             jsonb
);
CREATE INDEX erasures_subject ON erasures (subject_collection, subject_id);

-- The audit log stays append-only but for one change: an entry about an
-- erased record may have its details replaced by the redaction marker, and
-- nothing else of it may change.
CREATE OR REPLACE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW.details = '{"redacted": true}'::jsonb
     AND (NEW.id, NEW.at, NEW.user_id, NEW.device_id, NEW.action, NEW.collection, NEW.record_id, NEW.site_id)
         IS NOT DISTINCT FROM
         (OLD.id, OLD.at, OLD.user_id, OLD.device_id, OLD.action, OLD.collection, OLD.record_id, OLD.site_id)
  THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only (% refused; an erasure may only redact details)', TG_OP;
END;
$$;

-- Retention on the server (issue 21 item 2). A deleted version is removed
-- once it is older than its collection's retention; "older" is read from
-- seq_marks, the highest sequence number at each run of the purge (so no
-- write path changes). purge_horizon is, per collection, the highest sequence
-- number below which deletions may have been removed: a device whose
-- checkpoint lies below it pulls from the start, as after a restore.
CREATE TABLE seq_marks (
  at  timestamptz NOT NULL,
  seq bigint      NOT NULL
);
CREATE INDEX seq_marks_at ON seq_marks (at);
CREATE TABLE purge_horizon (
  collection text   PRIMARY KEY,
  seq        bigint NOT NULL
);

-- Waystation sync server, PostgreSQL schema v1.
-- Runs with search_path set to the configured schema; names stay unqualified.
-- Shipped migrations are never edited: add the next numbered file instead.

-- One global counter for every collection: a document version's position in
-- commit order. Taken only while holding the write lock (see postgres.ts).
CREATE SEQUENCE document_seq AS bigint START 1;

-- The current version of each document. A deletion is a version with
-- deleted = true; rows are never removed.
CREATE TABLE documents (
  collection text    NOT NULL,
  id         text    NOT NULL,
  seq        bigint  NOT NULL,
  site_id    text    NOT NULL,
  deleted    boolean NOT NULL,
  doc        jsonb   NOT NULL,
  PRIMARY KEY (collection, id)
);
CREATE UNIQUE INDEX documents_collection_seq ON documents (collection, seq);

-- Push keys already applied, so a retried push is recognised and not applied twice.
CREATE TABLE push_log (
  collection text NOT NULL,
  id         text NOT NULL,
  push_key   text NOT NULL,
  PRIMARY KEY (collection, id, push_key)
);

-- Who changed what, when. Append-only: the trigger below refuses edits.
CREATE TABLE audit (
  id         bigserial   PRIMARY KEY,
  at         timestamptz NOT NULL,
  user_id    text        NOT NULL,
  device_id  text        NOT NULL,
  action     text        NOT NULL,
  collection text,
  record_id  text,
  details    jsonb
);
CREATE INDEX audit_record ON audit (collection, record_id, id);
CREATE INDEX audit_user ON audit (user_id, id);

CREATE FUNCTION audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER audit_no_update_or_delete
  BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_is_append_only();
CREATE TRIGGER audit_no_truncate
  BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_is_append_only();

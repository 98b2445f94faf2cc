-- Messages to families (issue 20). Shipped: never edit.
-- The outbound queue: one row per reminder, keyed by the reminder's key
-- (record, lead, event time), which makes scheduling idempotent. No message
-- body is stored: it is written from the records at send time.
CREATE TABLE outbound_messages (
  message_key       TEXT PRIMARY KEY,
  site_id           TEXT NOT NULL,
  household_id      TEXT NOT NULL,
  record_collection TEXT NOT NULL,
  record_id         TEXT NOT NULL,
  kind              TEXT NOT NULL,
  lead              TEXT NOT NULL,
  event_at          TEXT NOT NULL,
  send_at           TEXT NOT NULL,
  state             TEXT NOT NULL
    CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
  attempts          INTEGER NOT NULL DEFAULT 0,
  next_attempt_at   TEXT NOT NULL,
  claimed_by        TEXT,
  claimed_until     TEXT,
  channel           TEXT,
  language          TEXT,
  fallback          INTEGER,
  provider          TEXT,
  provider_id       TEXT,
  failure_reason    TEXT,
  sent_at           TEXT,
  delivered_at      TEXT,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
);
CREATE INDEX outbound_messages_due ON outbound_messages (state, next_attempt_at);
CREATE INDEX outbound_messages_household ON outbound_messages (household_id, send_at);
CREATE INDEX outbound_messages_provider ON outbound_messages (provider_id);
CREATE INDEX outbound_messages_site_sent ON outbound_messages (site_id, sent_at);

-- Per site: which kinds are switched on, the site's templates, time zone and rate limit (JSON).
CREATE TABLE message_settings (
  site_id    TEXT PRIMARY KEY,
  settings   TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- How far the scheduler has read each collection's changes.
CREATE TABLE message_cursor (
  collection TEXT PRIMARY KEY,
  seq        INTEGER NOT NULL
);

-- A family's milestones and legs, and a household by its messaging number.
CREATE INDEX documents_household ON documents (collection, json_extract(doc, '$.householdId'));
CREATE INDEX documents_messaging_phone ON documents (collection, json_extract(doc, '$.messaging.phone'));

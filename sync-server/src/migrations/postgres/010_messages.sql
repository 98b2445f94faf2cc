-- Messages to families (issue 20). Shipped: never edit.
-- The outbound queue: one row per reminder, keyed by the reminder's key
-- (record, lead, event time), which makes scheduling idempotent. No message
-- body is stored: it is written from the records at send time.
CREATE TABLE outbound_messages (
  message_key       text PRIMARY KEY,
  site_id           text NOT NULL,
  household_id      text NOT NULL,
  record_collection text NOT NULL,
  record_id         text NOT NULL,
  kind              text NOT NULL,
  lead              text NOT NULL,
  event_at          timestamptz NOT NULL,
  send_at           timestamptz NOT NULL,
  state             text NOT NULL
    CHECK (state IN ('queued', 'sending', 'sent', 'delivered', 'failed', 'cancelled')),
  attempts          integer NOT NULL DEFAULT 0,
  next_attempt_at   timestamptz NOT NULL,
  claimed_by        text,
  claimed_until     timestamptz,
  channel           text,
  language          text,
  fallback          boolean,
  provider          text,
  provider_id       text,
  failure_reason    text,
  sent_at           timestamptz,
  delivered_at      timestamptz,
  created_at        timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX outbound_messages_due ON outbound_messages (state, next_attempt_at);
CREATE INDEX outbound_messages_household ON outbound_messages (household_id, send_at);
CREATE INDEX outbound_messages_provider ON outbound_messages (provider_id);
CREATE INDEX outbound_messages_site_sent ON outbound_messages (site_id, sent_at);

CREATE TABLE message_settings (
  site_id    text PRIMARY KEY,
  settings   jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL
);

CREATE TABLE message_cursor (
  collection text PRIMARY KEY,
  seq        bigint NOT NULL
);

CREATE INDEX documents_household ON documents (collection, (doc->>'householdId'));
CREATE INDEX documents_messaging_phone ON documents (collection, ((doc->'messaging'->>'phone')));

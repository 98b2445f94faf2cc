-- What the log provider (MESSAGING_PROVIDER=log, the default) wrote instead
-- of sending (issue 20): the administrator's Messages screen shows it, and it
-- must survive a restart. The only place a message body is kept; bounded per
-- site by the store (the newest few hundred), and removed with the family's
-- or call's records by an erasure.
CREATE TABLE logged_messages (
  message_key TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL,
  recipient   TEXT NOT NULL,
  channel     TEXT NOT NULL,
  body        TEXT NOT NULL,
  logged_at   TEXT NOT NULL
);
CREATE INDEX logged_messages_site_at ON logged_messages (site_id, logged_at);

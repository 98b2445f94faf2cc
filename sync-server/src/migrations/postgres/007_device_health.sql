-- Each device's sync health and its revocation (issue 21 item 5). Shipped: never edit.
-- Runs with search_path set to the configured schema; names stay unqualified.
-- One row per person per device: the latest report (validated by the server
-- before it is stored) and when it came; revoked_at/by when an administrator
-- revoked the device; wiped_at when the revoked device said it had pushed
-- what it could and wiped itself.
CREATE TABLE device_health (
  user_id     text        NOT NULL REFERENCES users (id),
  device_id   text        NOT NULL,
  report      jsonb,
  reported_at timestamptz,
  revoked_at  timestamptz,
  revoked_by  text,
  wiped_at    timestamptz,
  PRIMARY KEY (user_id, device_id)
);

-- Revoking a device ends the sessions of its person on it.
CREATE INDEX sessions_user_device ON sessions (user_id, device_id);

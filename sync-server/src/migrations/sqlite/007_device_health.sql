-- Each device's sync health and its revocation (issue 21 item 5). Shipped: never edit.
-- One row per person per device: the latest report (JSON, validated by the
-- server before it is stored) and when it came; revoked_at/by when an
-- administrator revoked the device; wiped_at when the revoked device said it
-- had pushed what it could and wiped itself.
CREATE TABLE device_health (
  user_id     TEXT NOT NULL REFERENCES users (id),
  device_id   TEXT NOT NULL,
  report      TEXT,
  reported_at TEXT,
  revoked_at  TEXT,
  revoked_by  TEXT,
  wiped_at    TEXT,
  PRIMARY KEY (user_id, device_id)
) WITHOUT ROWID;

-- Revoking a device ends the sessions of its person on it.
CREATE INDEX sessions_user_device ON sessions (user_id, device_id);

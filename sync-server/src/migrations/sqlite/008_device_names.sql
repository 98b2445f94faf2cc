-- The name a person gives their device at PIN setup ("Front desk tablet 2"),
-- so history and audit say which device instead of its random id
-- (issue 17). One row per device id; the latest name wins. Shipped: never edit.
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  named_by  TEXT NOT NULL,
  named_at  TEXT NOT NULL
);

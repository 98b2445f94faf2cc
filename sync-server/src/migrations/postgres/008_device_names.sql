-- The name a person gives their device at PIN setup ("Front desk tablet 2"),
-- so history and audit say which device instead of its random id
-- (issue 17). One row per device id; the latest name wins. Shipped: never edit.
-- Runs with search_path set to the configured schema; names stay unqualified.
CREATE TABLE devices (
  device_id text PRIMARY KEY,
  name      text NOT NULL,
  named_by  text NOT NULL,
  named_at  timestamptz NOT NULL
);

-- Device scope over time (issue 21 item 1): per site and role, how many days
-- records stay on devices after the family departed or the call closed
-- (keep_days NULL: all). A missing row means the default in
-- src/domain/deviceScope.ts. Shipped: never edit.
-- Runs with search_path set to the configured schema; names stay unqualified.
CREATE TABLE device_scope (
  site_id    text NOT NULL,
  role       text NOT NULL,
  keep_days  integer,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (site_id, role)
);

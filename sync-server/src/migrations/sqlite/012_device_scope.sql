-- Device scope over time (issue 21 item 1): per site and role, how many days
-- records stay on devices after the family departed or the call closed
-- (keep_days NULL: all). A missing row means the default in
-- src/domain/deviceScope.ts. Shipped: never edit.
CREATE TABLE device_scope (
  site_id    TEXT NOT NULL,
  role       TEXT NOT NULL,
  keep_days  INTEGER,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (site_id, role)
);

-- Call-back promises an administrator sets (issue 16 item 7). Shipped: never edit.
-- Runs with search_path set to the configured schema; names stay unqualified.
-- A unit's promise is callback_hours read in callback_basis: hours for working
-- or calendar hours, days for working days. Existing units keep today's
-- meaning (working hours). A site's office hours (time zone, working days and
-- hours, holidays) are JSON; NULL means the built-in default (Nairobi,
-- Monday-Friday 08:00-17:00, Kenyan holidays), as before.
ALTER TABLE units ADD COLUMN callback_basis text NOT NULL DEFAULT 'working_hours'
  CHECK (callback_basis IN ('working_days', 'working_hours', 'calendar_hours'));
ALTER TABLE sites ADD COLUMN office_hours jsonb;

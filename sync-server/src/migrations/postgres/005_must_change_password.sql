-- Passwords someone else chose (the generated first admin password, one an
-- admin sets for a new user or a reset) must be changed by their owner at
-- first sign-in (issue 15 item 9). Shipped: never edit.
-- Runs with search_path set to the configured schema; names stay unqualified.
-- Existing accounts are not flagged: their owners may already have chosen.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

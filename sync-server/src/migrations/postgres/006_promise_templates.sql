-- The call-back promise in caller languages the interface lacks (issue 16
-- item 5). Shipped: never edit. A site's templates are JSON, language code ->
-- sentence with {{due}}; NULL means none written yet (the agent then says the
-- English sentence and is told no translation exists).
ALTER TABLE sites ADD COLUMN promise_templates jsonb;

-- The server epoch: a random id for this database's history (see store/types.ts).
-- Pull checkpoints carry it; restoring a backup renews it, so a device holding
-- a checkpoint from the lost history pulls everything again instead of
-- skipping the documents that now sit below its sequence number.
-- Shipped: never edit, add a new numbered file instead.
CREATE TABLE server_epoch (
  id    integer PRIMARY KEY CHECK (id = 1),
  epoch text    NOT NULL
);
INSERT INTO server_epoch (id, epoch) VALUES (1, replace(gen_random_uuid()::text, '-', ''));

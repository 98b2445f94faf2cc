/**
 * Schema migrations of the device store, one map per collection keyed by the
 * version a document is migrated *to* (RxDB's migrationStrategies).
 *
 * Synced collections take theirs from the domain registry
 * (src/domain/collections.ts), the same functions the sync server applies to
 * pushes of older devices, so both sides agree after sync. RxDB also runs
 * them over its replication state (the server versions a device last saw),
 * so a change waiting to sync is pushed on top of a migrated base.
 */
import type { MigrationStrategies } from 'rxdb';
import { COLLECTION_NAMES, COLLECTIONS, migrationTo, type CollectionName } from '../domain/collections';

function strategiesOf(name: CollectionName): MigrationStrategies {
  const spec = COLLECTIONS[name];
  const strategies: MigrationStrategies = {};
  for (let version = 1; version <= spec.version; version += 1) {
    const migrate = migrationTo(spec, version);
    strategies[version] = (doc: Record<string, unknown>) => migrate(doc);
  }
  return strategies;
}

export const MIGRATIONS = Object.fromEntries(
  COLLECTION_NAMES.map((name) => [name, strategiesOf(name)]),
) as Record<CollectionName, MigrationStrategies>;

/** The device-only outbox (see outbox.ts). */
export const OUTBOX_MIGRATIONS: MigrationStrategies = {
  // v1 adds the optional rejectedReason/rejectedAt of a change set aside; entries stay as they were.
  1: (entry: unknown) => entry,
};

/**
 * Schema migrations of the device store, one map per collection keyed by the
 * version a document is migrated *to* (RxDB's migrationStrategies). Wired from
 * the first release so that bumping a `version` in src/domain/collections.ts
 * only needs a function here, never new plumbing.
 *
 * A strategy receives a stored document of the previous version and returns it
 * in the new shape (or null to drop it). Synced collections should migrate the
 * same way the server migrates its copy, so that both sides agree after sync.
 */
import type { MigrationStrategies } from 'rxdb';
import type { CollectionName } from '../domain/collections';

export const MIGRATIONS: Record<CollectionName, MigrationStrategies> = {
  households: {},
  people: {},
  sensitive: {},
  conflicts: {},
  travelLegs: {},
  milestones: {},
  tasks: {},
  caseNotes: {},
  calls: {},
};

/** The device-only outbox (see outbox.ts). */
export const OUTBOX_MIGRATIONS: MigrationStrategies = {
  // v1 adds the optional rejectedReason/rejectedAt of a change set aside; entries stay as they were.
  1: (entry: unknown) => entry,
};

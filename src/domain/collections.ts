/**
 * The registry of synced record types: one zod schema each, plus what the
 * device store and the server need to know about it. The client derives its
 * RxDB JSON schemas from here and the server validates pushes with the same
 * schemas. Keep the number of collections ≤ 10 (free RxDB opens at most 13).
 *
 * Schema versions. For days after a release some devices still run the
 * previous version, offline, with changes waiting to sync; the server (which
 * serves the app, so it is always the newest) must take their pushes and
 * they must be able to read what it sends. Hence the rule for a synced
 * collection's version N → N+1:
 *  - it only adds fields, each with a default derivable from the version-N
 *    document: a version-N device stores the new fields it pulls without
 *    knowing them and sends them back untouched (its writes rebase onto the
 *    stored record), so what the server sends is usable by both;
 *  - its migration is a pure function here, applied by the device store
 *    (RxDB migration strategy), by the server to every row of a push that
 *    declares version N (both the assumed and the new state, so a field the
 *    device never knew reads as unchanged by it) and to stored documents as
 *    they are read; it only fills what is missing, so running it on a
 *    document already in the new shape changes nothing.
 * A change that cannot be additive (a rename, a split) takes two releases:
 * add the new field, then drop the old one once no device of the old
 * version remains.
 */
import { z } from 'zod';
import { householdSchema, deriveHousehold } from './household';
import { personSchema, derivePerson, migratePersonToV1 } from './person';
import { sensitiveSchema, SENSITIVE_ENCRYPTED_FIELDS } from './sensitive';
import { conflictSchema } from './conflict';
import { travelLegSchema } from './travel';
import { milestoneSchema } from './milestones';
import { taskSchema, deriveTask } from './tasks';
import { caseNoteSchema } from './caseNotes';
import { callSchema, deriveCall, CALL_ENCRYPTED_FIELDS } from './calls';
import { verifierSchema } from './verifiers';
import { migrateAddingAttachments } from './attachments';
import { migrateAddsOptionalMessagingFields, migrateRecordingWhoWithdrew } from './messaging';

/** Turns a document of the previous schema version into the next one (see the file comment). */
export type DocumentMigration = <T extends Record<string, unknown>>(doc: T) => T;

export interface CollectionSpec {
  schema: z.ZodObject;
  /** Schema version (the RxDB schema's too); bump together with a migration to it. */
  version: number;
  /** By the version a document is migrated *to*: one for each of 1..version. */
  migrations?: Readonly<Record<number, DocumentMigration>>;
  /** Secondary indexes on the device (each a field list). */
  indexes: string[][];
  /** Fields encrypted at rest on the device. */
  encrypted: readonly string[];
  /** Recomputes derived fields (search keys) after a write or a merge. */
  derive?: (doc: Record<string, unknown>) => Record<string, unknown>;
}

function deriver<T>(fn: (doc: T) => T) {
  return (doc: Record<string, unknown>) => fn(doc as T) as Record<string, unknown>;
}

export const COLLECTIONS = {
  households: {
    schema: householdSchema,
    // 1: attachments (documents and photos, absent = none) and messaging consent (absent = none).
    // 2: who withdrew consent to messages (messaging.withdrawnBy).
    version: 2,
    migrations: { 1: migrateAddingAttachments, 2: migrateRecordingWhoWithdrew },
    indexes: [['nameKey'], ['siteId', 'updatedAt']],
    encrypted: [],
    derive: deriver(deriveHousehold),
  },
  people: {
    schema: personSchema,
    // 1: ageEstimatedOn, the day an estimated age refers to. 2: attachments. 3: the member's own consent to messages.
    version: 3,
    migrations: { 1: migratePersonToV1, 2: migrateAddingAttachments, 3: migrateAddsOptionalMessagingFields },
    indexes: [['nameKey'], ['familyKey'], ['householdId']],
    encrypted: [],
    derive: deriver(derivePerson),
  },
  sensitive: {
    schema: sensitiveSchema,
    version: 0,
    indexes: [['householdId']],
    encrypted: SENSITIVE_ENCRYPTED_FIELDS,
  },
  conflicts: {
    schema: conflictSchema,
    version: 0,
    indexes: [['status', 'updatedAt'], ['recordId']],
    encrypted: [],
  },
  travelLegs: {
    schema: travelLegSchema,
    // 1: attachments and reminderCancellations (both optional).
    version: 1,
    migrations: { 1: migrateAddingAttachments },
    indexes: [['householdId'], ['departureAt']],
    encrypted: [],
  },
  milestones: {
    schema: milestoneSchema,
    // 1: attachments and reminderCancellations (both optional).
    version: 1,
    migrations: { 1: migrateAddingAttachments },
    indexes: [['householdId'], ['status', 'dueAt']],
    encrypted: ['notes'],
  },
  tasks: {
    schema: taskSchema,
    version: 0,
    indexes: [['assigneeKey', 'status', 'dueAt'], ['status', 'dueAt']],
    encrypted: [],
    derive: deriver(deriveTask),
  },
  caseNotes: {
    schema: caseNoteSchema,
    version: 0,
    indexes: [['householdId', 'writtenAt']],
    encrypted: ['body'],
  },
  calls: {
    schema: callSchema,
    // 1: attachments, and the caller's consent to call-back messages (both optional).
    // 2: who withdrew consent to messages (messaging.withdrawnBy).
    version: 2,
    migrations: { 1: migrateAddingAttachments, 2: migrateRecordingWhoWithdrew },
    // The queue reads open calls by due time; the log reads recent calls.
    indexes: [['status', 'dueAt'], ['startedAt']],
    encrypted: CALL_ENCRYPTED_FIELDS,
    derive: deriver(deriveCall),
  },
  // Written by the server only (services/verifiers.ts): hashes a helpline agent checks answers against.
  verifiers: {
    schema: verifierSchema,
    version: 0,
    indexes: [['householdId']],
    encrypted: [],
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}

/** The migration of `spec` to `version`; throws when the registry lacks it (a bump without a migration). */
export function migrationTo(spec: CollectionSpec, version: number): DocumentMigration {
  const migration = spec.migrations?.[version];
  if (!migration) throw new Error(`No migration to schema version ${version}`);
  return migration;
}

/**
 * A document of schema version `from` (default 0: stored documents carry no
 * version, and the migrations only fill what is missing) in the current shape.
 * Leaves anything that is not a plain object alone, for validation to refuse.
 */
export function upgradeDocument<T>(name: CollectionName, doc: T, from = 0): T {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return doc;
  const spec: CollectionSpec = COLLECTIONS[name];
  let upgraded = doc as Record<string, unknown>;
  for (let version = from + 1; version <= spec.version; version += 1) {
    upgraded = migrationTo(spec, version)(upgraded);
  }
  return upgraded as T;
}

const DERIVED_PROBE = '\u0000waystation-derived-probe';

/**
 * Whether `path` of `doc` is a field the collection computes from others (a
 * search key, a call's status): never a real clash, it follows the fields it
 * is computed from. Found by planting a marker and seeing `derive` replace it.
 */
export function isDerivedField(spec: CollectionSpec, doc: Record<string, unknown>, path: string): boolean {
  if (!spec.derive || path.includes('.')) return false;
  try {
    return spec.derive({ ...doc, [path]: DERIVED_PROBE })[path] !== DERIVED_PROBE;
  } catch {
    // A partial record the derivation cannot read: the field is not one it computes from it.
    return false;
  }
}

/**
 * The registry of synced record types: one zod schema each, plus what the
 * device store and the server need to know about it. The client derives its
 * RxDB JSON schemas from here and the server validates pushes with the same
 * schemas. Keep the number of collections ≤ 10 (free RxDB opens at most 13).
 */
import { z } from 'zod';
import { householdSchema, deriveHousehold } from './household';
import { personSchema, derivePerson } from './person';
import { sensitiveSchema, SENSITIVE_ENCRYPTED_FIELDS } from './sensitive';
import { conflictSchema } from './conflict';
import { travelLegSchema } from './travel';
import { milestoneSchema } from './milestones';
import { taskSchema, deriveTask } from './tasks';
import { caseNoteSchema } from './caseNotes';
import { callSchema, deriveCall, CALL_ENCRYPTED_FIELDS } from './calls';

export interface CollectionSpec {
  schema: z.ZodObject;
  /** RxDB schema version; bump together with a migration strategy. */
  version: number;
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
    version: 0,
    indexes: [['nameKey'], ['siteId', 'updatedAt']],
    encrypted: [],
    derive: deriver(deriveHousehold),
  },
  people: {
    schema: personSchema,
    version: 0,
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
    version: 0,
    indexes: [['householdId'], ['departureAt']],
    encrypted: [],
  },
  milestones: {
    schema: milestoneSchema,
    version: 0,
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
    version: 0,
    // The queue reads open calls by due time; the log reads recent calls.
    indexes: [['status', 'dueAt'], ['startedAt']],
    encrypted: CALL_ENCRYPTED_FIELDS,
    derive: deriver(deriveCall),
  },
} as const satisfies Record<string, CollectionSpec>;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

export function isCollectionName(name: string): name is CollectionName {
  return Object.prototype.hasOwnProperty.call(COLLECTIONS, name);
}

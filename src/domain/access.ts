/**
 * Who may read and write what (BRIEF §7). The server enforces this on every
 * pull and push; the app uses it to decide which collections to replicate and
 * which screens to offer. Sensitive data lives in collections that less
 * trusted roles never replicate, so a driver's phone never holds a case note
 * or a medical flag, not even encrypted.
 *
 * Every grant is limited to the user's sites (a record's `siteId`).
 */
import type { CollectionName } from './collections';

export const ROLES = [
  'volunteer',
  'driver',
  'caseworker',
  'helpline_agent',
  'case_officer',
  'coordinator',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * none: the collection is not replicated to this role.
 * fields: only these fields are sent (read-only; pushes are refused).
 * all: every field.
 */
export type ReadGrant = { kind: 'none' } | { kind: 'all' } | { kind: 'fields'; fields: readonly string[] };

export interface Grant {
  read: ReadGrant;
  write: boolean;
}

const NONE: Grant = { read: { kind: 'none' }, write: false };
const READ: Grant = { read: { kind: 'all' }, write: false };
const READ_WRITE: Grant = { read: { kind: 'all' }, write: true };

const RECORD_META = ['id', 'siteId', 'createdAt', 'updatedAt', 'updatedBy', 'deviceId'] as const;

/** What a driver sees of a household: enough to find the family and call them, nothing more. */
export const DRIVER_HOUSEHOLD_FIELDS = [
  ...RECORD_META,
  'familyName',
  'nameKey',
  'contactPhone',
  'status',
  'destination',
] as const;

export const ACCESS: Record<Role, Record<CollectionName, Grant>> = {
  volunteer: { households: READ_WRITE, people: READ_WRITE, sensitive: READ_WRITE, conflicts: NONE },
  driver: {
    households: { read: { kind: 'fields', fields: DRIVER_HOUSEHOLD_FIELDS }, write: false },
    people: NONE,
    sensitive: NONE,
    conflicts: NONE,
  },
  caseworker: { households: READ_WRITE, people: READ_WRITE, sensitive: READ_WRITE, conflicts: NONE },
  helpline_agent: { households: READ, people: READ, sensitive: READ, conflicts: NONE },
  case_officer: { households: READ, people: READ, sensitive: READ, conflicts: NONE },
  coordinator: { households: READ_WRITE, people: READ_WRITE, sensitive: READ_WRITE, conflicts: READ_WRITE },
  admin: { households: NONE, people: NONE, sensitive: NONE, conflicts: NONE },
};

/** The union of the grants of several roles (a user may hold more than one). */
export function grantFor(roles: readonly Role[], collection: CollectionName): Grant {
  let read: ReadGrant = { kind: 'none' };
  let write = false;
  for (const role of roles) {
    const grant = ACCESS[role][collection];
    write ||= grant.write;
    if (grant.read.kind === 'all' || read.kind === 'all') read = { kind: 'all' };
    else if (grant.read.kind === 'fields') {
      const fields: Set<string> = new Set([...(read.kind === 'fields' ? read.fields : []), ...grant.read.fields]);
      read = { kind: 'fields', fields: [...fields] };
    }
  }
  return { read, write };
}

export function canRead(roles: readonly Role[], collection: CollectionName): boolean {
  return grantFor(roles, collection).read.kind !== 'none';
}

/** Keeps only the fields a read grant allows (plus `_deleted`, which replication needs). */
export function projectForRead<T extends Record<string, unknown>>(doc: T, grant: ReadGrant): Partial<T> | undefined {
  if (grant.kind === 'none') return undefined;
  if (grant.kind === 'all') return doc;
  const out: Record<string, unknown> = {};
  for (const field of [...grant.fields, '_deleted']) if (field in doc) out[field] = doc[field];
  return out as Partial<T>;
}

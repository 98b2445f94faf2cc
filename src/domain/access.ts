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
import { personSchema } from './person';
import { ROLES, type Role } from './roles';

export { ROLES, type Role };

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

/**
 * What the call desk sees of a person: everything but the date of birth, an
 * answer to the verification questions. The agent's device checks what a
 * caller says against salted hashes (the `verifiers` collection), never
 * against the value, so a lost helpline laptop holds no date of birth.
 */
export const HELPLINE_PERSON_FIELDS = Object.keys(personSchema.shape).filter((field) => field !== 'dateOfBirth');

/** Who may open verification for a caller the agent could not verify (issue 16): the helpline's supervisors. */
export const SUPERVISOR_ROLES = ['case_officer', 'coordinator'] as const satisfies readonly Role[];

export function isSupervisor(roles: readonly Role[]): boolean {
  return roles.some((role) => (SUPERVISOR_ROLES as readonly Role[]).includes(role));
}

type WelcomeCenterCollection = 'travelLegs' | 'milestones' | 'tasks' | 'caseNotes';

const CORE_ACCESS: Record<Role, Record<Exclude<CollectionName, WelcomeCenterCollection>, Grant>> = {
  volunteer: {
    households: READ_WRITE,
    people: READ_WRITE,
    sensitive: READ_WRITE,
    conflicts: NONE,
    calls: NONE,
    verifiers: NONE,
  },
  driver: {
    households: { read: { kind: 'fields', fields: DRIVER_HOUSEHOLD_FIELDS }, write: false },
    people: NONE,
    sensitive: NONE,
    conflicts: NONE,
    calls: NONE,
    verifiers: NONE,
  },
  caseworker: {
    households: READ_WRITE,
    people: READ_WRITE,
    sensitive: READ_WRITE,
    conflicts: NONE,
    calls: NONE,
    verifiers: NONE,
  },
  // Agents log calls; case officers record call-backs and reassign. Both read families to link and verify callers.
  // An agent verifies against hashes: no date of birth, no sensitive record (documents, medical, protection).
  helpline_agent: {
    households: READ,
    people: { read: { kind: 'fields', fields: HELPLINE_PERSON_FIELDS }, write: false },
    sensitive: NONE,
    conflicts: NONE,
    calls: READ_WRITE,
    verifiers: READ,
  },
  // Case officers are the helpline's supervisors (the units' focal points): they resolve the calls' conflicts.
  case_officer: {
    households: READ,
    people: READ,
    sensitive: READ,
    conflicts: READ_WRITE,
    calls: READ_WRITE,
    verifiers: READ,
  },
  coordinator: {
    households: READ_WRITE,
    people: READ_WRITE,
    sensitive: READ_WRITE,
    conflicts: READ_WRITE,
    // Read-only: calls are the agents' and officers' record; a coordinator reviews and reports.
    // So conflicts about calls go to case officers, not to coordinators (mayResolveConflictsOn).
    calls: READ,
    verifiers: NONE,
  },
  admin: { households: NONE, people: NONE, sensitive: NONE, conflicts: NONE, calls: NONE, verifiers: NONE },
};

/**
 * The welcome center's workflow. A driver works with travel legs (their day
 * list, one-tap status) and never receives case notes, milestones or tasks.
 * Helpline agents and case officers answer families about hearings and
 * departures, so they read legs, milestones and tasks; case notes go to case
 * officers (protection work) but not to the call desk.
 */
const WELCOME_CENTER_ACCESS: Record<Role, Record<WelcomeCenterCollection, Grant>> = {
  volunteer: { travelLegs: READ_WRITE, milestones: READ_WRITE, tasks: READ_WRITE, caseNotes: READ_WRITE },
  driver: { travelLegs: READ_WRITE, milestones: NONE, tasks: NONE, caseNotes: NONE },
  caseworker: { travelLegs: READ_WRITE, milestones: READ_WRITE, tasks: READ_WRITE, caseNotes: READ_WRITE },
  helpline_agent: { travelLegs: READ, milestones: READ, tasks: READ, caseNotes: NONE },
  case_officer: { travelLegs: READ, milestones: READ, tasks: READ, caseNotes: READ },
  coordinator: { travelLegs: READ_WRITE, milestones: READ_WRITE, tasks: READ_WRITE, caseNotes: READ_WRITE },
  admin: { travelLegs: NONE, milestones: NONE, tasks: NONE, caseNotes: NONE },
};

export const ACCESS = Object.fromEntries(
  ROLES.map((role) => [role, { ...CORE_ACCESS[role], ...WELCOME_CENTER_ACCESS[role] }]),
) as Record<Role, Record<CollectionName, Grant>>;

/** The union of the grants of several roles (a user may hold more than one). */
export function grantFor(roles: readonly Role[], collection: CollectionName): Grant {
  let read: ReadGrant = { kind: 'none' };
  let write = false;
  for (const role of roles) {
    const grant = ACCESS[role][collection];
    write ||= grant.write;
    if (grant.read.kind === 'all' || read.kind === 'all') read = { kind: 'all' };
    else if (grant.read.kind === 'fields') {
      const fields: Set<string> = new Set([
        ...(read.kind === 'fields' ? read.fields : []),
        ...grant.read.fields,
      ]);
      read = { kind: 'fields', fields: [...fields] };
    }
  }
  return { read, write };
}

/**
 * Who resolves what. Resolving a conflict writes the record and the conflict,
 * so a conflict goes to (is pulled by, shown to and may be closed by) exactly
 * the roles that may write both: coordinators for the welcome center's
 * records, case officers (the helpline's supervisors) for calls. Nobody
 * receives a conflict they could only look at.
 */
export function mayResolveConflictsOn(roles: readonly Role[], collection: string): boolean {
  // Checked against the matrix's own keys: importing the registry here would be an import cycle.
  if (collection === 'conflicts' || !Object.prototype.hasOwnProperty.call(ACCESS.admin, collection))
    return false;
  return grantFor(roles, 'conflicts').write && grantFor(roles, collection as CollectionName).write;
}

export function canRead(roles: readonly Role[], collection: CollectionName): boolean {
  return grantFor(roles, collection).read.kind !== 'none';
}

/** Keeps only the fields a read grant allows (plus `_deleted`, which replication needs). */
export function projectForRead<T extends Record<string, unknown>>(
  doc: T,
  grant: ReadGrant,
): Partial<T> | undefined {
  if (grant.kind === 'none') return undefined;
  if (grant.kind === 'all') return doc;
  const out: Record<string, unknown> = {};
  for (const field of [...grant.fields, '_deleted']) if (field in doc) out[field] = doc[field];
  return out as Partial<T>;
}

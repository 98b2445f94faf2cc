/**
 * Device scope over time (issue 21 item 1): how long records stay on the
 * devices of a role at a site after the family departed or the call closed.
 * The server's pull follows it (sync-server/src/services/deviceScope.ts): a
 * record out of a device's scope is no longer sent, and one the device may
 * hold is sent as a tombstone without content, which removes it from the
 * device (not from the server) the way an erasure reaches devices.
 *
 * What "departed" and "closed" mean here:
 * - a family has left once its household's status is no longer `active`
 *   (`departed`, or `merged` into another registration), from the household's
 *   last change (the status change, or any later edit);
 * - its people, sensitive details, travel legs, milestones, case notes and
 *   verifiers follow their household;
 * - a helpline call has closed once its status is `closed`, from its last change;
 * - tasks and conflicts stay (they are few and are someone's open work).
 * A case worker's "case" is the family: open while the household is active.
 */
import { z } from 'zod';
import { ROLES, type Role } from './access';
import type { CollectionName } from './collections';
import { idSchema } from './common';

const DAY_MS = 86_400_000;

/** Days a record stays after its family departed or its call closed; null: for as long as the server keeps it. */
export const keepDaysSchema = z.number().int().min(0).max(3650).nullable();
export type KeepDays = z.infer<typeof keepDaysSchema>;

export const deviceScopeRuleSchema = z
  .object({ siteId: idSchema, role: z.enum(ROLES), keepDays: keepDaysSchema })
  .strict();
export type DeviceScopeRule = z.infer<typeof deviceScopeRuleSchema>;

/**
 * Without a rule an administrator set: the people at the table and in the
 * van need a family for its day or two and a little after (a family that
 * comes back, a question about a ticket); case workers and case officers
 * follow a case for a season after it ends; coordinators and administrators
 * review, report on and answer requests about everything.
 */
export const DEFAULT_KEEP_DAYS: Readonly<Record<Role, KeepDays>> = {
  volunteer: 14,
  driver: 14,
  caseworker: 90,
  helpline_agent: 30,
  case_officer: 90,
  coordinator: null,
  admin: null,
};

/** The rule for a role at a site: the administrator's, else the default. */
export function keepDaysOf(rules: readonly DeviceScopeRule[], siteId: string, role: Role): KeepDays {
  const rule = rules.find((r) => r.siteId === siteId && r.role === role);
  return rule ? rule.keepDays : DEFAULT_KEEP_DAYS[role];
}

/** A person with several roles keeps what the most generous of them keeps. */
export function keepDaysForRoles(rules: readonly DeviceScopeRule[], siteId: string, roles: readonly Role[]): KeepDays {
  let longest: KeepDays = 0;
  for (const role of roles) {
    const days = keepDaysOf(rules, siteId, role);
    if (days === null) return null;
    longest = Math.max(longest, days);
  }
  return roles.length === 0 ? 0 : longest;
}

/** The collections whose records follow their household. */
const FOLLOW_HOUSEHOLD: ReadonlySet<CollectionName> = new Set([
  'people',
  'sensitive',
  'travelLegs',
  'milestones',
  'caseNotes',
  'verifiers',
]);

type Fields = Readonly<Record<string, unknown>>;

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The household a record's scope follows, when it follows one. */
export function scopeHouseholdId(collection: CollectionName, doc: Fields): string | undefined {
  return FOLLOW_HOUSEHOLD.has(collection) ? text(doc.householdId) : undefined;
}

/** When the family left (a household no longer active): its last change; undefined while active. */
export function householdLeftAt(household: Fields): string | undefined {
  const status = text(household.status);
  if (status === undefined || status === 'active') return undefined;
  return text(household.updatedAt);
}

/**
 * When a record's family departed or its call closed, or undefined while it
 * has not (or never leaves: tasks, conflicts). `household` is the record's
 * household for the collections that follow it (undefined when unknown: the
 * record stays).
 */
export function recordLeftAt(collection: CollectionName, doc: Fields, household: Fields | undefined): string | undefined {
  if (collection === 'households') return householdLeftAt(doc);
  if (collection === 'calls') return text(doc.status) === 'closed' ? text(doc.updatedAt) : undefined;
  if (FOLLOW_HOUSEHOLD.has(collection)) return household ? householdLeftAt(household) : undefined;
  return undefined;
}

/** When a record that left at `leftAt` leaves devices kept `keepDays`; undefined: never. */
export function scopeEndsAt(leftAt: string | undefined, keepDays: KeepDays): Date | undefined {
  if (leftAt === undefined || keepDays === null) return undefined;
  const left = Date.parse(leftAt);
  if (Number.isNaN(left)) return undefined;
  return new Date(left + keepDays * DAY_MS);
}

/** Whether a record is still in a device's scope at `now`. */
export function isInScope(endsAt: Date | undefined, now: Date): boolean {
  return endsAt === undefined || now.getTime() < endsAt.getTime();
}

/** What an administrator sends for one site: a value per role (null: keep all). */
export const deviceScopeSiteSchema = z
  .object({
    siteId: idSchema,
    keepDays: z.partialRecord(z.enum(ROLES), keepDaysSchema),
  })
  .strict();
export type DeviceScopeSite = z.infer<typeof deviceScopeSiteSchema>;

/** What the server keeps on devices, per site and role, with the defaults filled in. */
export const deviceScopeSettingsSchema = z.object({
  sites: z.array(z.object({ siteId: idSchema, keepDays: z.record(z.enum(ROLES), keepDaysSchema) })),
  defaults: z.record(z.enum(ROLES), keepDaysSchema),
});
export type DeviceScopeSettings = z.infer<typeof deviceScopeSettingsSchema>;

/** The settings of each site, every role filled in (administrator's rule, else the default). */
export function scopeSettings(rules: readonly DeviceScopeRule[], siteIds: readonly string[]): DeviceScopeSettings {
  const full = (siteId: string) =>
    Object.fromEntries(ROLES.map((role) => [role, keepDaysOf(rules, siteId, role)])) as Record<Role, KeepDays>;
  return {
    sites: siteIds.map((siteId) => ({ siteId, keepDays: full(siteId) })),
    defaults: { ...DEFAULT_KEEP_DAYS },
  };
}

/**
 * The writer named on a tombstone of a record that left a device's scope (its
 * deviceId). Such a tombstone is never stored on the server: it only removes
 * the record from a device, which never pushes it (src/db/conflictHandler.ts).
 */
export const DEVICE_SCOPE_WRITER = 'device-scope';

export function isScopeTombstone(doc: { _deleted?: unknown; deviceId?: unknown } | undefined): boolean {
  return doc?._deleted === true && doc.deviceId === DEVICE_SCOPE_WRITER;
}

/** What a device keeps (GET /api/sync/scope): per site of its user, the days for the user's roles; and the server's clock. */
export const myDeviceScopeSchema = z.object({
  now: z.iso.datetime(),
  sites: z.array(z.object({ siteId: idSchema, keepDays: keepDaysSchema })),
});
export type MyDeviceScope = z.infer<typeof myDeviceScopeSchema>;

/**
 * The households a device should let go of at `now`: out of scope, and
 * neither they nor any record of theirs waits to be pushed.
 */
export function householdsLeavingDevice(
  households: readonly Fields[],
  scope: Pick<MyDeviceScope, 'sites'>,
  now: Date,
  hasUnsyncedWork: (householdId: string) => boolean,
): string[] {
  const days = new Map(scope.sites.map((site) => [site.siteId, site.keepDays]));
  return households.flatMap((household) => {
    const id = text(household.id);
    const keep = days.get(text(household.siteId) ?? '');
    if (id === undefined || keep === undefined || keep === null) return [];
    if (isInScope(scopeEndsAt(householdLeftAt(household), keep), now)) return [];
    return hasUnsyncedWork(id) ? [] : [id];
  });
}

/** The closed calls a device should let go of at `now` (same rule, calls' own closure). */
export function callsLeavingDevice(
  calls: readonly Fields[],
  scope: Pick<MyDeviceScope, 'sites'>,
  now: Date,
  hasUnsyncedWork: (callId: string) => boolean,
): string[] {
  const days = new Map(scope.sites.map((site) => [site.siteId, site.keepDays]));
  return calls.flatMap((call) => {
    const id = text(call.id);
    const keep = days.get(text(call.siteId) ?? '');
    if (id === undefined || keep === undefined || keep === null) return [];
    if (isInScope(scopeEndsAt(recordLeftAt('calls', call, undefined), keep), now)) return [];
    return hasUnsyncedWork(id) ? [] : [id];
  });
}

/** The collections whose records follow their household (removed with it). */
export const HOUSEHOLD_FOLLOWERS: readonly CollectionName[] = [...FOLLOW_HOUSEHOLD];

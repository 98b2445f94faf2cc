/**
 * Device scope over time (issue 21 item 1; the rules are src/domain/deviceScope.ts).
 *
 * Administrators read and set, per site and role, how many days records stay
 * on devices after the family departed or the call closed. Every device asks
 * for its own scope (its user's sites and roles, and the server's clock) and
 * removes at its sync what left it (src/db/deviceScopePurge.ts).
 *
 * The pull follows the same rules: a record out of the user's scope is not
 * sent to a device that pulls from the start, and is sent as a tombstone
 * without content (the shape an erasure leaves, but never stored here) to a
 * device that pulls on from a checkpoint, which may hold an older version of
 * it. That is how a version written after a family left (the departure
 * itself, or a change pushed later) removes the record from a device that
 * held it, the way an erasure reaches devices.
 */
import { ROLES } from '@waystation/domain/access';
import type { CollectionName } from '@waystation/domain/collections';
import {
  deviceScopeSiteSchema,
  DEVICE_SCOPE_WRITER,
  isInScope,
  keepDaysForRoles,
  recordLeftAt,
  scopeEndsAt,
  scopeHouseholdId,
  scopeSettings,
  type DeviceScopeRule,
  type DeviceScopeSettings,
  type KeepDays,
  type MyDeviceScope,
} from '@waystation/domain/deviceScope';
import { contentFreeTombstone } from '@waystation/domain/erasure';
import type { WireDocument } from '@waystation/protocol';
import type { Store, StoredDocument } from '../store/types';
import type { Principal } from './actor';
import { InputError, parseBody } from './errors';

export const DEVICE_SCOPE_AUDIT_ACTION = 'admin.device_scope';

function requireAdmin(principal: Principal): void {
  if (!principal.roles.includes('admin')) throw new InputError('forbidden', 'Only administrators may do this');
}

export async function readScopeSettings(store: Store, principal: Principal): Promise<DeviceScopeSettings> {
  requireAdmin(principal);
  const [rules, sites] = await Promise.all([store.deviceScopeRules(), store.listSites()]);
  return scopeSettings(rules, sites.map((site) => site.id));
}

/** Sets a site's rules (the roles named; the others keep theirs) and audits old → new. */
export async function writeScopeSettings(
  deps: { store: Store; now: () => Date },
  principal: Principal,
  body: unknown,
): Promise<DeviceScopeSettings> {
  requireAdmin(principal);
  const input = parseBody(deviceScopeSiteSchema, body, 'The device scope');
  const sites = await deps.store.listSites();
  if (!sites.some((site) => site.id === input.siteId)) {
    throw new InputError('invalid_body', `No site "${input.siteId}"`, [{ path: 'siteId', message: 'unknown site' }]);
  }
  const before = scopeSettings(await deps.store.deviceScopeRules(), [input.siteId]).sites[0]?.keepDays;
  const rules: DeviceScopeRule[] = ROLES.flatMap((role) => {
    const keepDays = input.keepDays[role];
    return keepDays === undefined ? [] : [{ siteId: input.siteId, role, keepDays }];
  });
  const at = deps.now().toISOString();
  const changed = Object.fromEntries(
    rules.filter((rule) => before?.[rule.role] !== rule.keepDays).map((rule) => [rule.role, [before?.[rule.role], rule.keepDays]]),
  );
  // The rules and their audit entry commit together.
  await deps.store.transaction(async (tx) => {
    await tx.putDeviceScopeRules(rules, principal.userId, at);
    await tx.appendAudit({
      at,
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: DEVICE_SCOPE_AUDIT_ACTION,
      recordId: input.siteId,
      details: { keepDays: changed },
    });
  });
  return readScopeSettings(deps.store, principal);
}

/** What a device keeps: each of its user's sites with the days for the user's roles, and the server's clock. */
export async function myScope(store: Store, principal: Principal, now: Date): Promise<MyDeviceScope> {
  const rules = await store.deviceScopeRules();
  return {
    now: now.toISOString(),
    sites: principal.siteIds.map((siteId) => ({ siteId, keepDays: keepDaysForRoles(rules, siteId, principal.roles) })),
  };
}

/**
 * The pull's scope for one user: undefined when nothing of theirs ever
 * leaves (every site keeps all), else a check that loads each household once.
 */
export async function pullScope(
  store: Store,
  principal: Principal,
  collection: CollectionName,
  now: Date,
): Promise<PullScope | undefined> {
  if (collection === 'tasks' || collection === 'conflicts') return undefined;
  const rules = await store.deviceScopeRules();
  const keepDays = new Map<string, KeepDays>(
    principal.siteIds.map((siteId) => [siteId, keepDaysForRoles(rules, siteId, principal.roles)]),
  );
  if ([...keepDays.values()].every((days) => days === null)) return undefined;
  return new PullScope(store, collection, keepDays, now);
}

export class PullScope {
  private readonly households = new Map<string, Promise<StoredDocument | undefined>>();

  constructor(
    private readonly store: Store,
    private readonly collection: CollectionName,
    private readonly keepDays: ReadonlyMap<string, KeepDays>,
    private readonly now: Date,
  ) {}

  private household(id: string): Promise<StoredDocument | undefined> {
    let found = this.households.get(id);
    if (!found) {
      found = this.store.getDocument('households', id);
      this.households.set(id, found);
    }
    return found;
  }

  /** Whether a stored record is still in the user's scope (a deleted one always is: its deletion must reach devices). */
  async includes(stored: StoredDocument): Promise<boolean> {
    if (stored.doc._deleted) return true;
    const days = this.keepDays.get(stored.siteId);
    if (days === undefined || days === null) return true;
    const householdId = scopeHouseholdId(this.collection, stored.doc);
    const household = householdId === undefined ? undefined : (await this.household(householdId))?.doc;
    return isInScope(scopeEndsAt(recordLeftAt(this.collection, stored.doc, household), days), this.now);
  }

  /** What a device that may hold the record receives instead of it. */
  tombstone(doc: WireDocument): WireDocument {
    const updatedAt = typeof doc.updatedAt === 'string' ? doc.updatedAt : this.now.toISOString();
    const by = typeof doc.updatedBy === 'string' ? doc.updatedBy : DEVICE_SCOPE_WRITER;
    return contentFreeTombstone(this.collection, doc, { at: updatedAt, by, writer: DEVICE_SCOPE_WRITER });
  }
}

/**
 * Administration of users, sites and units (admin role only; the route checks
 * the role, this module the data). Every change commits together with its
 * audit entry. Audit details name what changed, never a password or its hash.
 */
import { randomUUID } from 'node:crypto';
import {
  createSiteSchema,
  createUnitSchema,
  createUserSchema,
  resetPasswordSchema,
  usernameKey,
  updateSiteSchema,
  updateUnitSchema,
  updateUserSchema,
  type AdminUser,
  type Site,
  type Unit,
} from '@waystation/domain/accounts';
import type { SiteRecord, Store, StoreTransaction, UnitRecord, UserRecord, UserWithThrottle } from '../store/types';
import type { Principal } from './actor';
import { AUDIT_ACTIONS } from './audit';
import type { ChangeNotifier } from './changes';
import { sessionUserOf } from './auth';
import { InputError, parseBody } from './errors';
import { callbackPromiseSchema } from '@waystation/domain/callbackDue';
import { hashPassword } from './passwords';

export interface AdminDeps {
  store: Store;
  now: () => Date;
  /** Told after a user's change commits, so their open change streams check their session at once. */
  notifier?: Pick<ChangeNotifier, 'publishAccountChange'>;
}

function notFound(what: string, id: string): InputError {
  return new InputError('not_found', `There is no ${what} with id ${JSON.stringify(id)}`);
}

/** What the admin screens see of a user: what a session sees, and the account's state. */
export function toAdminUser(user: UserWithThrottle | UserRecord): AdminUser {
  const out: AdminUser = {
    ...sessionUserOf(user),
    disabled: user.disabled,
    failedLogins: 'failedLogins' in user ? user.failedLogins : 0,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
  if ('lockedUntil' in user && user.lockedUntil !== undefined) out.lockedUntil = user.lockedUntil;
  return out;
}

async function audit(
  tx: StoreTransaction,
  admin: Principal,
  at: string,
  action: string,
  recordId: string,
  details: Record<string, unknown>,
) {
  await tx.appendAudit({ at, userId: admin.userId, deviceId: admin.deviceId, action, recordId, details });
}

/** Field → [old, new] for the fields that changed. */
function changes<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]) {
  const out: Record<string, [unknown, unknown]> = {};
  for (const field of fields) {
    const old = before[field];
    const next = after[field];
    if (JSON.stringify(old) !== JSON.stringify(next)) out[field] = [old ?? null, next ?? null];
  }
  return out;
}

async function checkSitesAndUnit(store: Store, siteIds: readonly string[], unitId: string | undefined) {
  for (const siteId of siteIds) {
    if (!(await store.getSite(siteId))) throw notFound('site', siteId);
  }
  if (unitId !== undefined) {
    const unit = await store.getUnit(unitId);
    if (!unit) throw notFound('unit', unitId);
    if (!siteIds.includes(unit.siteId)) {
      throw new InputError('invalid_body', `Unit ${unitId} belongs to site ${unit.siteId}, which the user is not in`, [
        { path: 'unitId', message: 'not in one of the user’s sites' },
      ]);
    }
  }
}

// --- Users ------------------------------------------------------------------

export async function listUsers(deps: AdminDeps): Promise<AdminUser[]> {
  return (await deps.store.listUsers()).map(toAdminUser);
}

export async function createUser(deps: AdminDeps, admin: Principal, body: unknown): Promise<AdminUser> {
  const input = parseBody(createUserSchema, body, 'The new user');
  const siteIds = [...new Set(input.siteIds)];
  await checkSitesAndUnit(deps.store, siteIds, input.unitId);
  const at = deps.now().toISOString();
  const user: UserRecord = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    passwordHash: await hashPassword(input.password),
    roles: [...new Set(input.roles)],
    siteIds,
    disabled: false,
    // The admin chose it: the person chooses their own at first sign-in.
    mustChangePassword: true,
    createdAt: at,
    updatedAt: at,
    ...(input.unitId === undefined ? {} : { unitId: input.unitId }),
  };
  await deps.store.transaction(async (tx) => {
    if (!(await tx.insertUser(user))) {
      throw new InputError('username_taken', `The username "${input.username}" is taken`);
    }
    await audit(tx, admin, at, AUDIT_ACTIONS.userCreate, user.id, {
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      siteIds: user.siteIds,
      unitId: user.unitId ?? null,
    });
  });
  return toAdminUser(user);
}

export async function updateUser(deps: AdminDeps, admin: Principal, id: string, body: unknown): Promise<AdminUser> {
  const input = parseBody(updateUserSchema, body, 'The change to the user');
  const at = deps.now().toISOString();
  const updated = await deps.store.transaction(async (tx) => {
    const before = await tx.getUserForUpdate(id);
    if (!before) throw notFound('user', id);
    const after: UserRecord = {
      ...before,
      ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
      ...(input.roles === undefined ? {} : { roles: [...new Set(input.roles)] }),
      ...(input.siteIds === undefined ? {} : { siteIds: [...new Set(input.siteIds)] }),
      ...(input.disabled === undefined ? {} : { disabled: input.disabled }),
      updatedAt: at,
    };
    if (input.unitId === null) delete after.unitId;
    else if (input.unitId !== undefined) after.unitId = input.unitId;

    if (id === admin.userId && (after.disabled || !after.roles.includes('admin'))) {
      throw new InputError('self_lockout', 'You cannot disable your own account or remove your own admin role');
    }
    await checkSitesAndUnit(deps.store, after.siteIds, after.unitId);
    await tx.updateUser(after);
    let sessionsRevoked = 0;
    // A disabled user is signed out everywhere at once, not when their sessions expire.
    if (after.disabled && !before.disabled) sessionsRevoked = await tx.revokeUserSessions(id, at);
    await audit(tx, admin, at, AUDIT_ACTIONS.userUpdate, id, {
      changes: changes(before, after, ['displayName', 'roles', 'siteIds', 'unitId', 'disabled']),
      ...(sessionsRevoked > 0 ? { sessionsRevoked } : {}),
    });
    return toAdminUser(after);
  });
  deps.notifier?.publishAccountChange(id);
  return updated;
}

export async function resetPassword(deps: AdminDeps, admin: Principal, id: string, body: unknown): Promise<AdminUser> {
  const input = parseBody(resetPasswordSchema, body, 'The new password');
  const passwordHash = await hashPassword(input.password);
  const at = deps.now().toISOString();
  const user = await deps.store.transaction(async (tx) => {
    const before = await tx.getUserForUpdate(id);
    if (!before) throw notFound('user', id);
    const after = { ...before, passwordHash, mustChangePassword: true, updatedAt: at };
    await tx.updateUser(after);
    // Whoever held the old password is signed out everywhere.
    const sessionsRevoked = await tx.revokeUserSessions(id, at);
    await audit(tx, admin, at, AUDIT_ACTIONS.passwordReset, id, { sessionsRevoked });
    return after;
  });
  deps.notifier?.publishAccountChange(id);
  await deps.store.clearThrottle('user', usernameKey(user.username));
  return toAdminUser(user);
}

// --- Sites and units ----------------------------------------------------------

export function toSite(site: SiteRecord): Site {
  return { ...site };
}

export function toUnit(unit: UnitRecord): Unit {
  return { ...unit, callbackBasis: unit.callbackBasis ?? 'working_hours' };
}

/** A promise of part of a working day, or of more working days than make sense, is refused. */
function checkPromise(unit: UnitRecord): void {
  const promise = callbackPromiseSchema.safeParse({ amount: unit.callbackHours, unit: unit.callbackBasis ?? 'working_hours' });
  if (!promise.success) {
    throw new InputError(
      'invalid_body',
      `The unit's call-back promise is not valid: ${promise.error.issues.map((issue) => issue.message).join('; ')}`,
      promise.error.issues.map((issue) => ({ path: 'callbackHours', message: issue.message })),
    );
  }
}

export async function createSite(deps: AdminDeps, admin: Principal, body: unknown): Promise<Site> {
  const input = parseBody(createSiteSchema, body, 'The new site');
  const at = deps.now().toISOString();
  const site: SiteRecord = { id: input.id ?? randomUUID(), name: input.name, kind: input.kind, createdAt: at, updatedAt: at };
  if (await deps.store.getSite(site.id)) {
    throw new InputError('invalid_body', `A site with id ${JSON.stringify(site.id)} exists`, [
      { path: 'id', message: 'taken' },
    ]);
  }
  await deps.store.transaction(async (tx) => {
    await tx.putSite(site);
    await audit(tx, admin, at, AUDIT_ACTIONS.siteCreate, site.id, { name: site.name, kind: site.kind });
  });
  return toSite(site);
}

export async function updateSite(deps: AdminDeps, admin: Principal, id: string, body: unknown): Promise<Site> {
  const input = parseBody(updateSiteSchema, body, 'The change to the site');
  const before = await deps.store.getSite(id);
  if (!before) throw notFound('site', id);
  const at = deps.now().toISOString();
  const { officeHours, promiseTemplates, ...rest } = input;
  const after: SiteRecord = { ...before, ...rest, updatedAt: at };
  if (officeHours === null) delete after.officeHours;
  else if (officeHours !== undefined) after.officeHours = officeHours;
  if (promiseTemplates === null || (promiseTemplates && Object.keys(promiseTemplates).length === 0)) delete after.promiseTemplates;
  else if (promiseTemplates !== undefined) after.promiseTemplates = promiseTemplates;
  await deps.store.transaction(async (tx) => {
    await tx.putSite(after);
    await audit(tx, admin, at, AUDIT_ACTIONS.siteUpdate, id, {
      changes: changes(before, after, ['name', 'kind', 'officeHours', 'promiseTemplates']),
    });
  });
  return toSite(after);
}

export async function createUnit(deps: AdminDeps, admin: Principal, body: unknown): Promise<Unit> {
  const input = parseBody(createUnitSchema, body, 'The new unit');
  if (!(await deps.store.getSite(input.siteId))) throw notFound('site', input.siteId);
  const at = deps.now().toISOString();
  const unit: UnitRecord = {
    id: input.id ?? randomUUID(),
    name: input.name,
    siteId: input.siteId,
    callbackHours: input.callbackHours,
    callbackBasis: input.callbackBasis ?? 'working_hours',
    createdAt: at,
    updatedAt: at,
  };
  checkPromise(unit);
  if (await deps.store.getUnit(unit.id)) {
    throw new InputError('invalid_body', `A unit with id ${JSON.stringify(unit.id)} exists`, [
      { path: 'id', message: 'taken' },
    ]);
  }
  await deps.store.transaction(async (tx) => {
    await tx.putUnit(unit);
    await audit(tx, admin, at, AUDIT_ACTIONS.unitCreate, unit.id, {
      name: unit.name,
      siteId: unit.siteId,
      callbackHours: unit.callbackHours,
      callbackBasis: unit.callbackBasis,
    });
  });
  return toUnit(unit);
}

export async function updateUnit(deps: AdminDeps, admin: Principal, id: string, body: unknown): Promise<Unit> {
  const input = parseBody(updateUnitSchema, body, 'The change to the unit');
  const before = await deps.store.getUnit(id);
  if (!before) throw notFound('unit', id);
  if (input.siteId !== undefined && !(await deps.store.getSite(input.siteId))) throw notFound('site', input.siteId);
  const at = deps.now().toISOString();
  const after: UnitRecord = { ...before, ...input, updatedAt: at };
  checkPromise(after);
  await deps.store.transaction(async (tx) => {
    await tx.putUnit(after);
    await audit(tx, admin, at, AUDIT_ACTIONS.unitUpdate, id, {
      changes: changes(before, after, ['name', 'siteId', 'callbackHours', 'callbackBasis']),
    });
  });
  return toUnit(after);
}

/**
 * The account tables' rows (users, sites, units, sessions, login throttling)
 * and how they become records, written once for both stores. The two
 * databases hand back some columns differently (PostgreSQL: timestamps as
 * Date, jsonb parsed, text[] as arrays, bigint as text; SQLite: ISO text,
 * JSON as text, 0/1, numbers): each store gives its `ColumnReaders` (columns.ts).
 */
import { officeHoursSchema } from '@waystation/domain/callbackDue';
import { promiseTemplatesSchema } from '@waystation/domain/promiseTemplates';
import type {
  SessionRecord,
  SiteRecord,
  ThrottleState,
  UnitRecord,
  UserRecord,
  UserWithThrottle,
} from './types';
import type { ColumnReaders, Columns } from './columns';

export interface UserRow<C extends Columns> {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  roles: C['list'];
  site_ids: C['list'];
  unit_id: string | null;
  disabled: C['bool'];
  must_change_password: C['bool'];
  created_at: C['time'];
  updated_at: C['time'];
}

/** A user with their login throttle (a left join: all three are null when there is none). */
export interface UserThrottleRow<C extends Columns> extends UserRow<C> {
  failures: number | null;
  window_started_ms: C['int64'] | null;
  locked_until_ms: C['int64'] | null;
}

export interface SiteRow<C extends Columns> {
  id: string;
  name: string;
  kind: SiteRecord['kind'];
  office_hours: C['json'] | null;
  promise_templates: C['json'] | null;
  created_at: C['time'];
  updated_at: C['time'];
}

export interface UnitRow<C extends Columns> {
  id: string;
  name: string;
  site_id: string;
  callback_hours: number;
  callback_basis: UnitRecord['callbackBasis'];
  created_at: C['time'];
  updated_at: C['time'];
}

export interface SessionRow<C extends Columns> {
  token_hash: string;
  user_id: string;
  device_id: string;
  created_at: C['time'];
  expires_at: C['time'];
  revoked_at: C['time'] | null;
  last_seen_at: C['time'];
}

export interface ThrottleRow<C extends Columns> {
  failures: number;
  window_started_ms: C['int64'];
  locked_until_ms: C['int64'] | null;
}

/** Every account row of one database, by table. */
export interface AccountRows<C extends Columns> {
  user: UserRow<C>;
  userThrottle: UserThrottleRow<C>;
  site: SiteRow<C>;
  unit: UnitRow<C>;
  session: SessionRow<C>;
  throttle: ThrottleRow<C>;
}

export const USER_COLUMNS =
  'u.id, u.username, u.display_name, u.password_hash, u.roles, u.site_ids, u.unit_id, u.disabled, u.must_change_password, u.created_at, u.updated_at';

/** The mappers from one database's rows to the store's records. */
export function accountMappers<C extends Columns>(read: ColumnReaders<C>) {
  function toUser(row: UserRow<C>): UserRecord {
    const user: UserRecord = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      passwordHash: row.password_hash,
      roles: read.list(row.roles, `roles of user ${row.id}`),
      siteIds: read.list(row.site_ids, `sites of user ${row.id}`),
      disabled: read.bool(row.disabled),
      createdAt: read.time(row.created_at),
      updatedAt: read.time(row.updated_at),
    };
    if (row.unit_id !== null) user.unitId = row.unit_id;
    // Optional like unitId, so a record read back equals the one written without it.
    if (read.bool(row.must_change_password)) user.mustChangePassword = true;
    return user;
  }

  /** The throttle counts only while its window is open, as the login service reads it. */
  function toUserWithThrottle(row: UserThrottleRow<C>): UserWithThrottle {
    const user: UserWithThrottle = { ...toUser(row), failedLogins: row.failures ?? 0 };
    if (row.locked_until_ms !== null)
      user.lockedUntil = new Date(read.int64(row.locked_until_ms)).toISOString();
    return user;
  }

  function toThrottle(row: ThrottleRow<C>): ThrottleState {
    const state: ThrottleState = {
      failures: row.failures,
      windowStartedMs: read.int64(row.window_started_ms),
    };
    if (row.locked_until_ms !== null) state.lockedUntilMs = read.int64(row.locked_until_ms);
    return state;
  }

  function toSite(row: SiteRow<C>): SiteRecord {
    const site: SiteRecord = {
      id: row.id,
      name: row.name,
      kind: row.kind,
      createdAt: read.time(row.created_at),
      updatedAt: read.time(row.updated_at),
    };
    if (row.office_hours !== null) site.officeHours = officeHoursSchema.parse(read.json(row.office_hours));
    if (row.promise_templates !== null) {
      site.promiseTemplates = promiseTemplatesSchema.parse(read.json(row.promise_templates));
    }
    return site;
  }

  function toUnit(row: UnitRow<C>): UnitRecord {
    return {
      id: row.id,
      name: row.name,
      siteId: row.site_id,
      callbackHours: row.callback_hours,
      callbackBasis: row.callback_basis,
      createdAt: read.time(row.created_at),
      updatedAt: read.time(row.updated_at),
    };
  }

  function toSession(row: SessionRow<C>): SessionRecord {
    const session: SessionRecord = {
      tokenHash: row.token_hash,
      userId: row.user_id,
      deviceId: row.device_id,
      createdAt: read.time(row.created_at),
      expiresAt: read.time(row.expires_at),
      lastSeenAt: read.time(row.last_seen_at),
    };
    if (row.revoked_at !== null) session.revokedAt = read.time(row.revoked_at);
    return session;
  }

  return { toUser, toUserWithThrottle, toThrottle, toSite, toUnit, toSession };
}

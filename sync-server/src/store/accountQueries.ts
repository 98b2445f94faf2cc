/**
 * The account half of the store (users, sites, units, sessions, device names,
 * login throttling) written once for both databases. Kysely builds each
 * statement and compiles it to the dialect's SQL; nothing here runs it:
 * `sqliteAccounts.ts` runs the compiled statements synchronously on
 * better-sqlite3 inside the SQLite store's serialised writes, and
 * `postgresAccounts.ts` runs them on the pool or a transaction's client. What
 * differs between the two databases is said once, in `dialect.ts`.
 */
import { sql, type CompiledQuery } from 'kysely';
import { usernameKey } from '@waystation/domain/accounts';
import { officeHoursSchema } from '@waystation/domain/callbackDue';
import { promiseTemplatesSchema } from '@waystation/domain/promiseTemplates';
import type {
  NamedDevice,
  SessionRecord,
  SiteRecord,
  ThrottlePolicy,
  ThrottleScope,
  ThrottleState,
  UnitRecord,
  UserRecord,
  UserWithThrottle,
} from './types';
import { compilerFor, CODECS, type Dialect, type Row } from './dialect';

/**
 * The tables as both databases hold them. A column whose stored form differs
 * (0/1 or boolean, JSON text or an array, text or timestamptz) is `unknown`
 * here and goes through the codec both ways.
 */
interface AccountTables {
  users: {
    id: string;
    username: string;
    username_key: string;
    display_name: string;
    password_hash: string;
    roles: unknown;
    site_ids: unknown;
    unit_id: string | null;
    disabled: unknown;
    must_change_password: unknown;
    created_at: unknown;
    updated_at: unknown;
  };
  sites: {
    id: string;
    name: string;
    kind: SiteRecord['kind'];
    office_hours: unknown;
    promise_templates: unknown;
    created_at: unknown;
    updated_at: unknown;
  };
  units: {
    id: string;
    name: string;
    site_id: string;
    callback_hours: number;
    callback_basis: UnitRecord['callbackBasis'];
    created_at: unknown;
    updated_at: unknown;
  };
  sessions: {
    token_hash: string;
    user_id: string;
    device_id: string;
    created_at: unknown;
    expires_at: unknown;
    revoked_at: unknown;
    last_seen_at: unknown;
  };
  devices: {
    device_id: string;
    name: string;
    named_by: string;
    named_at: unknown;
  };
  login_throttle: {
    scope: string;
    key: string;
    failures: number;
    window_started_ms: unknown;
    locked_until_ms: unknown;
  };
}

const USER_COLUMNS = [
  'u.id',
  'u.username',
  'u.display_name',
  'u.password_hash',
  'u.roles',
  'u.site_ids',
  'u.unit_id',
  'u.disabled',
  'u.must_change_password',
  'u.created_at',
  'u.updated_at',
] as const;

/** The statements and the readers of their rows for one database (PostgreSQL: in one schema). */
export function accountQueries(dialect: Dialect, schema?: string) {
  const db = compilerFor<AccountTables>(dialect, schema);
  const codec = CODECS[dialect];
  const str = (value: unknown) => value as string;
  const optional = (value: unknown) => (value === null || value === undefined ? undefined : value);

  function toUser(row: Row): UserRecord {
    const id = str(row.id);
    const user: UserRecord = {
      id,
      username: str(row.username),
      displayName: str(row.display_name),
      passwordHash: str(row.password_hash),
      roles: codec.readNames(row.roles, `roles of user ${id}`),
      siteIds: codec.readNames(row.site_ids, `sites of user ${id}`),
      disabled: codec.readBool(row.disabled),
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
    if (optional(row.unit_id) !== undefined) user.unitId = str(row.unit_id);
    // Optional like unitId, so a record read back equals the one written without it.
    if (codec.readBool(row.must_change_password)) user.mustChangePassword = true;
    return user;
  }

  function toThrottle(row: Row): ThrottleState {
    const state: ThrottleState = {
      failures: codec.readInt(row.failures),
      windowStartedMs: codec.readInt(row.window_started_ms),
    };
    if (optional(row.locked_until_ms) !== undefined) state.lockedUntilMs = codec.readInt(row.locked_until_ms);
    return state;
  }

  /** The throttle counts only while its window is open, as the login service reads it. */
  function toUserWithThrottle(row: Row): UserWithThrottle {
    const throttled =
      optional(row.failures) === undefined || optional(row.window_started_ms) === undefined
        ? undefined
        : toThrottle(row);
    const user: UserWithThrottle = { ...toUser(row), failedLogins: throttled?.failures ?? 0 };
    if (throttled?.lockedUntilMs !== undefined)
      user.lockedUntil = new Date(throttled.lockedUntilMs).toISOString();
    return user;
  }

  function toSite(row: Row): SiteRecord {
    const site: SiteRecord = {
      id: str(row.id),
      name: str(row.name),
      kind: row.kind as SiteRecord['kind'],
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
    if (optional(row.office_hours) !== undefined)
      site.officeHours = officeHoursSchema.parse(codec.readJson(row.office_hours));
    if (optional(row.promise_templates) !== undefined)
      site.promiseTemplates = promiseTemplatesSchema.parse(codec.readJson(row.promise_templates));
    return site;
  }

  function toUnit(row: Row): UnitRecord {
    return {
      id: str(row.id),
      name: str(row.name),
      siteId: str(row.site_id),
      callbackHours: codec.readInt(row.callback_hours),
      callbackBasis: row.callback_basis as UnitRecord['callbackBasis'],
      createdAt: codec.readTime(row.created_at),
      updatedAt: codec.readTime(row.updated_at),
    };
  }

  function toSession(row: Row): SessionRecord {
    const session: SessionRecord = {
      tokenHash: str(row.token_hash),
      userId: str(row.user_id),
      deviceId: str(row.device_id),
      createdAt: codec.readTime(row.created_at),
      expiresAt: codec.readTime(row.expires_at),
      lastSeenAt: codec.readTime(row.last_seen_at),
    };
    if (optional(row.revoked_at) !== undefined) session.revokedAt = codec.readTime(row.revoked_at);
    return session;
  }

  function userValues(user: UserRecord) {
    return {
      username: user.username,
      username_key: usernameKey(user.username),
      display_name: user.displayName,
      password_hash: user.passwordHash,
      roles: codec.names(user.roles),
      site_ids: codec.names(user.siteIds),
      unit_id: user.unitId ?? null,
      disabled: codec.bool(user.disabled),
      must_change_password: codec.bool(user.mustChangePassword === true),
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    };
  }

  const selectUser = () => db.selectFrom('users as u').select(USER_COLUMNS);

  /**
   * One upsert of the login throttle, so concurrent failures (several processes
   * on PostgreSQL) each count once. The SET expressions see the row as it was,
   * so "the window expired" is decided once, on the old window.
   */
  function recordLoginFailure(scope: ThrottleScope, key: string, policy: ThrottlePolicy): CompiledQuery<Row> {
    const big = (value: number) => sql<number>`cast(${value} as bigint)`;
    const now = big(policy.nowMs);
    const windowStarted = sql.ref('login_throttle.window_started_ms');
    const failures = sql.ref('login_throttle.failures');
    const expired = sql`${windowStarted} <= ${now} - ${big(policy.windowMs)}`;
    const nextFailures = sql<number>`case when ${expired} then 1 else ${failures} + 1 end`;
    return db
      .insertInto('login_throttle')
      .values({
        scope,
        key,
        failures: 1,
        window_started_ms: now,
        locked_until_ms: policy.maxFailures <= 1 ? sql`${now} + ${big(policy.lockMs)}` : null,
      })
      .onConflict((conflict) =>
        conflict.columns(['scope', 'key']).doUpdateSet({
          failures: nextFailures,
          window_started_ms: sql`case when ${expired} then ${now} else ${windowStarted} end`,
          locked_until_ms: sql`case when ${nextFailures} >= ${policy.maxFailures}
            then ${now} + ${big(policy.lockMs)} else ${sql.ref('login_throttle.locked_until_ms')} end`,
        }),
      )
      .returning(['failures', 'window_started_ms', 'locked_until_ms'])
      .compile();
  }

  return {
    toUser,
    toUserWithThrottle,
    toThrottle,
    toSite,
    toUnit,
    toSession,
    countUsers: () =>
      db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll().as('n'))
        .compile(),
    getUser: (id: string) => selectUser().where('u.id', '=', id).compile(),
    /** PostgreSQL locks the row; SQLite's BEGIN IMMEDIATE already holds the database's one write lock. */
    getUserForUpdate: (id: string) => {
      const query = selectUser().where('u.id', '=', id);
      return (dialect === 'postgres' ? query.forUpdate() : query).compile();
    },
    findUserByUsername: (username: string) =>
      selectUser().where('u.username_key', '=', usernameKey(username)).compile(),
    listUsers: () =>
      selectUser()
        .leftJoin('login_throttle as t', (join) =>
          join.on('t.scope', '=', 'user').onRef('t.key', '=', 'u.username_key'),
        )
        .select(['t.failures', 't.window_started_ms', 't.locked_until_ms'])
        .orderBy('u.username_key')
        .compile(),
    getSite: (id: string) => db.selectFrom('sites').selectAll().where('id', '=', id).compile(),
    listSites: () => db.selectFrom('sites').selectAll().orderBy('name').orderBy('id').compile(),
    getUnit: (id: string) => db.selectFrom('units').selectAll().where('id', '=', id).compile(),
    listUnits: () => db.selectFrom('units').selectAll().orderBy('name').orderBy('id').compile(),
    deviceNames: (ids: readonly string[]) =>
      db
        .selectFrom('devices')
        .select(['device_id', 'name'])
        .where('device_id', 'in', [...ids])
        .compile(),
    findSession: (tokenHash: string) =>
      db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).compile(),
    getThrottle: (scope: ThrottleScope, key: string) =>
      db
        .selectFrom('login_throttle')
        .select(['failures', 'window_started_ms', 'locked_until_ms'])
        .where('scope', '=', scope)
        .where('key', '=', key)
        .compile(),
    insertUser: (user: UserRecord) =>
      db
        .insertInto('users')
        .values({ id: user.id, ...userValues(user) })
        .compile(),
    updateUser: (user: UserRecord) =>
      db.updateTable('users').set(userValues(user)).where('id', '=', user.id).compile(),
    putSite: (site: SiteRecord) =>
      db
        .insertInto('sites')
        .values({
          id: site.id,
          name: site.name,
          kind: site.kind,
          office_hours: site.officeHours ? codec.json(site.officeHours) : null,
          promise_templates: site.promiseTemplates ? codec.json(site.promiseTemplates) : null,
          created_at: site.createdAt,
          updated_at: site.updatedAt,
        })
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            kind: eb.ref('excluded.kind'),
            office_hours: eb.ref('excluded.office_hours'),
            promise_templates: eb.ref('excluded.promise_templates'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .compile(),
    putUnit: (unit: UnitRecord) =>
      db
        .insertInto('units')
        .values({
          id: unit.id,
          name: unit.name,
          site_id: unit.siteId,
          callback_hours: unit.callbackHours,
          callback_basis: unit.callbackBasis ?? 'working_hours',
          created_at: unit.createdAt,
          updated_at: unit.updatedAt,
        })
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            site_id: eb.ref('excluded.site_id'),
            callback_hours: eb.ref('excluded.callback_hours'),
            callback_basis: eb.ref('excluded.callback_basis'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .compile(),
    revokeUserSessions: (userId: string, at: string, exceptTokenHash?: string) =>
      db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where('token_hash', 'is distinct from', exceptTokenHash ?? null)
        .compile(),
    createSession: (session: SessionRecord) =>
      db
        .insertInto('sessions')
        .values({
          token_hash: session.tokenHash,
          user_id: session.userId,
          device_id: session.deviceId,
          created_at: session.createdAt,
          expires_at: session.expiresAt,
          revoked_at: session.revokedAt ?? null,
          last_seen_at: session.lastSeenAt,
        })
        .compile(),
    nameDevice: (device: NamedDevice) =>
      db
        .insertInto('devices')
        .values({
          device_id: device.id,
          name: device.name,
          named_by: device.namedBy,
          named_at: device.namedAt,
        })
        .onConflict((conflict) =>
          conflict.column('device_id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            named_by: eb.ref('excluded.named_by'),
            named_at: eb.ref('excluded.named_at'),
          })),
        )
        .compile(),
    touchSession: (tokenHash: string, at: string) =>
      db.updateTable('sessions').set({ last_seen_at: at }).where('token_hash', '=', tokenHash).compile(),
    revokeSession: (tokenHash: string, at: string) =>
      db
        .updateTable('sessions')
        .set({ revoked_at: at })
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .compile(),
    recordLoginFailure,
    clearThrottle: (scope: ThrottleScope, key: string) =>
      db.deleteFrom('login_throttle').where('scope', '=', scope).where('key', '=', key).compile(),
  };
}

export type AccountQueries = ReturnType<typeof accountQueries>;

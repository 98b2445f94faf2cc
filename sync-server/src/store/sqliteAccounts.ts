/**
 * The account half of the SQLite store (users, sites, units, sessions, login
 * throttling): statements only. sqlite.ts decides which connection runs them
 * and serialises writes; see types.ts for the contract.
 */
import type Database from 'better-sqlite3';
import { usernameKey } from '@waystation/domain/accounts';
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
import { accountMappers, USER_COLUMNS, type AccountRows } from './accountRows';
import { sqliteColumns, type SqliteColumns } from './columns';

type Row = AccountRows<SqliteColumns>;

const { toUser, toUserWithThrottle, toThrottle, toSite, toUnit, toSession } = accountMappers(sqliteColumns);

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function userParams(user: UserRecord) {
  return [
    user.id,
    user.username,
    usernameKey(user.username),
    user.displayName,
    user.passwordHash,
    JSON.stringify(user.roles),
    JSON.stringify(user.siteIds),
    user.unitId ?? null,
    user.disabled ? 1 : 0,
    user.mustChangePassword === true ? 1 : 0,
    user.createdAt,
    user.updatedAt,
  ];
}

/** Reads: safe on the read-only connection. */
export class SqliteAccountReads {
  constructor(private readonly db: Database.Database) {}

  countUsers(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM users').get()?.n ?? 0;
  }

  getUser(id: string): UserRecord | undefined {
    const row = this.db.prepare<[string], Row['user']>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`).get(id);
    return row ? toUser(row) : undefined;
  }

  findUserByUsername(username: string): UserRecord | undefined {
    const row = this.db
      .prepare<[string], Row['user']>(`SELECT ${USER_COLUMNS} FROM users u WHERE u.username_key = ?`)
      .get(usernameKey(username));
    return row ? toUser(row) : undefined;
  }

  listUsers(): UserWithThrottle[] {
    const rows = this.db
      .prepare<[], Row['userThrottle']>(
        `SELECT ${USER_COLUMNS}, t.failures, t.window_started_ms, t.locked_until_ms FROM users u
         LEFT JOIN login_throttle t ON t.scope = 'user' AND t.key = u.username_key
         ORDER BY u.username_key`,
      )
      .all();
    return rows.map(toUserWithThrottle);
  }

  getSite(id: string): SiteRecord | undefined {
    const row = this.db.prepare<[string], Row['site']>('SELECT * FROM sites WHERE id = ?').get(id);
    return row ? toSite(row) : undefined;
  }

  listSites(): SiteRecord[] {
    return this.db.prepare<[], Row['site']>('SELECT * FROM sites ORDER BY name, id').all().map(toSite);
  }

  getUnit(id: string): UnitRecord | undefined {
    const row = this.db.prepare<[string], Row['unit']>('SELECT * FROM units WHERE id = ?').get(id);
    return row ? toUnit(row) : undefined;
  }

  listUnits(): UnitRecord[] {
    return this.db.prepare<[], Row['unit']>('SELECT * FROM units ORDER BY name, id').all().map(toUnit);
  }

  deviceNames(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    const rows = this.db
      .prepare<[string], { device_id: string; name: string }>(
        'SELECT device_id, name FROM devices WHERE device_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify(ids));
    return new Map(rows.map((row) => [row.device_id, row.name]));
  }

  findSession(tokenHash: string): SessionRecord | undefined {
    const row = this.db.prepare<[string], Row['session']>('SELECT * FROM sessions WHERE token_hash = ?').get(tokenHash);
    return row ? toSession(row) : undefined;
  }

  getThrottle(scope: ThrottleScope, key: string): ThrottleState | undefined {
    const row = this.db
      .prepare<[string, string], Row['throttle']>(
        'SELECT failures, window_started_ms, locked_until_ms FROM login_throttle WHERE scope = ? AND key = ?',
      )
      .get(scope, key);
    return row ? toThrottle(row) : undefined;
  }
}

/** Writes: only on the writer connection, serialised by the store. */
export class SqliteAccountWrites {
  constructor(private readonly db: Database.Database) {}

  insertUser(user: UserRecord): boolean {
    try {
      this.db
        .prepare(
          `INSERT INTO users (id, username, username_key, display_name, password_hash, roles, site_ids, unit_id,
             disabled, must_change_password, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(...userParams(user));
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  updateUser(user: UserRecord): boolean {
    const [id, ...rest] = userParams(user);
    try {
      const result = this.db
        .prepare(
          `UPDATE users SET username = ?, username_key = ?, display_name = ?, password_hash = ?, roles = ?,
             site_ids = ?, unit_id = ?, disabled = ?, must_change_password = ?, created_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(...rest, id);
      return result.changes === 1;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  putSite(site: SiteRecord) {
    this.db
      .prepare(
        `INSERT INTO sites (id, name, kind, office_hours, promise_templates, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
           office_hours = excluded.office_hours, promise_templates = excluded.promise_templates,
           updated_at = excluded.updated_at`,
      )
      .run(
        site.id,
        site.name,
        site.kind,
        site.officeHours ? JSON.stringify(site.officeHours) : null,
        site.promiseTemplates ? JSON.stringify(site.promiseTemplates) : null,
        site.createdAt,
        site.updatedAt,
      );
  }

  putUnit(unit: UnitRecord) {
    this.db
      .prepare(
        `INSERT INTO units (id, name, site_id, callback_hours, callback_basis, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, site_id = excluded.site_id,
           callback_hours = excluded.callback_hours, callback_basis = excluded.callback_basis,
           updated_at = excluded.updated_at`,
      )
      .run(unit.id, unit.name, unit.siteId, unit.callbackHours, unit.callbackBasis ?? 'working_hours', unit.createdAt, unit.updatedAt);
  }

  revokeUserSessions(userId: string, at: string, exceptTokenHash?: string): number {
    return this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL AND token_hash IS NOT ?')
      .run(at, userId, exceptTokenHash ?? null).changes;
  }

  createSession(session: SessionRecord) {
    this.db
      .prepare(
        `INSERT INTO sessions (token_hash, user_id, device_id, created_at, expires_at, revoked_at, last_seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        session.tokenHash,
        session.userId,
        session.deviceId,
        session.createdAt,
        session.expiresAt,
        session.revokedAt ?? null,
        session.lastSeenAt,
      );
  }

  nameDevice(device: NamedDevice) {
    this.db
      .prepare(
        `INSERT INTO devices (device_id, name, named_by, named_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET name = excluded.name, named_by = excluded.named_by, named_at = excluded.named_at`,
      )
      .run(device.id, device.name, device.namedBy, device.namedAt);
  }

  touchSession(tokenHash: string, at: string) {
    this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(at, tokenHash);
  }

  revokeSession(tokenHash: string, at: string) {
    this.db
      .prepare('UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL')
      .run(at, tokenHash);
  }

  recordLoginFailure(scope: ThrottleScope, key: string, policy: ThrottlePolicy): ThrottleState {
    // SET expressions see the row as it was, so "expired" is decided once, on the old window.
    const row = this.db
      .prepare<Record<string, string | number>, Row['throttle']>(
        `INSERT INTO login_throttle (scope, key, failures, window_started_ms, locked_until_ms)
         VALUES (@scope, @key, 1, @now, CASE WHEN 1 >= @max THEN @now + @lock ELSE NULL END)
         ON CONFLICT (scope, key) DO UPDATE SET
           failures = CASE WHEN window_started_ms <= @now - @window THEN 1 ELSE failures + 1 END,
           window_started_ms = CASE WHEN window_started_ms <= @now - @window THEN @now ELSE window_started_ms END,
           locked_until_ms = CASE
             WHEN (CASE WHEN window_started_ms <= @now - @window THEN 1 ELSE failures + 1 END) >= @max
             THEN @now + @lock ELSE locked_until_ms END
         RETURNING failures, window_started_ms, locked_until_ms`,
      )
      .get({ scope, key, now: policy.nowMs, window: policy.windowMs, max: policy.maxFailures, lock: policy.lockMs });
    if (!row) throw new Error('login_throttle upsert returned nothing');
    return toThrottle(row);
  }

  clearThrottle(scope: ThrottleScope, key: string) {
    this.db.prepare('DELETE FROM login_throttle WHERE scope = ? AND key = ?').run(scope, key);
  }
}

/**
 * The account half of the PostgreSQL store (users, sites, units, sessions,
 * login throttling). Each function runs on whatever it is given: the pool for
 * one-statement work, a transaction's client for writes that commit with an
 * audit entry. See types.ts for the contract.
 */
import { escapeIdentifier } from 'pg';
import { usernameKey } from '@waystation/domain/accounts';
import type {
  AccountStore,
  AccountTransaction,
  UserRecord,
} from './types';
import { accountMappers, USER_COLUMNS, type AccountRows } from './accountRows';
import { postgresColumns, type PostgresColumns } from './columns';

/** The part of pg's Pool and PoolClient we use. */
interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

type Row = AccountRows<PostgresColumns>;

const { toUser, toUserWithThrottle, toThrottle, toSite, toUnit, toSession } = accountMappers(postgresColumns);

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === '23505';
}

function userParams(user: UserRecord): unknown[] {
  return [
    user.id,
    user.username,
    usernameKey(user.username),
    user.displayName,
    user.passwordHash,
    user.roles,
    user.siteIds,
    user.unitId ?? null,
    user.disabled,
    user.createdAt,
    user.updatedAt,
    user.mustChangePassword === true,
  ];
}

export function postgresAccounts(schema: string) {
  const s = escapeIdentifier(schema);
  const t = {
    users: `${s}.users`,
    sites: `${s}.sites`,
    units: `${s}.units`,
    sessions: `${s}.sessions`,
    devices: `${s}.devices`,
    throttle: `${s}.login_throttle`,
  };

  /** Reads and one-statement writes, run on the pool. */
  function store(db: Queryable): AccountStore {
    return {
      async countUsers() {
        const result = await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.users}`);
        return Number(result.rows[0]?.n ?? 0);
      },
      async getUser(id) {
        const result = await db.query<Row['user']>(`SELECT ${USER_COLUMNS} FROM ${t.users} u WHERE u.id = $1`, [id]);
        const row = result.rows[0];
        return row ? toUser(row) : undefined;
      },
      async findUserByUsername(username) {
        const result = await db.query<Row['user']>(`SELECT ${USER_COLUMNS} FROM ${t.users} u WHERE u.username_key = $1`, [
          usernameKey(username),
        ]);
        const row = result.rows[0];
        return row ? toUser(row) : undefined;
      },
      async listUsers() {
        const result = await db.query<Row['userThrottle']>(
          `SELECT ${USER_COLUMNS}, th.failures, th.window_started_ms, th.locked_until_ms FROM ${t.users} u
           LEFT JOIN ${t.throttle} th ON th.scope = 'user' AND th.key = u.username_key
           ORDER BY u.username_key`,
        );
        return result.rows.map(toUserWithThrottle);
      },
      async getSite(id) {
        const result = await db.query<Row['site']>(`SELECT * FROM ${t.sites} WHERE id = $1`, [id]);
        const row = result.rows[0];
        return row ? toSite(row) : undefined;
      },
      async listSites() {
        const result = await db.query<Row['site']>(`SELECT * FROM ${t.sites} ORDER BY name, id`);
        return result.rows.map(toSite);
      },
      async getUnit(id) {
        const result = await db.query<Row['unit']>(`SELECT * FROM ${t.units} WHERE id = $1`, [id]);
        const row = result.rows[0];
        return row ? toUnit(row) : undefined;
      },
      async listUnits() {
        const result = await db.query<Row['unit']>(`SELECT * FROM ${t.units} ORDER BY name, id`);
        return result.rows.map(toUnit);
      },
      async createSession(session) {
        await db.query(
          `INSERT INTO ${t.sessions} (token_hash, user_id, device_id, created_at, expires_at, revoked_at, last_seen_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [
            session.tokenHash,
            session.userId,
            session.deviceId,
            session.createdAt,
            session.expiresAt,
            session.revokedAt ?? null,
            session.lastSeenAt,
          ],
        );
      },
      async nameDevice(device) {
        await db.query(
          `INSERT INTO ${t.devices} (device_id, name, named_by, named_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (device_id) DO UPDATE SET name = EXCLUDED.name, named_by = EXCLUDED.named_by, named_at = EXCLUDED.named_at`,
          [device.id, device.name, device.namedBy, device.namedAt],
        );
      },
      async deviceNames(ids) {
        if (ids.length === 0) return new Map<string, string>();
        const result = await db.query<{ device_id: string; name: string }>(
          `SELECT device_id, name FROM ${t.devices} WHERE device_id = ANY($1::text[])`,
          [[...ids]],
        );
        return new Map(result.rows.map((row) => [row.device_id, row.name]));
      },
      async findSession(tokenHash) {
        const result = await db.query<Row['session']>(`SELECT * FROM ${t.sessions} WHERE token_hash = $1`, [tokenHash]);
        const row = result.rows[0];
        return row ? toSession(row) : undefined;
      },
      async touchSession(tokenHash, at) {
        await db.query(`UPDATE ${t.sessions} SET last_seen_at = $2 WHERE token_hash = $1`, [tokenHash, at]);
      },
      async revokeSession(tokenHash, at) {
        await db.query(`UPDATE ${t.sessions} SET revoked_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL`, [
          tokenHash,
          at,
        ]);
      },
      async getThrottle(scope, key) {
        const result = await db.query<Row['throttle']>(
          `SELECT failures, window_started_ms, locked_until_ms FROM ${t.throttle} WHERE scope = $1 AND key = $2`,
          [scope, key],
        );
        const row = result.rows[0];
        return row ? toThrottle(row) : undefined;
      },
      async recordLoginFailure(scope, key, policy) {
        // One statement: concurrent failures from several processes each count once.
        const result = await db.query<Row['throttle']>(
          `INSERT INTO ${t.throttle} AS th (scope, key, failures, window_started_ms, locked_until_ms)
           VALUES ($1, $2, 1, $3::bigint, CASE WHEN 1 >= $5::int THEN $3::bigint + $6::bigint ELSE NULL END)
           ON CONFLICT (scope, key) DO UPDATE SET
             failures = CASE WHEN th.window_started_ms <= $3::bigint - $4::bigint THEN 1 ELSE th.failures + 1 END,
             window_started_ms = CASE WHEN th.window_started_ms <= $3::bigint - $4::bigint
               THEN $3::bigint ELSE th.window_started_ms END,
             locked_until_ms = CASE
               WHEN (CASE WHEN th.window_started_ms <= $3::bigint - $4::bigint THEN 1 ELSE th.failures + 1 END) >= $5::int
               THEN $3::bigint + $6::bigint ELSE th.locked_until_ms END
           RETURNING failures, window_started_ms, locked_until_ms`,
          [scope, key, policy.nowMs, policy.windowMs, policy.maxFailures, policy.lockMs],
        );
        const row = result.rows[0];
        if (!row) throw new Error('login_throttle upsert returned nothing');
        return toThrottle(row);
      },
      async clearThrottle(scope, key) {
        await db.query(`DELETE FROM ${t.throttle} WHERE scope = $1 AND key = $2`, [scope, key]);
      },
    };
  }

  /** Writes inside a store transaction, on its client. */
  function transaction(client: Queryable, usable: () => void): Omit<AccountTransaction, 'revokeDevice'> {
    return {
      async insertUser(user) {
        usable();
        // A savepoint keeps a taken username from aborting the caller's whole transaction.
        await client.query('SAVEPOINT insert_user');
        try {
          await client.query(
            `INSERT INTO ${t.users} (id, username, username_key, display_name, password_hash, roles, site_ids,
               unit_id, disabled, created_at, updated_at, must_change_password)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
            userParams(user),
          );
          await client.query('RELEASE SAVEPOINT insert_user');
          return true;
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT insert_user');
          if (isUniqueViolation(error)) return false;
          throw error;
        }
      },
      async updateUser(user) {
        usable();
        await client.query('SAVEPOINT update_user');
        try {
          const result = await client.query(
            `UPDATE ${t.users} SET username = $2, username_key = $3, display_name = $4, password_hash = $5,
               roles = $6, site_ids = $7, unit_id = $8, disabled = $9, created_at = $10, updated_at = $11,
               must_change_password = $12
             WHERE id = $1`,
            userParams(user),
          );
          await client.query('RELEASE SAVEPOINT update_user');
          return result.rowCount === 1;
        } catch (error) {
          await client.query('ROLLBACK TO SAVEPOINT update_user');
          if (isUniqueViolation(error)) return false;
          throw error;
        }
      },
      async getUserForUpdate(id) {
        usable();
        const result = await client.query<Row['user']>(`SELECT ${USER_COLUMNS} FROM ${t.users} u WHERE u.id = $1 FOR UPDATE`, [
          id,
        ]);
        const row = result.rows[0];
        return row ? toUser(row) : undefined;
      },
      async putSite(site) {
        usable();
        await client.query(
          `INSERT INTO ${t.sites} (id, name, kind, office_hours, promise_templates, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
             office_hours = excluded.office_hours, promise_templates = excluded.promise_templates,
             updated_at = excluded.updated_at`,
          [
            site.id,
            site.name,
            site.kind,
            site.officeHours ? JSON.stringify(site.officeHours) : null,
            site.promiseTemplates ? JSON.stringify(site.promiseTemplates) : null,
            site.createdAt,
            site.updatedAt,
          ],
        );
      },
      async putUnit(unit) {
        usable();
        await client.query(
          `INSERT INTO ${t.units} (id, name, site_id, callback_hours, callback_basis, created_at, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, site_id = excluded.site_id,
             callback_hours = excluded.callback_hours, callback_basis = excluded.callback_basis,
             updated_at = excluded.updated_at`,
          [
            unit.id,
            unit.name,
            unit.siteId,
            unit.callbackHours,
            unit.callbackBasis ?? 'working_hours',
            unit.createdAt,
            unit.updatedAt,
          ],
        );
      },
      async revokeUserSessions(userId, at, exceptTokenHash) {
        usable();
        const result = await client.query(
          `UPDATE ${t.sessions} SET revoked_at = $2
           WHERE user_id = $1 AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $3`,
          [userId, at, exceptTokenHash ?? null],
        );
        return result.rowCount ?? 0;
      },
    };
  }

  return { store, transaction };
}

/**
 * The account half of the PostgreSQL store: the statements of
 * `accountQueries.ts` in the store's schema. Each function runs on whatever it
 * is given: the pool for one-statement work, a transaction's client for writes
 * that commit with an audit entry. See types.ts for the contract.
 */
import { accountQueries } from './accountQueries';
import { first, rows, run, type Queryable } from './postgresStatements';
import type { AccountStore, AccountTransaction } from './types';

/**
 * A taken username answers false and writes nothing. The savepoint keeps the
 * refused statement from aborting the caller's whole transaction.
 */
async function unlessUnique(
  client: Queryable,
  name: string,
  write: () => Promise<number>,
): Promise<number | false> {
  await client.query(`SAVEPOINT ${name}`);
  try {
    const changed = await write();
    await client.query(`RELEASE SAVEPOINT ${name}`);
    return changed;
  } catch (error) {
    await client.query(`ROLLBACK TO SAVEPOINT ${name}`);
    if (error instanceof Error && 'code' in error && error.code === '23505') return false;
    throw error;
  }
}

export function postgresAccounts(schema: string) {
  const q = accountQueries('postgres', schema);

  /** Reads and one-statement writes, run on the pool. */
  function store(db: Queryable): AccountStore {
    return {
      countUsers: async () => (await first(db, q.countUsers(), (row) => Number(row.n))) ?? 0,
      getUser: (id) => first(db, q.getUser(id), q.toUser),
      findUserByUsername: (username) => first(db, q.findUserByUsername(username), q.toUser),
      listUsers: async () => (await rows(db, q.listUsers())).map(q.toUserWithThrottle),
      getSite: (id) => first(db, q.getSite(id), q.toSite),
      listSites: async () => (await rows(db, q.listSites())).map(q.toSite),
      getUnit: (id) => first(db, q.getUnit(id), q.toUnit),
      listUnits: async () => (await rows(db, q.listUnits())).map(q.toUnit),
      async createSession(session) {
        await run(db, q.createSession(session));
      },
      async nameDevice(device) {
        await run(db, q.nameDevice(device));
      },
      async deviceNames(ids) {
        if (ids.length === 0) return new Map<string, string>();
        return new Map(
          (await rows(db, q.deviceNames(ids))).map((row) => [String(row.device_id), String(row.name)]),
        );
      },
      findSession: (tokenHash) => first(db, q.findSession(tokenHash), q.toSession),
      async touchSession(tokenHash, at) {
        await run(db, q.touchSession(tokenHash, at));
      },
      async revokeSession(tokenHash, at) {
        await run(db, q.revokeSession(tokenHash, at));
      },
      getThrottle: (scope, key) => first(db, q.getThrottle(scope, key), q.toThrottle),
      async recordLoginFailure(scope, key, policy) {
        // One statement: concurrent failures from several processes each count once.
        const state = await first(db, q.recordLoginFailure(scope, key, policy), q.toThrottle);
        if (!state) throw new Error('login_throttle upsert returned nothing');
        return state;
      },
      async clearThrottle(scope, key) {
        await run(db, q.clearThrottle(scope, key));
      },
    };
  }

  /** Writes inside a store transaction, on its client. */
  function transaction(client: Queryable, usable: () => void): Omit<AccountTransaction, 'revokeDevice'> {
    return {
      async insertUser(user) {
        usable();
        return (await unlessUnique(client, 'insert_user', () => run(client, q.insertUser(user)))) !== false;
      },
      async updateUser(user) {
        usable();
        return (await unlessUnique(client, 'update_user', () => run(client, q.updateUser(user)))) === 1;
      },
      async getUserForUpdate(id) {
        usable();
        return first(client, q.getUserForUpdate(id), q.toUser);
      },
      async putSite(site) {
        usable();
        await run(client, q.putSite(site));
      },
      async putUnit(unit) {
        usable();
        await run(client, q.putUnit(unit));
      },
      async revokeUserSessions(userId, at, exceptTokenHash) {
        usable();
        return run(client, q.revokeUserSessions(userId, at, exceptTokenHash));
      },
    };
  }

  return { store, transaction };
}

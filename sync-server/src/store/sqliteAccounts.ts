/**
 * The account half of the SQLite store: the statements of `accountQueries.ts`
 * run synchronously on better-sqlite3. sqlite.ts decides which connection
 * runs them and serialises writes; see types.ts for the contract.
 */
import type Database from 'better-sqlite3';
import { accountQueries } from './accountQueries';
import { first, rows, run } from './sqliteStatements';
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

const q = accountQueries('sqlite');

/** A taken username: the caller answers "taken", nothing is written. */
function unlessUnique(write: () => number): number | false {
  try {
    return write();
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') return false;
    throw error;
  }
}

/** Reads: safe on the read-only connection. */
export class SqliteAccountReads {
  constructor(private readonly db: Database.Database) {}

  countUsers(): number {
    return first(this.db, q.countUsers(), (row) => Number(row.n)) ?? 0;
  }

  getUser(id: string): UserRecord | undefined {
    return first(this.db, q.getUser(id), q.toUser);
  }

  findUserByUsername(username: string): UserRecord | undefined {
    return first(this.db, q.findUserByUsername(username), q.toUser);
  }

  listUsers(): UserWithThrottle[] {
    return rows(this.db, q.listUsers()).map(q.toUserWithThrottle);
  }

  getSite(id: string): SiteRecord | undefined {
    return first(this.db, q.getSite(id), q.toSite);
  }

  listSites(): SiteRecord[] {
    return rows(this.db, q.listSites()).map(q.toSite);
  }

  getUnit(id: string): UnitRecord | undefined {
    return first(this.db, q.getUnit(id), q.toUnit);
  }

  listUnits(): UnitRecord[] {
    return rows(this.db, q.listUnits()).map(q.toUnit);
  }

  deviceNames(ids: readonly string[]): Map<string, string> {
    if (ids.length === 0) return new Map();
    return new Map(rows(this.db, q.deviceNames(ids)).map((row) => [String(row.device_id), String(row.name)]));
  }

  findSession(tokenHash: string): SessionRecord | undefined {
    return first(this.db, q.findSession(tokenHash), q.toSession);
  }

  getThrottle(scope: ThrottleScope, key: string): ThrottleState | undefined {
    return first(this.db, q.getThrottle(scope, key), q.toThrottle);
  }
}

/** Writes: only on the writer connection, serialised by the store. */
export class SqliteAccountWrites {
  constructor(private readonly db: Database.Database) {}

  insertUser(user: UserRecord): boolean {
    return unlessUnique(() => run(this.db, q.insertUser(user))) !== false;
  }

  updateUser(user: UserRecord): boolean {
    return unlessUnique(() => run(this.db, q.updateUser(user))) === 1;
  }

  putSite(site: SiteRecord) {
    run(this.db, q.putSite(site));
  }

  putUnit(unit: UnitRecord) {
    run(this.db, q.putUnit(unit));
  }

  revokeUserSessions(userId: string, at: string, exceptTokenHash?: string): number {
    return run(this.db, q.revokeUserSessions(userId, at, exceptTokenHash));
  }

  createSession(session: SessionRecord) {
    run(this.db, q.createSession(session));
  }

  nameDevice(device: NamedDevice) {
    run(this.db, q.nameDevice(device));
  }

  touchSession(tokenHash: string, at: string) {
    run(this.db, q.touchSession(tokenHash, at));
  }

  revokeSession(tokenHash: string, at: string) {
    run(this.db, q.revokeSession(tokenHash, at));
  }

  recordLoginFailure(scope: ThrottleScope, key: string, policy: ThrottlePolicy): ThrottleState {
    const state = first(this.db, q.recordLoginFailure(scope, key, policy), q.toThrottle);
    if (!state) throw new Error('login_throttle upsert returned nothing');
    return state;
  }

  clearThrottle(scope: ThrottleScope, key: string) {
    run(this.db, q.clearThrottle(scope, key));
  }
}

/**
 * The embedded store: one SQLite file in WAL mode.
 *
 * Two connections: `writer` runs every transaction, serialised in-process by
 * an async mutex (transactions that queue meanwhile commit together: see
 * `transaction`) and across processes by BEGIN IMMEDIATE; `reader` serves
 * pulls and lookups. A reader on its own connection only ever sees committed
 * data, so a pull can never hand out a sequence number from a transaction
 * that is still open (and might roll back and reuse it).
 */
import Database from 'better-sqlite3';
import type { WireDocument } from '@waystation/protocol';
import { documentMapper, type DocumentRow } from './documentRows';
import { newEpoch, requireEpoch } from './epoch';
import { AsyncMutex } from './mutex';
import { SqliteAccountReads, SqliteAccountWrites } from './sqliteAccounts';
import { cached, first, rows, run } from './sqliteStatements';
import { auditQueries } from './auditQueries';
import { SqliteDeviceReads, SqliteDeviceWrites } from './sqliteDevices';
import { sqliteMessages } from './sqliteMessages';
import type { MessageStore } from './messageTypes';
import { erasureQueries } from './erasureQueries';
import { deviceQueries } from './deviceQueries';
import type { DeviceReport } from '@waystation/domain/devices';
import type { DeviceScopeRule } from '@waystation/domain/deviceScope';
import { applyMigrations } from './sqliteMigrations';
import type {
  AuditEntry,
  AuditEntryInput,
  AuditFilter,
  DeviceScopeRuleRecord,
  DocumentWrite,
  ErasureRecord,
  LinkField,
  PushKeyEntry,
  PullPage,
  NamedDevice,
  SessionRecord,
  SiteRecord,
  Store,
  StoreTransaction,
  StoredDocument,
  ThrottlePolicy,
  ThrottleScope,
  UnitRecord,
  UserRecord,
  WriteBatch,
} from './types';

const BUSY_TIMEOUT_MS = 5_000;
const audit = auditQueries('sqlite');
const toStoredDocument = documentMapper('sqlite');
const erasures = erasureQueries('sqlite');
const scope = deviceQueries('sqlite');
/** Most transactions one group commit applies, so one slow group cannot hold every caller. */
const MAX_GROUP = 64;

interface QueuedTransaction {
  fn: (tx: StoreTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

function openConnection(filePath: string): Database.Database {
  const db = new Database(filePath);
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // FULL: a commit is on disk (WAL fsynced) before it returns, so nothing acknowledged is lost even to
  // a power cut; NORMAL would survive only a process crash. Group commit (transaction) pays one fsync
  // for many pushes, which made FULL cost no measurable throughput in the ingest bench.
  db.pragma('synchronous = FULL');
  return db;
}


class SqliteTransaction implements StoreTransaction {
  /** Set when the transaction ends, so a callback that leaked `tx` cannot write outside it. */
  finished = false;

  private readonly accountReads: SqliteAccountReads;
  private readonly accountWrites: SqliteAccountWrites;

  constructor(private readonly db: Database.Database) {
    this.accountReads = new SqliteAccountReads(db);
    this.accountWrites = new SqliteAccountWrites(db);
  }

  private assertOpen() {
    if (this.finished) throw new Error('Store transaction already finished');
  }

  async getDocuments(collection: string, ids: string[]): Promise<Map<string, StoredDocument>> {
    this.assertOpen();
    const found = new Map<string, StoredDocument>();
    const select = cached<[string, string], DocumentRow>(
      this.db,
      'SELECT collection, id, seq, site_id, deleted, doc FROM documents WHERE collection = ? AND id = ?',
    );
    for (const id of new Set(ids)) {
      const row = select.get(collection, id);
      if (row) found.set(id, toStoredDocument(row));
    }
    return found;
  }

  async putDocument(collection: string, doc: WireDocument, siteId: string): Promise<number> {
    const [seq] = await this.putDocuments([{ collection, doc, siteId }]);
    return seq!;
  }

  async putDocuments(writes: readonly DocumentWrite[]): Promise<number[]> {
    this.assertOpen();
    if (writes.length === 0) return [];
    // One bump reserves the whole block; BEGIN IMMEDIATE means no one else takes numbers meanwhile.
    const last = cached<[number], { value: number }>(
      this.db,
      'UPDATE sequence SET value = value + ? WHERE id = 1 RETURNING value',
    ).get(writes.length);
    if (!last) throw new Error('Sequence row missing: was the store migrated?');
    const upsert = cached(
      this.db,
      `INSERT INTO documents (collection, id, seq, site_id, deleted, doc) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (collection, id) DO UPDATE SET
           seq = excluded.seq, site_id = excluded.site_id, deleted = excluded.deleted, doc = excluded.doc`,
    );
    const first = last.value - writes.length + 1;
    return writes.map(({ collection, doc, siteId }, index) => {
      const seq = first + index;
      upsert.run(collection, doc.id, seq, siteId, doc._deleted ? 1 : 0, JSON.stringify(doc));
      return seq;
    });
  }

  async rememberPush(collection: string, id: string, pushKey: string): Promise<boolean> {
    const [isNew] = await this.rememberPushes(collection, [{ id, pushKey }]);
    return isNew!;
  }

  async rememberPushes(collection: string, entries: readonly PushKeyEntry[]): Promise<boolean[]> {
    this.assertOpen();
    const insert = cached(
      this.db,
      'INSERT OR IGNORE INTO push_log (collection, id, push_key) VALUES (?, ?, ?)',
    );
    return entries.map(({ id, pushKey }) => insert.run(collection, id, pushKey).changes === 1);
  }

  async hasPushKey(collection: string, id: string, pushKey: string): Promise<boolean> {
    this.assertOpen();
    const row = cached<[string, string, string], { found: number }>(
      this.db,
      'SELECT 1 AS found FROM push_log WHERE collection = ? AND id = ? AND push_key = ?',
    ).get(collection, id, pushKey);
    return row !== undefined;
  }

  async appendAudit(entry: AuditEntryInput): Promise<void> {
    await this.appendAudits([entry]);
  }

  async writeBatch(batch: WriteBatch): Promise<number[]> {
    // One process, no round trips: the three calls in order are the whole of it.
    const seqs = await this.putDocuments(batch.documents);
    await this.rememberPushes(batch.pushKeys.collection, batch.pushKeys.entries);
    await this.appendAudits(batch.audits);
    return seqs;
  }

  async appendAudits(entries: readonly AuditEntryInput[]): Promise<void> {
    this.assertOpen();
    const insert = cached(
      this.db,
      `INSERT INTO audit (at, user_id, device_id, action, collection, record_id, site_id, details)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const entry of entries) {
      insert.run(
        entry.at,
        entry.userId,
        entry.deviceId,
        entry.action,
        entry.collection ?? null,
        entry.recordId ?? null,
        entry.siteId ?? null,
        entry.details === undefined ? null : JSON.stringify(entry.details),
      );
    }
  }

  async documentsLinkedTo(collection: string, field: LinkField, values: readonly string[]): Promise<StoredDocument[]> {
    this.assertOpen();
    const select = cached<[string, string], DocumentRow>(
      this.db,
      `SELECT collection, id, seq, site_id, deleted, doc FROM documents
         WHERE collection = ? AND json_extract(doc, '$.${field}') = ?`,
    );
    return values.flatMap((value) => select.all(collection, value).map(toStoredDocument));
  }

  async redactAudit(collection: string, recordIds: readonly string[]): Promise<number> {
    this.assertOpen();
    return recordIds.length === 0 ? 0 : run(this.db, erasures.redactAudit(collection, recordIds));
  }

  async putErasure(erasure: ErasureRecord): Promise<void> {
    this.assertOpen();
    run(this.db, erasures.putErasure(erasure));
  }

  async putDeviceScopeRules(rules: readonly DeviceScopeRule[], by: string, at: string): Promise<void> {
    this.assertOpen();
    for (const rule of rules) run(this.db, scope.putDeviceScopeRule(rule, by, at));
  }

  async getErasureForUpdate(id: string): Promise<ErasureRecord | undefined> {
    this.assertOpen();
    return first(this.db, erasures.getErasure(id, true), erasures.toErasure);
  }

  async insertUser(user: UserRecord): Promise<boolean> {
    this.assertOpen();
    return this.accountWrites.insertUser(user);
  }

  async updateUser(user: UserRecord): Promise<boolean> {
    this.assertOpen();
    return this.accountWrites.updateUser(user);
  }

  async getUserForUpdate(id: string): Promise<UserRecord | undefined> {
    this.assertOpen();
    // BEGIN IMMEDIATE already holds the database's one write lock.
    return this.accountReads.getUser(id);
  }

  async putSite(site: SiteRecord): Promise<void> {
    this.assertOpen();
    this.accountWrites.putSite(site);
  }

  async putUnit(unit: UnitRecord): Promise<void> {
    this.assertOpen();
    this.accountWrites.putUnit(unit);
  }

  async revokeUserSessions(userId: string, at: string, exceptTokenHash?: string): Promise<number> {
    this.assertOpen();
    return this.accountWrites.revokeUserSessions(userId, at, exceptTokenHash);
  }

  async revokeDevice(userId: string, deviceId: string, at: string, revokedBy: string): Promise<number> {
    this.assertOpen();
    return new SqliteDeviceWrites(this.db).revokeDevice(userId, deviceId, at, revokedBy);
  }
}

export class SqliteStore implements Store {
  readonly kind = 'sqlite' as const;
  private readonly mutex = new AsyncMutex();
  private closed = false;
  /** Transactions waiting for the next group commit. */
  private readonly queued: QueuedTransaction[] = [];
  private groupScheduled = false;
  private readonly reads: SqliteAccountReads;
  private readonly writes: SqliteAccountWrites;
  private readonly deviceReads: SqliteDeviceReads;
  private readonly deviceWrites: SqliteDeviceWrites;
  readonly messages: MessageStore;

  constructor(
    private readonly writer: Database.Database,
    private readonly reader: Database.Database,
  ) {
    this.reads = new SqliteAccountReads(reader);
    this.writes = new SqliteAccountWrites(writer);
    this.deviceReads = new SqliteDeviceReads(reader);
    this.deviceWrites = new SqliteDeviceWrites(writer);
    this.messages = sqliteMessages(writer, reader, (fn) =>
      this.mutex.run(async () => {
        if (this.closed) throw new Error('Store is closed');
        return fn();
      }),
    );
  }

  /** One autocommitted write on the writer, never inside someone else's open transaction. */
  private write<T>(fn: (writes: SqliteAccountWrites) => T): Promise<T> {
    return this.mutex.run(async () => {
      if (this.closed) throw new Error('Store is closed');
      return fn(this.writes);
    });
  }

  async migrate(): Promise<void> {
    await this.mutex.run(async () => {
      applyMigrations(this.writer);
    });
  }

  /**
   * Group commit: transactions that queue up while another runs are applied
   * together, each in its own SAVEPOINT, under one BEGIN IMMEDIATE … COMMIT.
   * One that fails rolls back to its savepoint alone; none of the group is
   * answered before the COMMIT, so nothing is acknowledged before it is in
   * the WAL. Under load this turns hundreds of commits (and their WAL writes
   * of the same hot pages) into a few; alone, a transaction commits at once.
   */
  transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queued.push({ fn, resolve: resolve as (value: unknown) => void, reject });
      this.scheduleGroup();
    });
  }

  private scheduleGroup() {
    if (this.groupScheduled) return;
    this.groupScheduled = true;
    // Not at once: after the I/O callbacks of this event-loop turn, so the other requests that
    // arrived meanwhile (each runs synchronously up to here) join this group. No timer, no wait.
    setImmediate(() => void this.mutex.run(() => this.commitGroup()));
  }

  private async commitGroup(): Promise<void> {
    this.groupScheduled = false;
    const group = this.queued.splice(0, MAX_GROUP);
    if (this.queued.length > 0) this.scheduleGroup();
    if (this.closed) {
      for (const job of group) job.reject(new Error('Store is closed'));
      return;
    }
    const applied: { job: QueuedTransaction; result: unknown }[] = [];
    const rejected = new Set<QueuedTransaction>();
    try {
      this.writer.exec('BEGIN IMMEDIATE');
      for (const job of group) {
        const tx = new SqliteTransaction(this.writer);
        this.writer.exec('SAVEPOINT one_transaction');
        try {
          const result = await job.fn(tx);
          tx.finished = true;
          this.writer.exec('RELEASE one_transaction');
          applied.push({ job, result });
        } catch (error) {
          tx.finished = true;
          // SQLite rolls the whole transaction back on some errors (disk full, I/O): the group is lost.
          if (!this.writer.inTransaction) throw error;
          this.writer.exec('ROLLBACK TO one_transaction');
          this.writer.exec('RELEASE one_transaction');
          rejected.add(job);
          job.reject(error);
        }
      }
      this.writer.exec('COMMIT');
    } catch (error) {
      if (this.writer.inTransaction) this.writer.exec('ROLLBACK');
      // Nothing of this group committed: every caller not yet answered hears of it (pushes are safe to retry).
      for (const job of group) if (!rejected.has(job)) job.reject(error);
      return;
    }
    for (const { job, result } of applied) job.resolve(result);
  }

  async pull(
    collection: string,
    afterSeq: number,
    limit: number,
    siteIds?: readonly string[],
  ): Promise<PullPage> {
    const rows =
      siteIds === undefined
        ? cached<[string, number, number], DocumentRow>(
            this.reader,
            `SELECT collection, id, seq, site_id, deleted, doc FROM documents
               WHERE collection = ? AND seq > ? ORDER BY seq LIMIT ?`,
          ).all(collection, afterSeq, limit)
        : cached<[string, number, string, number], DocumentRow>(
            this.reader,
            `SELECT collection, id, seq, site_id, deleted, doc FROM documents
               WHERE collection = ? AND seq > ? AND site_id IN (SELECT value FROM json_each(?))
               ORDER BY seq LIMIT ?`,
          ).all(collection, afterSeq, JSON.stringify(siteIds), limit);
    const documents = rows.map(toStoredDocument);
    return { documents, lastSeq: documents.at(-1)?.seq ?? afterSeq };
  }

  async countAfter(collection: string, afterSeq: number, siteIds?: readonly string[]): Promise<number> {
    const row =
      siteIds === undefined
        ? cached<[string, number], { n: number }>(
            this.reader,
            'SELECT count(*) AS n FROM documents WHERE collection = ? AND seq > ?',
          ).get(collection, afterSeq)
        : cached<[string, number, string], { n: number }>(
            this.reader,
            `SELECT count(*) AS n FROM documents
               WHERE collection = ? AND seq > ? AND site_id IN (SELECT value FROM json_each(?))`,
          ).get(collection, afterSeq, JSON.stringify(siteIds));
    return row?.n ?? 0;
  }

  async getDocument(collection: string, id: string): Promise<StoredDocument | undefined> {
    const row = this.reader
      .prepare<[string, string], DocumentRow>(
        'SELECT collection, id, seq, site_id, deleted, doc FROM documents WHERE collection = ? AND id = ?',
      )
      .get(collection, id);
    return row ? toStoredDocument(row) : undefined;
  }

  async epoch(): Promise<string> {
    return requireEpoch(
      this.reader.prepare<[], { epoch: string }>('SELECT epoch FROM server_epoch WHERE id = 1').get(),
    );
  }

  renewEpoch(): Promise<string> {
    return this.transaction(async () =>
      requireEpoch(
        this.writer
          .prepare<[string], { epoch: string }>(
            'UPDATE server_epoch SET epoch = ? WHERE id = 1 RETURNING epoch',
          )
          .get(newEpoch()),
      ),
    );
  }

  async listAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    return rows(this.reader, audit.listAudit(filter)).map(audit.toAuditEntry);
  }

  markSeq(at: string): Promise<void> {
    return this.transaction(async () => {
      this.writer.prepare('INSERT INTO seq_marks (at, seq) SELECT ?, value FROM sequence').run(at);
    });
  }

  purgeDeleted(collection: string, cutoff: string): Promise<number> {
    return this.transaction(async () => {
      const mark = this.writer
        .prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM seq_marks WHERE at <= ?')
        .get(cutoff)?.seq;
      if (mark === null || mark === undefined) return 0;
      // The horizon is the newest deletion removed: a checkpoint at or past it missed none of them.
      const newest = this.writer
        .prepare<[string, number], { seq: number | null }>(
          'SELECT MAX(seq) AS seq FROM documents WHERE collection = ? AND deleted = 1 AND seq <= ?',
        )
        .get(collection, mark)?.seq;
      if (newest === null || newest === undefined) return 0;
      const removed = this.writer
        .prepare('DELETE FROM documents WHERE collection = ? AND deleted = 1 AND seq <= ?')
        .run(collection, mark).changes;
      this.writer
        .prepare(
          `INSERT INTO purge_horizon (collection, seq) VALUES (?, ?)
           ON CONFLICT (collection) DO UPDATE SET seq = MAX(seq, excluded.seq)`,
        )
        .run(collection, newest);
      return removed;
    });
  }

  async purgeHorizon(collection: string): Promise<number> {
    const row = this.reader
      .prepare<[string], { seq: number }>('SELECT seq FROM purge_horizon WHERE collection = ?')
      .get(collection);
    return row?.seq ?? 0;
  }

  async listErasures() {
    return rows(this.reader, erasures.listErasures()).map(erasures.toErasure);
  }

  async deviceScopeRules(): Promise<DeviceScopeRuleRecord[]> {
    return scope.toScopeRules(rows(this.reader, scope.deviceScopeRules()));
  }



  async countUsers() {
    return this.reads.countUsers();
  }
  async getUser(id: string) {
    return this.reads.getUser(id);
  }
  async findUserByUsername(username: string) {
    return this.reads.findUserByUsername(username);
  }
  async listUsers() {
    return this.reads.listUsers();
  }
  async getSite(id: string) {
    return this.reads.getSite(id);
  }
  async listSites() {
    return this.reads.listSites();
  }
  async getUnit(id: string) {
    return this.reads.getUnit(id);
  }
  async listUnits() {
    return this.reads.listUnits();
  }
  async findSession(tokenHash: string) {
    return this.reads.findSession(tokenHash);
  }
  async getThrottle(scope: ThrottleScope, key: string) {
    return this.reads.getThrottle(scope, key);
  }

  createSession(session: SessionRecord) {
    return this.write((writes) => writes.createSession(session));
  }
  nameDevice(device: NamedDevice) {
    return this.write((writes) => writes.nameDevice(device));
  }
  async deviceNames(ids: readonly string[]) {
    return this.reads.deviceNames(ids);
  }
  touchSession(tokenHash: string, at: string) {
    return this.write((writes) => writes.touchSession(tokenHash, at));
  }
  revokeSession(tokenHash: string, at: string) {
    return this.write((writes) => writes.revokeSession(tokenHash, at));
  }
  recordLoginFailure(scope: ThrottleScope, key: string, policy: ThrottlePolicy) {
    return this.write((writes) => writes.recordLoginFailure(scope, key, policy));
  }
  clearThrottle(scope: ThrottleScope, key: string) {
    return this.write((writes) => writes.clearThrottle(scope, key));
  }

  async getDevice(userId: string, deviceId: string) {
    return this.deviceReads.getDevice(userId, deviceId);
  }
  async listDevices() {
    return this.deviceReads.listDevices();
  }
  putDeviceReport(userId: string, deviceId: string, report: DeviceReport, at: string) {
    return this.write(() => this.deviceWrites.putDeviceReport(userId, deviceId, report, at));
  }
  markDeviceWiped(userId: string, deviceId: string, at: string) {
    return this.write(() => this.deviceWrites.markDeviceWiped(userId, deviceId, at));
  }

  async close(): Promise<void> {
    // Let a running transaction finish before the connections go away.
    await this.mutex.run(async () => {
      if (this.closed) return;
      this.closed = true;
      this.reader.close();
      this.writer.close();
    });
  }
}

/** Opens (creating if needed) the SQLite store at `filePath`. Call `migrate()` before use. */
export function openSqliteStore(filePath: string): SqliteStore {
  const writer = openConnection(filePath);
  const reader = openConnection(filePath);
  // Reads never write; make a slip loud rather than a second writer.
  reader.pragma('query_only = ON');
  return new SqliteStore(writer, reader);
}

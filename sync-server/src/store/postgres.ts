/**
 * The production Store on PostgreSQL (see types.ts for the contract).
 *
 * Everything lives in one configured schema (default `public`), created by
 * the numbered migrations in ../migrations/postgres. A pg Pool serves reads;
 * each `transaction` holds one pooled client from BEGIN to COMMIT/ROLLBACK.
 *
 * Why pulls never skip a commit
 * -----------------------------
 * Sequence numbers come from a PostgreSQL sequence, and `nextval` hands them
 * out when a statement runs, not when its transaction commits. Left alone,
 * T1 takes seq 10, T2 takes 11 and commits, a device pulls and stores
 * checkpoint 11, then T1 commits seq 10 behind the checkpoint: that device
 * never sees it.
 *
 * So a write transaction first takes a transaction-scoped advisory lock (the
 * "write lock", one per schema) and holds it until it commits or rolls back.
 * Only the holder takes sequence numbers, so they are taken in commit order.
 * PostgreSQL makes a commit visible before it releases the transaction's
 * locks, so the next writer's first seq is taken only after every smaller
 * committed seq is already visible. A reader that sees seq N therefore sees
 * every committed seq below N. Rolled-back transactions leave gaps, which are
 * harmless: nobody will ever commit those numbers.
 *
 * The lock is taken on the first call that reads-for-update or writes
 * (getDocuments, putDocument, rememberPush), before any row lock. Every
 * writer thus acquires locks in the same order (write lock, then rows), so
 * writers queue rather than deadlock. `SELECT … FOR UPDATE` in getDocuments
 * still locks the rows so the per-document guarantee does not rest on that
 * ordering alone. Audit-only and read-only work does not take the lock.
 *
 * The cost is that write transactions run one at a time per schema, like
 * SQLite's single writer, and the lock is held across each one's round trips
 * and its commit's fsync.
 *
 * Group commit
 * ------------
 * So `transaction` commits in groups, as the SQLite store does: the
 * transactions that queue during one event-loop turn run one after another on
 * one connection, each in its own SAVEPOINT, under one BEGIN … COMMIT. The
 * write lock is taken once per group (by its first writer) and the commit's
 * fsync is paid once per group. A transaction that fails rolls back to its
 * savepoint alone; none of a group is answered before the COMMIT, so nothing
 * is acknowledged that a crash could lose. One group runs at a time per
 * store; groups of several processes queue on the write lock as single
 * transactions did. Sequence numbers are still taken only under the lock, so
 * the rule above holds unchanged: a whole group becomes visible at once, after
 * every earlier holder's commit.
 */
import { Pool, escapeIdentifier, type PoolClient } from 'pg';
import { postgresAccounts } from './postgresAccounts';
import { auditQueries } from './auditQueries';
import { documentMapper, type DocumentRow } from './documentRows';
import { first, rows, run } from './postgresStatements';
import { postgresDevices } from './postgresDevices';
import { postgresMessages } from './postgresMessages';
import { erasureQueries } from './erasureQueries';
import { deviceQueries } from './deviceQueries';
import { newEpoch, requireEpoch } from './epoch';
import { applyMigrations } from './postgresMigrations';
import { AsyncMutex } from './mutex';
import type {
  AuditEntryInput,
  DocumentWrite,
  PushKeyEntry,
  PullPage,
  Store,
  StoreTransaction,
  StoredDocument,
} from './types';

/** First half of the write-lock key; the second is a hash of the schema name. */
const WRITE_LOCK_CLASS = 0x5753_0002;
/**
 * Most transactions one group commit applies: fewer than the 64 subtransaction
 * ids a PostgreSQL backend caches, past which every other session's snapshot
 * checks pay a lookup.
 */
const MAX_GROUP = 32;

interface QueuedTransaction {
  fn: (tx: StoreTransaction) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** What the transactions of one group share: the write lock, once one of them has it. */
interface GroupState {
  writeLock?: Promise<unknown>;
  /** The transaction that took it: its rollback to its savepoint releases the lock. */
  writeLockOwner?: QueuedTransaction;
}

export interface PostgresStoreOptions {
  /** Schema holding the tables; created by `migrate()` if missing. Default `public`. */
  schema?: string;
  /** Most connections the pool opens. Default 10. */
  poolSize?: number;
  /** Told about errors on idle pooled connections (e.g. the server restarted); the pool drops those. */
  onIdleClientError?: (error: Error) => void;
}

export function openPostgresStore(connectionString: string, options: PostgresStoreOptions = {}): Store {
  const schema = options.schema ?? 'public';
  const pool = new Pool({ connectionString, max: options.poolSize ?? 10 });
  pool.on(
    'error',
    options.onIdleClientError ?? ((error) => console.error('PostgreSQL idle client error:', error)),
  );

  const s = escapeIdentifier(schema);
  const table = {
    documents: `${s}.documents`,
    pushLog: `${s}.push_log`,
    audit: `${s}.audit`,
    serverEpoch: `${s}.server_epoch`,
  };
  const documentSeq = `${s}.document_seq`;
  const documentColumns = 'collection, id, seq, site_id, deleted, doc';

  /**
   * The three writes of a push as statements whose parameters start at
   * `$first`: alone (putDocuments, rememberPushes, appendAudits) or as the
   * parts of one statement (writeBatch).
   */
  const statements = {
    /** Upserts one run of documents in which no record appears twice; returns collection, id, seq. */
    documents(first: number, batch: readonly DocumentWrite[]) {
      const p = (i: number) => `$${first + i}`;
      return {
        text: `INSERT INTO ${table.documents} (${documentColumns})
           SELECT w.collection, w.id, nextval(${p(0)}::regclass), w.site_id, w.deleted, w.doc::jsonb
           FROM unnest(${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::boolean[], ${p(5)}::text[])
             WITH ORDINALITY AS w(collection, id, site_id, deleted, doc, n)
           ORDER BY w.n
           ON CONFLICT (collection, id) DO UPDATE
             SET seq = excluded.seq, site_id = excluded.site_id, deleted = excluded.deleted, doc = excluded.doc
           RETURNING collection, id, seq`,
        values: [
          documentSeq,
          batch.map((w) => w.collection),
          batch.map((w) => w.doc.id),
          batch.map((w) => w.siteId),
          batch.map((w) => w.doc._deleted),
          batch.map((w) => JSON.stringify(w.doc)),
        ],
      };
    },
    /** Records push keys; returns id, push_key of those new. */
    pushKeys(first: number, collection: string, entries: readonly PushKeyEntry[]) {
      const p = (i: number) => `$${first + i}`;
      return {
        text: `INSERT INTO ${table.pushLog} (collection, id, push_key)
           SELECT ${p(0)}, e.id, e.push_key FROM unnest(${p(1)}::text[], ${p(2)}::text[]) AS e(id, push_key)
           ON CONFLICT DO NOTHING
           RETURNING id, push_key`,
        values: [collection, entries.map((e) => e.id), entries.map((e) => e.pushKey)],
      };
    },
    /** Appends audit entries in order. */
    audits(first: number, entries: readonly AuditEntryInput[]) {
      const p = (i: number) => `$${first + i}`;
      return {
        text: `INSERT INTO ${table.audit} (at, user_id, device_id, action, collection, record_id, site_id, details)
           SELECT a.at, a.user_id, a.device_id, a.action, a.collection, a.record_id, a.site_id, a.details::jsonb
           FROM unnest(${p(0)}::timestamptz[], ${p(1)}::text[], ${p(2)}::text[], ${p(3)}::text[], ${p(4)}::text[],
                       ${p(5)}::text[], ${p(6)}::text[], ${p(7)}::text[])
             WITH ORDINALITY AS a(at, user_id, device_id, action, collection, record_id, site_id, details, n)
           ORDER BY a.n`,
        values: [
          entries.map((e) => e.at),
          entries.map((e) => e.userId),
          entries.map((e) => e.deviceId),
          entries.map((e) => e.action),
          entries.map((e) => e.collection ?? null),
          entries.map((e) => e.recordId ?? null),
          entries.map((e) => e.siteId ?? null),
          entries.map((e) => (e.details === undefined ? null : JSON.stringify(e.details))),
        ],
      };
    },
  };

  /** Each write's sequence number, from the rows a documents statement returned (RETURNING promises no order). */
  function seqsOf(batch: readonly DocumentWrite[], rows: readonly { collection: string; id: string; seq: string }[]) {
    const seqOf = new Map(rows.map((row) => [documentKey(row.collection, row.id), toSeq(row.seq)]));
    return batch.map((w) => seqOf.get(documentKey(w.collection, w.doc.id)) ?? NaN);
  }
  const accounts = postgresAccounts(schema);
  const audit = auditQueries('postgres', schema);
  const toStoredDocument = documentMapper('postgres');
  const devices = postgresDevices(schema);
  const erasures = erasureQueries('postgres', schema);
  const scope = deviceQueries('postgres', schema);

  async function inTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const result = await fn(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // If even ROLLBACK fails the connection is in an unknown state: drop it from the pool.
        await client.query('ROLLBACK').catch((rollbackError: unknown) => {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  /** Transactions waiting for the next group commit. */
  const queued: QueuedTransaction[] = [];
  let groupScheduled = false;
  const groups = new AsyncMutex();

  function scheduleGroup() {
    if (groupScheduled) return;
    groupScheduled = true;
    // After the I/O callbacks of this event-loop turn, so requests that arrived meanwhile join the group.
    setImmediate(() => void groups.run(commitGroup));
  }

  async function commitGroup(): Promise<void> {
    groupScheduled = false;
    const group = queued.splice(0, MAX_GROUP);
    if (queued.length > 0) scheduleGroup();
    if (group.length === 0) return;
    let client: PoolClient;
    try {
      client = await pool.connect();
    } catch (error) {
      for (const job of group) job.reject(error);
      return;
    }
    // Alone, a transaction needs no savepoint: its failure rolls back the transaction, which is all its own.
    const savepoints = group.length > 1;
    const state: GroupState = {};
    const applied: { job: QueuedTransaction; result: unknown }[] = [];
    const rejected = new Set<QueuedTransaction>();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      for (const job of group) {
        if (savepoints) await client.query('SAVEPOINT one_transaction');
        const { tx, finish } = bindTransaction(client, state, job);
        try {
          const result = await job.fn(tx);
          finish();
          applied.push({ job, result });
        } catch (error) {
          finish();
          if (!savepoints) throw error;
          // If this fails the connection is unusable and the whole group fails (below).
          await client.query('ROLLBACK TO SAVEPOINT one_transaction');
          if (state.writeLockOwner === job) {
            // Rolling back a savepoint releases the locks taken since it: the next writer takes it again.
            state.writeLock = undefined;
            state.writeLockOwner = undefined;
          }
          rejected.add(job);
          job.reject(error);
        }
      }
      await client.query('COMMIT');
    } catch (error) {
      // If even ROLLBACK fails the connection is in an unknown state: drop it from the pool.
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      client.release(broken);
      // Nothing of this group committed: every caller not yet answered hears of it (pushes are safe to retry).
      for (const job of group) if (!rejected.has(job)) job.reject(error);
      return;
    }
    client.release();
    for (const { job, result } of applied) job.resolve(result);
  }

  function bindTransaction(
    client: PoolClient,
    group: GroupState,
    job: QueuedTransaction,
  ): { tx: StoreTransaction; finish: () => void } {
    let finished = false;

    function usable() {
      if (finished) throw new Error('This store transaction has already committed or rolled back');
    }
    function takeWriteLock() {
      if (!group.writeLock) {
        group.writeLock = client.query('SELECT pg_advisory_xact_lock($1::int4, hashtext($2))', [
          WRITE_LOCK_CLASS,
          schema,
        ]);
        group.writeLockOwner = job;
      }
      return group.writeLock;
    }

    const tx: StoreTransaction = {
      ...accounts.transaction(client, usable),

      async revokeDevice(userId, deviceId, at, revokedBy) {
        usable();
        return devices.revokeDevice(client, userId, deviceId, at, revokedBy);
      },

      async getDocuments(collection, ids) {
        usable();
        const found = new Map<string, StoredDocument>();
        if (ids.length === 0) return found;
        await takeWriteLock();
        const result = await client.query<DocumentRow>(
          `SELECT ${documentColumns} FROM ${table.documents}
           WHERE collection = $1 AND id = ANY($2::text[])
           ORDER BY id FOR UPDATE`,
          [collection, ids],
        );
        for (const row of result.rows) found.set(row.id, toStoredDocument(row));
        return found;
      },

      async documentsLinkedTo(collection, field, values) {
        usable();
        if (values.length === 0) return [];
        await takeWriteLock();
        const result = await client.query<DocumentRow>(
          `SELECT ${documentColumns} FROM ${table.documents}
           WHERE collection = $1 AND doc ->> $2 = ANY($3::text[])
           ORDER BY id FOR UPDATE`,
          [collection, field, values],
        );
        return result.rows.map(toStoredDocument);
      },

      async redactAudit(collection, recordIds) {
        usable();
        return recordIds.length === 0 ? 0 : run(client, erasures.redactAudit(collection, recordIds));
      },

      async putErasure(erasure) {
        usable();
        await run(client, erasures.putErasure(erasure));
      },

      async putDeviceScopeRules(rules, by, at) {
        usable();
        for (const rule of rules) await run(client, scope.putDeviceScopeRule(rule, by, at));
      },

      async getErasureForUpdate(id) {
        usable();
        return first(client, erasures.getErasure(id, true), erasures.toErasure);
      },

      async putDocument(collection, doc, siteId) {
        const [seq] = await tx.putDocuments([{ collection, doc, siteId }]);
        return seq!;
      },

      async putDocuments(writes) {
        usable();
        if (writes.length === 0) return [];
        await takeWriteLock();
        const seqs: number[] = [];
        // ON CONFLICT DO UPDATE may touch a row once per statement: a record written twice goes in the next one.
        for (const batch of withoutRepeats(writes)) {
          const result = await client.query<{ collection: string; id: string; seq: string }>(
            statements.documents(1, batch),
          );
          seqs.push(...seqsOf(batch, result.rows));
        }
        if (seqs.some((seq) => Number.isNaN(seq)))
          throw new Error('A document write returned no sequence number');
        return seqs;
      },

      async rememberPush(collection, id, pushKey) {
        const [isNew] = await tx.rememberPushes(collection, [{ id, pushKey }]);
        return isNew!;
      },

      async rememberPushes(collection, entries) {
        usable();
        if (entries.length === 0) return [];
        await takeWriteLock();
        const result = await client.query<{ id: string; push_key: string }>(
          statements.pushKeys(1, collection, entries),
        );
        const inserted = new Set(result.rows.map((row) => pushEntryKey(row.id, row.push_key)));
        // Only the first of equal entries counts as new, as with one rememberPush after another.
        return entries.map((e) => inserted.delete(pushEntryKey(e.id, e.pushKey)));
      },

      async hasPushKey(collection: string, id: string, pushKey: string) {
        usable();
        const result = await client.query(
          `SELECT 1 FROM ${table.pushLog} WHERE collection = $1 AND id = $2 AND push_key = $3`,
          [collection, id, pushKey],
        );
        return result.rowCount === 1;
      },

      async appendAudit(entry: AuditEntryInput) {
        await tx.appendAudits([entry]);
      },

      async appendAudits(entries) {
        usable();
        if (entries.length === 0) return;
        await client.query(statements.audits(1, entries));
      },

      async writeBatch({ documents, pushKeys, audits }) {
        usable();
        const runs = withoutRepeats(documents);
        // A record written twice needs a statement per run (above): then the writes go one call at a time.
        if (runs.length > 1 || documents.length === 0 || pushKeys.entries.length === 0 || audits.length === 0) {
          const seqs = await tx.putDocuments(documents);
          await tx.rememberPushes(pushKeys.collection, pushKeys.entries);
          await tx.appendAudits(audits);
          return seqs;
        }
        await takeWriteLock();
        // One statement: its data-modifying parts run on one snapshot, and touch different tables.
        const written = statements.documents(1, documents);
        const keys = statements.pushKeys(1 + written.values.length, pushKeys.collection, pushKeys.entries);
        const audit = statements.audits(1 + written.values.length + keys.values.length, audits);
        const result = await client.query<{ collection: string; id: string; seq: string }>({
          text: `WITH written AS (${written.text}), remembered AS (${keys.text}), audited AS (${audit.text})
                 SELECT collection, id, seq FROM written`,
          values: [...written.values, ...keys.values, ...audit.values],
        });
        const seqs = seqsOf(documents, result.rows);
        if (seqs.some((seq) => Number.isNaN(seq)))
          throw new Error('A document write returned no sequence number');
        return seqs;
      },
    };
    return { tx, finish: () => (finished = true) };
  }

  return {
    ...accounts.store(pool),
    ...devices.store(pool),
    kind: 'postgres',
    messages: postgresMessages(schema, pool),

    async migrate() {
      await inTransaction((client) => applyMigrations(client, schema));
    },

    transaction<T>(fn: (tx: StoreTransaction) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queued.push({ fn, resolve: resolve as (value: unknown) => void, reject });
        scheduleGroup();
      });
    },

    async pull(collection, afterSeq, limit, siteIds): Promise<PullPage> {
      const result =
        siteIds === undefined
          ? await pool.query<DocumentRow>(
              `SELECT ${documentColumns} FROM ${table.documents}
               WHERE collection = $1 AND seq > $2
               ORDER BY seq LIMIT $3`,
              [collection, afterSeq, limit],
            )
          : await pool.query<DocumentRow>(
              `SELECT ${documentColumns} FROM ${table.documents}
               WHERE collection = $1 AND seq > $2 AND site_id = ANY($4::text[])
               ORDER BY seq LIMIT $3`,
              [collection, afterSeq, limit, [...siteIds]],
            );
      const documents = result.rows.map(toStoredDocument);
      return { documents, lastSeq: documents.at(-1)?.seq ?? afterSeq };
    },

    async countAfter(collection, afterSeq, siteIds) {
      const result =
        siteIds === undefined
          ? await pool.query<{ n: string }>(
              `SELECT count(*) AS n FROM ${table.documents} WHERE collection = $1 AND seq > $2`,
              [collection, afterSeq],
            )
          : await pool.query<{ n: string }>(
              `SELECT count(*) AS n FROM ${table.documents}
               WHERE collection = $1 AND seq > $2 AND site_id = ANY($3::text[])`,
              [collection, afterSeq, [...siteIds]],
            );
      return Number(result.rows[0]?.n ?? 0);
    },

    async getDocument(collection, id) {
      const result = await pool.query<DocumentRow>(
        `SELECT ${documentColumns} FROM ${table.documents} WHERE collection = $1 AND id = $2`,
        [collection, id],
      );
      const row = result.rows[0];
      return row ? toStoredDocument(row) : undefined;
    },

    async epoch() {
      const result = await pool.query<{ epoch: string }>(
        `SELECT epoch FROM ${table.serverEpoch} WHERE id = 1`,
      );
      return requireEpoch(result.rows[0]);
    },

    async renewEpoch() {
      const result = await pool.query<{ epoch: string }>(
        `UPDATE ${table.serverEpoch} SET epoch = $1 WHERE id = 1 RETURNING epoch`,
        [newEpoch()],
      );
      return requireEpoch(result.rows[0]);
    },

    async markSeq(at) {
      await pool.query(
        `INSERT INTO ${s}.seq_marks (at, seq) SELECT $1, COALESCE(MAX(seq), 0) FROM ${table.documents}`,
        [at],
      );
    },

    async purgeDeleted(collection, cutoff) {
      return inTransaction(async (client) => {
        // Under the writers' lock, so no push commits a deletion between the read and the delete.
        await client.query('SELECT pg_advisory_xact_lock($1::int4, hashtext($2))', [WRITE_LOCK_CLASS, schema]);
        const mark = await client.query<{ seq: string | null }>(
          `SELECT MAX(seq) AS seq FROM ${s}.seq_marks WHERE at <= $1`,
          [cutoff],
        );
        const seq = mark.rows[0]?.seq;
        if (seq === null || seq === undefined) return 0;
        // The horizon is the newest deletion removed: a checkpoint at or past it missed none of them.
        const newest = await client.query<{ seq: string | null }>(
          `SELECT MAX(seq) AS seq FROM ${table.documents} WHERE collection = $1 AND deleted AND seq <= $2`,
          [collection, seq],
        );
        const horizon = newest.rows[0]?.seq;
        if (horizon === null || horizon === undefined) return 0;
        const removed = await client.query(
          `DELETE FROM ${table.documents} WHERE collection = $1 AND deleted AND seq <= $2`,
          [collection, seq],
        );
        await client.query(
          `INSERT INTO ${s}.purge_horizon (collection, seq) VALUES ($1, $2)
           ON CONFLICT (collection) DO UPDATE SET seq = GREATEST(${s}.purge_horizon.seq, excluded.seq)`,
          [collection, horizon],
        );
        return removed.rowCount ?? 0;
      });
    },

    async purgeHorizon(collection) {
      const result = await pool.query<{ seq: string }>(
        `SELECT seq FROM ${s}.purge_horizon WHERE collection = $1`,
        [collection],
      );
      const seq = result.rows[0]?.seq;
      return seq === undefined ? 0 : Number(seq);
    },

    async listErasures() {
      return (await rows(pool, erasures.listErasures())).map(erasures.toErasure);
    },

    async deviceScopeRules() {
      return scope.toScopeRules(await rows(pool, scope.deviceScopeRules()));
    },


    async listAudit(filter) {
      return (await rows(pool, audit.listAudit(filter))).map(audit.toAuditEntry);
    },

    async close() {
      await pool.end();
    },
  };
}

function documentKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`;
}

function pushEntryKey(id: string, pushKey: string): string {
  return `${id}\u0000${pushKey}`;
}

/** Splits writes, in order, into runs in which no record appears twice. */
function withoutRepeats(writes: readonly DocumentWrite[]): DocumentWrite[][] {
  const batches: DocumentWrite[][] = [];
  let batch: DocumentWrite[] = [];
  let keys = new Set<string>();
  for (const write of writes) {
    const key = documentKey(write.collection, write.doc.id);
    if (keys.has(key)) {
      batches.push(batch);
      batch = [];
      keys = new Set();
    }
    batch.push(write);
    keys.add(key);
  }
  batches.push(batch);
  return batches;
}

function toSeq(value: string | undefined): number {
  const seq = Number(value);
  // A bigint beyond 2^53 would silently lose precision as a JS number; fail loudly instead.
  if (!Number.isSafeInteger(seq)) throw new Error(`Sequence number out of range: ${String(value)}`);
  return seq;
}


/**
 * The outbound message queue in the PostgreSQL store (see messageTypes.ts):
 * the statements of messageQueries.ts, plus the claim and the lookups inside a
 * record's JSON. A claim selects due rows FOR UPDATE SKIP LOCKED and marks
 * them in the same statement, so several server processes claim disjoint rows
 * without waiting on each other.
 */
import { escapeIdentifier, type Pool } from 'pg';
import type { WireDocument } from '@waystation/protocol';
import { messageQueries } from './messageQueries';
import type { MessageStore, QueuedReminder } from './messageTypes';
import { first, rows, run } from './postgresStatements';
import type { StoredDocument } from './types';

interface DocRow {
  collection: string;
  id: string;
  seq: string;
  site_id: string;
  deleted: boolean;
  doc: WireDocument;
}

function toStored(row: DocRow): StoredDocument {
  return {
    collection: row.collection,
    id: row.id,
    seq: Number(row.seq),
    siteId: row.site_id,
    deleted: row.deleted,
    doc: row.doc,
  };
}

export function postgresMessages(schema: string, pool: Pool): MessageStore {
  const s = escapeIdentifier(schema);
  const messages = `${s}.outbound_messages`;
  const documents = `${s}.documents`;
  const q = messageQueries('postgres', schema);

  /** One transaction on a client of its own. */
  async function inTransaction<T>(fn: (client: { query: Pool['query'] }) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    syncHousehold(householdId, planned: readonly QueuedReminder[], at, cancel = {}) {
      return inTransaction(async (client) => {
        const added = planned.length === 0 ? 0 : await run(client, q.queueReminders(planned, at));
        const cancelled = await run(client, q.cancelUnplanned(householdId, planned, at, cancel));
        return { added, cancelled };
      });
    },

    async claimDue(worker, now, claimUntil, limit) {
      const result = await pool.query<Record<string, unknown>>(
        `UPDATE ${messages} m
         SET state = 'sending', claimed_by = $1, claimed_until = $2, attempts = m.attempts + 1, updated_at = $3
         FROM (SELECT message_key FROM ${messages}
               WHERE state = 'queued' AND next_attempt_at <= $3
               ORDER BY next_attempt_at, message_key
               LIMIT $4
               FOR UPDATE SKIP LOCKED) due
         WHERE m.message_key = due.message_key
         RETURNING m.*`,
        [worker, claimUntil, now, limit],
      );
      return result.rows.map(q.toMessage);
    },

    async failExpiredClaims(now) {
      return (await rows(pool, q.failExpiredClaims(now))).map(q.toMessage);
    },

    async finish(key, worker, outcome, at) {
      return (await run(pool, q.finish(key, worker, outcome, at))) === 1;
    },

    reportDelivery: (providerId, report, at) =>
      first(pool, q.reportDelivery(providerId, report, at), q.toMessage),
    getMessage: (key) => first(pool, q.getMessage(key), q.toMessage),
    listMessages: async (filter) => (await rows(pool, q.listMessages(filter))).map(q.toMessage),
    countSentSince: async (siteId, since) =>
      (await first(pool, q.countSentSince(siteId, since), (row) => Number(row.n))) ?? 0,

    async householdDocuments(collection, householdId) {
      const result = await pool.query<DocRow>(
        `SELECT collection, id, seq, site_id, deleted, doc FROM ${documents}
         WHERE collection = $1 AND doc->>'householdId' = $2 AND NOT deleted`,
        [collection, householdId],
      );
      return result.rows.map(toStored);
    },

    async byMessagingPhone(collection, phone) {
      const result = await pool.query<DocRow>(
        `SELECT collection, id, seq, site_id, deleted, doc FROM ${documents}
         WHERE collection = $1 AND (doc->'messaging'->>'phone') = $2 AND NOT deleted`,
        [collection, phone],
      );
      return result.rows.map(toStored);
    },

    getSettings: (siteId) => first(pool, q.getSettings(siteId), q.toSettings),
    async putSettings(siteId, settings, by, at) {
      await run(pool, q.putSettings(siteId, settings, by, at));
    },

    cursor: async (collection) => (await first(pool, q.cursor(collection), (row) => Number(row.seq))) ?? 0,
    async setCursor(collection, seq) {
      await run(pool, q.setCursor(collection, seq));
    },

    keepLogged(message) {
      return inTransaction(async (client) => {
        await run(client, q.keepLogged(message));
        await run(client, q.trimLogged(message.siteId));
      });
    },
    listLogged: async (siteIds, limit) => (await rows(pool, q.listLogged(siteIds, limit))).map(q.toLogged),
    forgetLogged: async (groupIds) => (groupIds.length === 0 ? 0 : run(pool, q.forgetLogged(groupIds))),
  };
}

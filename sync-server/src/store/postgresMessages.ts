/**
 * The outbound message queue in the PostgreSQL store (see messageTypes.ts).
 * A claim selects due rows FOR UPDATE SKIP LOCKED and marks them in the same
 * statement, so several server processes claim disjoint rows without waiting
 * on each other.
 */
import { escapeIdentifier, type Pool } from 'pg';
import type { WireDocument } from '@waystation/protocol';
import { LOGGED_MESSAGES_KEPT, type LoggedMessage, type MessageStore, type OutboundMessage, type QueuedReminder } from './messageTypes';
import { storedSettings, toMessage } from './sqliteMessages';
import type { StoredDocument } from './types';

interface MessageRow {
  message_key: string;
  site_id: string;
  household_id: string;
  record_collection: string;
  record_id: string;
  kind: string;
  lead: string;
  event_at: Date;
  send_at: Date;
  state: string;
  attempts: number;
  next_attempt_at: Date;
  channel: string | null;
  language: string | null;
  fallback: boolean | null;
  provider: string | null;
  provider_id: string | null;
  failure_reason: string | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  updated_at: Date;
}

interface DocRow {
  collection: string;
  id: string;
  seq: string;
  site_id: string;
  deleted: boolean;
  doc: WireDocument;
}

function toStored(row: DocRow): StoredDocument {
  return { collection: row.collection, id: row.id, seq: Number(row.seq), siteId: row.site_id, deleted: row.deleted, doc: row.doc };
}

export function postgresMessages(schema: string, pool: Pool): MessageStore {
  const s = escapeIdentifier(schema);
  const messages = `${s}.outbound_messages`;
  const settingsTable = `${s}.message_settings`;
  const loggedTable = `${s}.logged_messages`;
  const cursorTable = `${s}.message_cursor`;
  const documents = `${s}.documents`;
  const rows = (result: { rows: MessageRow[] }): OutboundMessage[] => result.rows.map(toMessage);

  return {
    async syncHousehold(householdId, planned: readonly QueuedReminder[], at, cancel = {}) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const inserted = await client.query(
          `INSERT INTO ${messages} (message_key, site_id, household_id, record_collection, record_id, kind, lead,
             event_at, send_at, state, attempts, next_attempt_at, created_at, updated_at)
           SELECT k, si, h, rc, ri, ki, le, ev, se, 'queued', 0, se, $10::timestamptz, $10::timestamptz
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::timestamptz[], $9::timestamptz[]) AS p(k, si, h, rc, ri, ki, le, ev, se)
           ON CONFLICT (message_key) DO NOTHING`,
          [
            planned.map((m) => m.key),
            planned.map((m) => m.siteId),
            planned.map((m) => m.householdId),
            planned.map((m) => m.recordCollection),
            planned.map((m) => m.recordId),
            planned.map((m) => m.kind),
            planned.map((m) => m.lead),
            planned.map((m) => m.eventAt),
            planned.map((m) => m.sendAt),
            at,
          ],
        );
        const cancelled = await client.query(
          `UPDATE ${messages} SET state = 'cancelled', updated_at = $1,
             failure_reason = CASE WHEN message_key = ANY($5::text[]) THEN 'consent_withdrawn' ELSE $4 END
           WHERE household_id = $2 AND state = 'queued' AND NOT (message_key = ANY($3::text[]))`,
          [at, householdId, planned.map((m) => m.key), cancel.reason ?? 'no_longer_planned', [...(cancel.withdrawnKeys ?? [])]],
        );
        await client.query('COMMIT');
        return { added: inserted.rowCount ?? 0, cancelled: cancelled.rowCount ?? 0 };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async claimDue(worker, now, claimUntil, limit) {
      return rows(
        await pool.query<MessageRow>(
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
        ),
      );
    },

    async failExpiredClaims(now) {
      return rows(
        await pool.query<MessageRow>(
          `UPDATE ${messages}
           SET state = 'failed', failure_reason = 'outcome_unknown', claimed_by = NULL, claimed_until = NULL, updated_at = $1
           WHERE state = 'sending' AND claimed_until < $1
           RETURNING *`,
          [now],
        ),
      );
    },

    async finish(key, worker, outcome, at) {
      const claimed = `WHERE message_key = $1 AND claimed_by = $2 AND state = 'sending'`;
      let result;
      switch (outcome.state) {
        case 'sent':
          result = await pool.query(
            `UPDATE ${messages} SET state = 'sent', sent_at = $3, provider = $4, provider_id = $5, channel = $6,
               language = $7, fallback = $8, failure_reason = NULL, claimed_by = NULL, claimed_until = NULL, updated_at = $9 ${claimed}`,
            [key, worker, outcome.at, outcome.provider, outcome.providerId, outcome.channel, outcome.language, outcome.fallback, at],
          );
          break;
        case 'queued':
          result = await pool.query(
            `UPDATE ${messages} SET state = 'queued', next_attempt_at = $3, failure_reason = $4,
               claimed_by = NULL, claimed_until = NULL, updated_at = $5 ${claimed}`,
            [key, worker, outcome.nextAttemptAt, outcome.reason, at],
          );
          break;
        case 'failed':
        case 'cancelled':
          result = await pool.query(
            `UPDATE ${messages} SET state = $3, failure_reason = $4, claimed_by = NULL, claimed_until = NULL, updated_at = $5 ${claimed}`,
            [key, worker, outcome.state, outcome.reason, at],
          );
          break;
      }
      return result.rowCount === 1;
    },

    async reportDelivery(providerId, report, at) {
      const result = await pool.query<MessageRow>(
        `UPDATE ${messages}
         SET state = $1, failure_reason = $2, delivered_at = CASE WHEN $1 = 'delivered' THEN $3::timestamptz ELSE delivered_at END, updated_at = $3
         WHERE provider_id = $4 AND state IN ('sent', 'delivered', 'failed')
         RETURNING *`,
        [report.state, report.reason ?? null, at, providerId],
      );
      return result.rows[0] ? toMessage(result.rows[0]) : undefined;
    },

    async getMessage(key) {
      const result = await pool.query<MessageRow>(`SELECT * FROM ${messages} WHERE message_key = $1`, [key]);
      return result.rows[0] ? toMessage(result.rows[0]) : undefined;
    },

    async listMessages(filter) {
      const where: string[] = [];
      const params: unknown[] = [];
      if (filter.householdId !== undefined) {
        params.push(filter.householdId);
        where.push(`household_id = $${params.length}`);
      }
      if (filter.siteIds !== undefined) {
        params.push(filter.siteIds);
        where.push(`site_id = ANY($${params.length}::text[])`);
      }
      if (filter.states !== undefined) {
        params.push(filter.states);
        where.push(`state = ANY($${params.length}::text[])`);
      }
      params.push(filter.limit);
      return rows(
        await pool.query<MessageRow>(
          `SELECT * FROM ${messages} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY ${filter.order === 'updated' ? 'updated_at' : 'send_at'} DESC, message_key LIMIT $${params.length}`,
          params,
        ),
      );
    },

    async countSentSince(siteId, since) {
      const result = await pool.query<{ n: string }>(
        `SELECT count(*) AS n FROM ${messages} WHERE site_id = $1 AND sent_at >= $2`,
        [siteId, since],
      );
      return Number(result.rows[0]?.n ?? 0);
    },

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

    async getSettings(siteId) {
      const result = await pool.query<{ settings: unknown }>(`SELECT settings FROM ${settingsTable} WHERE site_id = $1`, [siteId]);
      return result.rows[0] ? storedSettings(result.rows[0].settings) : undefined;
    },

    async putSettings(siteId, settings, by, at) {
      await pool.query(
        `INSERT INTO ${settingsTable} (site_id, settings, updated_at, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (site_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [siteId, JSON.stringify(settings), at, by],
      );
    },

    async cursor(collection) {
      const result = await pool.query<{ seq: string }>(`SELECT seq FROM ${cursorTable} WHERE collection = $1`, [collection]);
      return Number(result.rows[0]?.seq ?? 0);
    },

    async keepLogged(message) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO ${loggedTable} (message_key, site_id, recipient, channel, body, logged_at) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (message_key) DO NOTHING`,
          [message.key, message.siteId, message.to, message.channel, message.body, message.at],
        );
        await client.query(
          `DELETE FROM ${loggedTable} WHERE site_id = $1 AND message_key NOT IN (
             SELECT message_key FROM ${loggedTable} WHERE site_id = $1 ORDER BY logged_at DESC, message_key DESC LIMIT $2)`,
          [message.siteId, LOGGED_MESSAGES_KEPT],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    async listLogged(siteIds, limit) {
      const result = await pool.query<{ message_key: string; site_id: string; recipient: string; channel: string; body: string; logged_at: Date }>(
        `SELECT * FROM ${loggedTable} WHERE ($1::text[] IS NULL OR site_id = ANY($1::text[]))
         ORDER BY logged_at DESC, message_key DESC LIMIT $2`,
        [siteIds ? [...siteIds] : null, limit],
      );
      return result.rows.map(
        (row): LoggedMessage => ({
          key: row.message_key,
          siteId: row.site_id,
          to: row.recipient,
          channel: row.channel,
          body: row.body,
          at: new Date(row.logged_at).toISOString(),
        }),
      );
    },

    async forgetLogged(groupIds) {
      const result = await pool.query(
        `DELETE FROM ${loggedTable} WHERE message_key IN (
           SELECT message_key FROM ${s}.outbound_messages WHERE household_id = ANY($1::text[]))`,
        [[...groupIds]],
      );
      return result.rowCount ?? 0;
    },

    async setCursor(collection, seq) {
      await pool.query(
        `INSERT INTO ${cursorTable} (collection, seq) VALUES ($1, $2)
         ON CONFLICT (collection) DO UPDATE SET seq = GREATEST(${cursorTable}.seq, excluded.seq)`,
        [collection, seq],
      );
    },
  };
}

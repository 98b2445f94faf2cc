/**
 * The outbound message queue in the SQLite store (see messageTypes.ts).
 * Writes run through `write`, which sqlite.ts serialises with its other
 * writes; each is one statement or one transaction, so another process on
 * the same file (its writes serialised by SQLite's lock) never sees half.
 */
import type Database from 'better-sqlite3';
import { messageSettingsSchema, type MessageSettings } from '@waystation/domain/messageSettings';
import type { WireDocument } from '@waystation/protocol';
import {
  LOGGED_MESSAGES_KEPT,
  type LoggedMessage,
  type MessageFilter,
  type MessageOutcome,
  type MessageStore,
  type OutboundMessage,
  type QueuedReminder,
} from './messageTypes';
import type { StoredDocument } from './types';

interface MessageRow {
  message_key: string;
  site_id: string;
  household_id: string;
  record_collection: string;
  record_id: string;
  kind: string;
  lead: string;
  event_at: string;
  send_at: string;
  state: string;
  attempts: number;
  next_attempt_at: string;
  channel: string | null;
  language: string | null;
  fallback: number | boolean | null;
  provider: string | null;
  provider_id: string | null;
  failure_reason: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  updated_at: string;
}

function iso(value: string | Date): string {
  return value instanceof Date ? value.toISOString() : value;
}

/** A stored row as the API's message (the row was written by this code: its enums hold). */
export function toMessage(row: Omit<MessageRow, 'event_at' | 'send_at' | 'next_attempt_at' | 'sent_at' | 'delivered_at' | 'updated_at'> & {
  event_at: string | Date;
  send_at: string | Date;
  next_attempt_at: string | Date;
  sent_at: string | Date | null;
  delivered_at: string | Date | null;
  updated_at: string | Date;
}): OutboundMessage {
  const message: OutboundMessage = {
    key: row.message_key,
    siteId: row.site_id,
    householdId: row.household_id,
    recordCollection: row.record_collection as OutboundMessage['recordCollection'],
    recordId: row.record_id,
    kind: row.kind as OutboundMessage['kind'],
    lead: row.lead as OutboundMessage['lead'],
    eventAt: iso(row.event_at),
    sendAt: iso(row.send_at),
    state: row.state as OutboundMessage['state'],
    attempts: Number(row.attempts),
    nextAttemptAt: iso(row.next_attempt_at),
    updatedAt: iso(row.updated_at),
  };
  if (row.channel !== null) message.channel = row.channel as NonNullable<OutboundMessage['channel']>;
  if (row.language !== null) message.language = row.language;
  if (row.fallback !== null) message.fallback = Boolean(row.fallback);
  if (row.provider !== null) message.provider = row.provider;
  if (row.provider_id !== null) message.providerId = row.provider_id;
  if (row.failure_reason !== null) message.failureReason = row.failure_reason;
  if (row.sent_at !== null) message.sentAt = iso(row.sent_at);
  if (row.delivered_at !== null) message.deliveredAt = iso(row.delivered_at);
  return message;
}

/** Stored settings are data from an earlier write: ones that no longer parse read as absent. */
export function storedSettings(value: unknown): MessageSettings | undefined {
  const parsed = messageSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

interface DocRow {
  collection: string;
  id: string;
  seq: number;
  site_id: string;
  deleted: number;
  doc: string;
}

function toStored(row: DocRow): StoredDocument {
  return {
    collection: row.collection,
    id: row.id,
    seq: row.seq,
    siteId: row.site_id,
    deleted: row.deleted === 1,
    doc: JSON.parse(row.doc) as WireDocument,
  };
}

export function sqliteMessages(
  writer: Database.Database,
  reader: Database.Database,
  write: <T>(fn: () => T) => Promise<T>,
): MessageStore {
  return {
    syncHousehold(householdId, planned: readonly QueuedReminder[], at, cancel = {}) {
      return write(() =>
        writer.transaction(() => {
          const insert = writer.prepare(
            `INSERT INTO outbound_messages (message_key, site_id, household_id, record_collection, record_id, kind, lead,
               event_at, send_at, state, attempts, next_attempt_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?, ?)
             ON CONFLICT (message_key) DO NOTHING`,
          );
          let added = 0;
          for (const m of planned) {
            added += insert.run(m.key, m.siteId, m.householdId, m.recordCollection, m.recordId, m.kind, m.lead, m.eventAt, m.sendAt, m.sendAt, at, at).changes;
          }
          const keys = JSON.stringify(planned.map((m) => m.key));
          const cancelled = writer
            .prepare(
              `UPDATE outbound_messages SET state = 'cancelled', updated_at = ?,
                 failure_reason = CASE WHEN message_key IN (SELECT value FROM json_each(?)) THEN 'consent_withdrawn' ELSE ? END
               WHERE household_id = ? AND state = 'queued' AND message_key NOT IN (SELECT value FROM json_each(?))`,
            )
            .run(at, JSON.stringify(cancel.withdrawnKeys ?? []), cancel.reason ?? 'no_longer_planned', householdId, keys).changes;
          return { added, cancelled };
        }).immediate(),
      );
    },

    claimDue(worker, now, claimUntil, limit) {
      return write(() =>
        writer
          .prepare<[string, string, string, string, number], MessageRow>(
            `UPDATE outbound_messages
             SET state = 'sending', claimed_by = ?, claimed_until = ?, attempts = attempts + 1, updated_at = ?
             WHERE message_key IN (
               SELECT message_key FROM outbound_messages
               WHERE state = 'queued' AND next_attempt_at <= ?
               ORDER BY next_attempt_at, message_key LIMIT ?)
             AND state = 'queued'
             RETURNING *`,
          )
          .all(worker, claimUntil, now, now, limit)
          .map(toMessage),
      );
    },

    failExpiredClaims(now) {
      return write(() =>
        writer
          .prepare<[string, string], MessageRow>(
            `UPDATE outbound_messages
             SET state = 'failed', failure_reason = 'outcome_unknown', claimed_by = NULL, claimed_until = NULL, updated_at = ?
             WHERE state = 'sending' AND claimed_until < ?
             RETURNING *`,
          )
          .all(now, now)
          .map(toMessage),
      );
    },

    finish(key, worker, outcome: MessageOutcome, at) {
      return write(() => {
        const claimed = 'WHERE message_key = ? AND claimed_by = ? AND state = \'sending\'';
        let changes = 0;
        switch (outcome.state) {
          case 'sent':
            changes = writer
              .prepare(
                `UPDATE outbound_messages SET state = 'sent', sent_at = ?, provider = ?, provider_id = ?, channel = ?,
                   language = ?, fallback = ?, failure_reason = NULL, claimed_by = NULL, claimed_until = NULL, updated_at = ? ${claimed}`,
              )
              .run(outcome.at, outcome.provider, outcome.providerId, outcome.channel, outcome.language, outcome.fallback ? 1 : 0, at, key, worker).changes;
            break;
          case 'queued':
            changes = writer
              .prepare(
                `UPDATE outbound_messages SET state = 'queued', next_attempt_at = ?, failure_reason = ?,
                   claimed_by = NULL, claimed_until = NULL, updated_at = ? ${claimed}`,
              )
              .run(outcome.nextAttemptAt, outcome.reason, at, key, worker).changes;
            break;
          case 'failed':
          case 'cancelled':
            changes = writer
              .prepare(
                `UPDATE outbound_messages SET state = ?, failure_reason = ?, claimed_by = NULL, claimed_until = NULL, updated_at = ? ${claimed}`,
              )
              .run(outcome.state, outcome.reason, at, key, worker).changes;
            break;
        }
        return changes === 1;
      });
    },

    reportDelivery(providerId, report, at) {
      return write(() => {
        const row = writer
          .prepare<[string, string | null, string, string, string, string], MessageRow>(
            `UPDATE outbound_messages
             SET state = ?, failure_reason = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? ELSE delivered_at END, updated_at = ?
             WHERE provider_id = ? AND state IN ('sent', 'delivered', 'failed')
             RETURNING *`,
          )
          .get(report.state, report.reason ?? null, report.state, at, at, providerId);
        return row ? toMessage(row) : undefined;
      });
    },

    async getMessage(key) {
      const row = reader.prepare<[string], MessageRow>('SELECT * FROM outbound_messages WHERE message_key = ?').get(key);
      return row ? toMessage(row) : undefined;
    },

    async listMessages(filter: MessageFilter) {
      const where: string[] = [];
      const params: (string | number)[] = [];
      if (filter.householdId !== undefined) {
        where.push('household_id = ?');
        params.push(filter.householdId);
      }
      if (filter.siteIds !== undefined) {
        where.push('site_id IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(filter.siteIds));
      }
      if (filter.states !== undefined) {
        where.push('state IN (SELECT value FROM json_each(?))');
        params.push(JSON.stringify(filter.states));
      }
      params.push(filter.limit);
      return reader
        .prepare<(string | number)[], MessageRow>(
          `SELECT * FROM outbound_messages ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY ${filter.order === 'updated' ? 'updated_at' : 'send_at'} DESC, message_key LIMIT ?`,
        )
        .all(...params)
        .map(toMessage);
    },

    async countSentSince(siteId, since) {
      const row = reader
        .prepare<[string, string], { n: number }>(
          'SELECT count(*) AS n FROM outbound_messages WHERE site_id = ? AND sent_at >= ?',
        )
        .get(siteId, since);
      return row?.n ?? 0;
    },

    async householdDocuments(collection, householdId) {
      return reader
        .prepare<[string, string], DocRow>(
          `SELECT * FROM documents WHERE collection = ? AND json_extract(doc, '$.householdId') = ? AND deleted = 0`,
        )
        .all(collection, householdId)
        .map(toStored);
    },

    async byMessagingPhone(collection, phone) {
      return reader
        .prepare<[string, string], DocRow>(
          `SELECT * FROM documents WHERE collection = ? AND json_extract(doc, '$.messaging.phone') = ? AND deleted = 0`,
        )
        .all(collection, phone)
        .map(toStored);
    },

    async getSettings(siteId) {
      const row = reader
        .prepare<[string], { settings: string }>('SELECT settings FROM message_settings WHERE site_id = ?')
        .get(siteId);
      return row ? storedSettings(JSON.parse(row.settings)) : undefined;
    },

    putSettings(siteId, settings, by, at) {
      return write(() => {
        writer
          .prepare(
            `INSERT INTO message_settings (site_id, settings, updated_at, updated_by) VALUES (?, ?, ?, ?)
             ON CONFLICT (site_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          )
          .run(siteId, JSON.stringify(settings), at, by);
      });
    },

    keepLogged(message) {
      return write(() =>
        writer.transaction(() => {
          writer
            .prepare(
              `INSERT INTO logged_messages (message_key, site_id, recipient, channel, body, logged_at) VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (message_key) DO NOTHING`,
            )
            .run(message.key, message.siteId, message.to, message.channel, message.body, message.at);
          writer
            .prepare(
              `DELETE FROM logged_messages WHERE site_id = ? AND message_key NOT IN (
                 SELECT message_key FROM logged_messages WHERE site_id = ? ORDER BY logged_at DESC, message_key DESC LIMIT ?)`,
            )
            .run(message.siteId, message.siteId, LOGGED_MESSAGES_KEPT);
        })(),
      );
    },

    async listLogged(siteIds, limit) {
      const rows = reader
        .prepare<[string | null, string, number], { message_key: string; site_id: string; recipient: string; channel: string; body: string; logged_at: string }>(
          `SELECT * FROM logged_messages WHERE (? IS NULL OR site_id IN (SELECT value FROM json_each(?)))
           ORDER BY logged_at DESC, message_key DESC LIMIT ?`,
        )
        .all(siteIds ? 'some' : null, JSON.stringify(siteIds ?? []), limit);
      return rows.map(
        (row): LoggedMessage => ({ key: row.message_key, siteId: row.site_id, to: row.recipient, channel: row.channel, body: row.body, at: row.logged_at }),
      );
    },

    forgetLogged(groupIds) {
      return write(
        () =>
          writer
            .prepare(
              `DELETE FROM logged_messages WHERE message_key IN (
                 SELECT message_key FROM outbound_messages WHERE household_id IN (SELECT value FROM json_each(?)))`,
            )
            .run(JSON.stringify(groupIds)).changes,
      );
    },

    async cursor(collection) {
      const row = reader.prepare<[string], { seq: number }>('SELECT seq FROM message_cursor WHERE collection = ?').get(collection);
      return row?.seq ?? 0;
    },

    setCursor(collection, seq) {
      return write(() => {
        writer
          .prepare(
            `INSERT INTO message_cursor (collection, seq) VALUES (?, ?)
             ON CONFLICT (collection) DO UPDATE SET seq = max(seq, excluded.seq)`,
          )
          .run(collection, seq);
      });
    },
  };
}

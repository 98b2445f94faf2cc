/**
 * The outbound message queue in the SQLite store (see messageTypes.ts): the
 * statements of messageQueries.ts, plus the claim and the lookups inside a
 * record's JSON. Writes run through `write`, which sqlite.ts serialises with
 * its other writes; each is one statement or one transaction, so another
 * process on the same file (its writes serialised by SQLite's lock) never
 * sees half.
 */
import type Database from 'better-sqlite3';
import type { WireDocument } from '@waystation/protocol';
import { messageQueries } from './messageQueries';
import type { MessageStore, QueuedReminder } from './messageTypes';
import { cached, first, rows, run } from './sqliteStatements';
import type { StoredDocument } from './types';

const q = messageQueries('sqlite');

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
        writer
          .transaction(() => {
            const added = planned.length === 0 ? 0 : run(writer, q.queueReminders(planned, at));
            const cancelled = run(writer, q.cancelUnplanned(householdId, planned, at, cancel));
            return { added, cancelled };
          })
          .immediate(),
      );
    },

    claimDue(worker, now, claimUntil, limit) {
      // SQLite has one writer at a time: the subquery and the update see the same rows.
      return write(() =>
        cached<[string, string, string, string, number], Record<string, unknown>>(
          writer,
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
          .map(q.toMessage),
      );
    },

    failExpiredClaims(now) {
      return write(() => rows(writer, q.failExpiredClaims(now)).map(q.toMessage));
    },

    finish(key, worker, outcome, at) {
      return write(() => run(writer, q.finish(key, worker, outcome, at)) === 1);
    },

    reportDelivery(providerId, report, at) {
      return write(() => first(writer, q.reportDelivery(providerId, report, at), q.toMessage));
    },

    async getMessage(key) {
      return first(reader, q.getMessage(key), q.toMessage);
    },

    async listMessages(filter) {
      return rows(reader, q.listMessages(filter)).map(q.toMessage);
    },

    async countSentSince(siteId, since) {
      return first(reader, q.countSentSince(siteId, since), (row) => Number(row.n)) ?? 0;
    },

    async householdDocuments(collection, householdId) {
      return cached<[string, string], DocRow>(
        reader,
        `SELECT * FROM documents WHERE collection = ? AND json_extract(doc, '$.householdId') = ? AND deleted = 0`,
      )
        .all(collection, householdId)
        .map(toStored);
    },

    async byMessagingPhone(collection, phone) {
      return cached<[string, string], DocRow>(
        reader,
        `SELECT * FROM documents WHERE collection = ? AND json_extract(doc, '$.messaging.phone') = ? AND deleted = 0`,
      )
        .all(collection, phone)
        .map(toStored);
    },

    async getSettings(siteId) {
      return first(reader, q.getSettings(siteId), q.toSettings);
    },

    putSettings(siteId, settings, by, at) {
      return write(() => {
        run(writer, q.putSettings(siteId, settings, by, at));
      });
    },

    keepLogged(message) {
      return write(() =>
        writer.transaction(() => {
          run(writer, q.keepLogged(message));
          run(writer, q.trimLogged(message.siteId));
        })(),
      );
    },

    async listLogged(siteIds, limit) {
      return rows(reader, q.listLogged(siteIds, limit)).map(q.toLogged);
    },

    forgetLogged(groupIds) {
      return write(() => (groupIds.length === 0 ? 0 : run(writer, q.forgetLogged(groupIds))));
    },

    async cursor(collection) {
      return first(reader, q.cursor(collection), (row) => Number(row.seq)) ?? 0;
    },

    setCursor(collection, seq) {
      return write(() => {
        run(writer, q.setCursor(collection, seq));
      });
    },
  };
}

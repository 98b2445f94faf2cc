/**
 * The documents' and the audit log's rows and how they become records,
 * written once for both stores. As in accountRows.ts, each store gives how
 * its columns read (PostgreSQL: bigint as text, booleans, parsed jsonb, Date;
 * SQLite: numbers, 0/1, JSON as text, ISO text).
 */
import type { WireDocument } from '@waystation/protocol';
import { currentShape } from './currentShape';
import type { ColumnReaders, Columns } from './columns';
import type { AuditEntry, StoredDocument } from './types';

export interface DocumentRow<C extends Columns> {
  collection: string;
  id: string;
  seq: C['int64'];
  site_id: string;
  deleted: C['bool'];
  doc: C['json'];
}

export interface AuditRow<C extends Columns> {
  id: C['int64'];
  at: C['time'];
  user_id: string;
  device_id: string;
  action: string;
  collection: string | null;
  record_id: string | null;
  site_id: string | null;
  details: C['json'] | null;
}

export function documentMappers<C extends Columns>(read: ColumnReaders<C>) {
  /** Stored JSON is data from an earlier write: check it is still the shape we rely on. */
  function toStoredDocument(row: DocumentRow<C>): StoredDocument {
    const doc: unknown = read.json(row.doc);
    if (
      typeof doc !== 'object' ||
      doc === null ||
      Array.isArray(doc) ||
      (doc as { id?: unknown }).id !== row.id
    ) {
      throw new Error(`Stored document ${row.collection}/${row.id} is corrupt`);
    }
    return {
      collection: row.collection,
      id: row.id,
      seq: read.int64(row.seq),
      siteId: row.site_id,
      deleted: read.bool(row.deleted),
      doc: currentShape(row.collection, doc as WireDocument),
    };
  }

  function toAuditEntry(row: AuditRow<C>): AuditEntry {
    const entry: AuditEntry = {
      id: read.int64(row.id),
      at: read.time(row.at),
      userId: row.user_id,
      deviceId: row.device_id,
      action: row.action,
    };
    if (row.collection !== null) entry.collection = row.collection;
    if (row.record_id !== null) entry.recordId = row.record_id;
    if (row.site_id !== null) entry.siteId = row.site_id;
    if (row.details !== null) entry.details = read.json(row.details) as Record<string, unknown>;
    return entry;
  }

  return { toStoredDocument, toAuditEntry };
}

/**
 * An erasure as a row of the `erasures` table, the same in both stores: the
 * column values a write binds, in the order both stores' INSERT names them,
 * and the record read back from a row whose times are ISO strings and whose
 * `erased` counts are parsed (each store does that conversion first).
 */
import type { ErasureRecord, ErasureSubject } from './types';

export interface ErasureRow {
  id: string;
  subject_collection: string;
  subject_id: string;
  site_id: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  erased: Record<string, number> | null;
}

/** The columns an INSERT lists, in this order. */
export const ERASURE_COLUMNS =
  'id, subject_collection, subject_id, site_id, reason, requested_by, requested_at, confirmed_by, confirmed_at, erased';

/** Values for ERASURE_COLUMNS; `erased` as JSON text (SQLite stores it so, PostgreSQL casts it to jsonb). */
export function erasureValues(erasure: ErasureRecord): (string | null)[] {
  return [
    erasure.id,
    erasure.subjectCollection,
    erasure.subjectId,
    erasure.siteId,
    erasure.reason,
    erasure.requestedBy,
    erasure.requestedAt,
    erasure.confirmedBy ?? null,
    erasure.confirmedAt ?? null,
    erasure.erased === undefined ? null : JSON.stringify(erasure.erased),
  ];
}

export function erasureFromRow(row: ErasureRow): ErasureRecord {
  const erasure: ErasureRecord = {
    id: row.id,
    subjectCollection: row.subject_collection as ErasureSubject,
    subjectId: row.subject_id,
    siteId: row.site_id,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
  };
  if (row.confirmed_by !== null) erasure.confirmedBy = row.confirmed_by;
  if (row.confirmed_at !== null) erasure.confirmedAt = row.confirmed_at;
  if (row.erased !== null) erasure.erased = row.erased;
  return erasure;
}

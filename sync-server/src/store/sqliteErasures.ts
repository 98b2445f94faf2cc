/**
 * Erasures in the SQLite store: statements only. sqlite.ts decides which
 * connection runs them and serialises writes; see types.ts.
 */
import type Database from 'better-sqlite3';
import { REDACTED_DETAILS, type ErasureRecord, type ErasureSubject } from './types';

interface ErasureRow {
  id: string;
  subject_collection: string;
  subject_id: string;
  site_id: string;
  reason: string;
  requested_by: string;
  requested_at: string;
  confirmed_by: string | null;
  confirmed_at: string | null;
  erased: string | null;
}

function toErasure(row: ErasureRow): ErasureRecord {
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
  if (row.erased !== null) erasure.erased = JSON.parse(row.erased) as Record<string, number>;
  return erasure;
}

export function sqliteGetErasure(db: Database.Database, id: string): ErasureRecord | undefined {
  const row = db.prepare<[string], ErasureRow>('SELECT * FROM erasures WHERE id = ?').get(id);
  return row ? toErasure(row) : undefined;
}

export function sqliteListErasures(db: Database.Database): ErasureRecord[] {
  return db
    .prepare<[], ErasureRow>('SELECT * FROM erasures ORDER BY requested_at DESC, id')
    .all()
    .map(toErasure);
}

export function sqlitePutErasure(db: Database.Database, erasure: ErasureRecord): void {
  db.prepare(
    `INSERT OR REPLACE INTO erasures
       (id, subject_collection, subject_id, site_id, reason, requested_by, requested_at, confirmed_by, confirmed_at, erased)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
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
  );
}

export function sqliteRedactAudit(db: Database.Database, collection: string, recordIds: readonly string[]): number {
  const redact = db.prepare(
    `UPDATE audit SET details = ? WHERE collection = ? AND record_id = ? AND details IS NOT ?`,
  );
  const marker = JSON.stringify(REDACTED_DETAILS);
  let changed = 0;
  for (const id of recordIds) changed += redact.run(marker, collection, id, marker).changes;
  return changed;
}

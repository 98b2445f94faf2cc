/**
 * Erasures in the SQLite store: statements only. sqlite.ts decides which
 * connection runs them and serialises writes; see types.ts.
 */
import type Database from 'better-sqlite3';
import { ERASURE_COLUMNS, erasureFromRow, erasureValues, type ErasureRow } from './erasureRows';
import { REDACTED_DETAILS, type ErasureRecord } from './types';

/** As SQLite returns it: `erased` is JSON text. */
type SqliteErasureRow = Omit<ErasureRow, 'erased'> & { erased: string | null };

function toErasure(row: SqliteErasureRow): ErasureRecord {
  return erasureFromRow({
    ...row,
    erased: row.erased === null ? null : (JSON.parse(row.erased) as Record<string, number>),
  });
}

export function sqliteGetErasure(db: Database.Database, id: string): ErasureRecord | undefined {
  const row = db.prepare<[string], SqliteErasureRow>('SELECT * FROM erasures WHERE id = ?').get(id);
  return row ? toErasure(row) : undefined;
}

export function sqliteListErasures(db: Database.Database): ErasureRecord[] {
  return db
    .prepare<[], SqliteErasureRow>('SELECT * FROM erasures ORDER BY requested_at DESC, id')
    .all()
    .map(toErasure);
}

export function sqlitePutErasure(db: Database.Database, erasure: ErasureRecord): void {
  db.prepare(
    `INSERT OR REPLACE INTO erasures (${ERASURE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(...erasureValues(erasure));
}

export function sqliteRedactAudit(
  db: Database.Database,
  collection: string,
  recordIds: readonly string[],
): number {
  const redact = db.prepare(
    `UPDATE audit SET details = ? WHERE collection = ? AND record_id = ? AND details IS NOT ?`,
  );
  const marker = JSON.stringify(REDACTED_DETAILS);
  let changed = 0;
  for (const id of recordIds) changed += redact.run(marker, collection, id, marker).changes;
  return changed;
}

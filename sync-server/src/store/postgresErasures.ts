/**
 * Erasures in the PostgreSQL store. Each function runs on what it is given:
 * the pool for a read, a transaction's client for writes that commit with
 * the tombstones and the audit entry. See types.ts.
 */
import { escapeIdentifier } from 'pg';
import { REDACTED_DETAILS, type ErasureRecord, type ErasureSubject } from './types';

interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

interface ErasureRow {
  id: string;
  subject_collection: string;
  subject_id: string;
  site_id: string;
  reason: string;
  requested_by: string;
  requested_at: Date;
  confirmed_by: string | null;
  confirmed_at: Date | null;
  /** jsonb: node-postgres parses it. */
  erased: Record<string, number> | null;
}

function toErasure(row: ErasureRow): ErasureRecord {
  const erasure: ErasureRecord = {
    id: row.id,
    subjectCollection: row.subject_collection as ErasureSubject,
    subjectId: row.subject_id,
    siteId: row.site_id,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at.toISOString(),
  };
  if (row.confirmed_by !== null) erasure.confirmedBy = row.confirmed_by;
  if (row.confirmed_at !== null) erasure.confirmedAt = row.confirmed_at.toISOString();
  if (row.erased !== null) erasure.erased = row.erased;
  return erasure;
}

export function postgresErasures(schema: string) {
  const s = escapeIdentifier(schema);
  const erasures = `${s}.erasures`;
  const audit = `${s}.audit`;

  return {
    async get(db: Queryable, id: string, forUpdate: boolean): Promise<ErasureRecord | undefined> {
      const result = await db.query<ErasureRow>(
        `SELECT * FROM ${erasures} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
        [id],
      );
      const row = result.rows[0];
      return row ? toErasure(row) : undefined;
    },
    async list(db: Queryable): Promise<ErasureRecord[]> {
      const result = await db.query<ErasureRow>(`SELECT * FROM ${erasures} ORDER BY requested_at DESC, id`);
      return result.rows.map(toErasure);
    },
    async put(db: Queryable, erasure: ErasureRecord): Promise<void> {
      await db.query(
        `INSERT INTO ${erasures}
           (id, subject_collection, subject_id, site_id, reason, requested_by, requested_at, confirmed_by, confirmed_at, erased)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
         ON CONFLICT (id) DO UPDATE SET confirmed_by = excluded.confirmed_by,
           confirmed_at = excluded.confirmed_at, erased = excluded.erased`,
        [
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
        ],
      );
    },
    async redactAudit(db: Queryable, collection: string, recordIds: readonly string[]): Promise<number> {
      if (recordIds.length === 0) return 0;
      const result = await db.query(
        `UPDATE ${audit} SET details = $1::jsonb
         WHERE collection = $2 AND record_id = ANY($3::text[]) AND details IS DISTINCT FROM $1::jsonb`,
        [JSON.stringify(REDACTED_DETAILS), collection, recordIds],
      );
      return result.rowCount ?? 0;
    },
  };
}

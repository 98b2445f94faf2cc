/**
 * Erasures in the PostgreSQL store. Each function runs on what it is given:
 * the pool for a read, a transaction's client for writes that commit with
 * the tombstones and the audit entry. See types.ts.
 */
import { escapeIdentifier } from 'pg';
import { ERASURE_COLUMNS, erasureFromRow, erasureValues, type ErasureRow } from './erasureRows';
import { REDACTED_DETAILS, type ErasureRecord } from './types';

interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

/** As node-postgres returns it: times as Dates, `erased` (jsonb) already parsed. */
type PostgresErasureRow = Omit<ErasureRow, 'requested_at' | 'confirmed_at'> & {
  requested_at: Date;
  confirmed_at: Date | null;
};

function toErasure(row: PostgresErasureRow): ErasureRecord {
  return erasureFromRow({
    ...row,
    requested_at: row.requested_at.toISOString(),
    confirmed_at: row.confirmed_at === null ? null : row.confirmed_at.toISOString(),
  });
}

export function postgresErasures(schema: string) {
  const s = escapeIdentifier(schema);
  const erasures = `${s}.erasures`;
  const audit = `${s}.audit`;

  return {
    async get(db: Queryable, id: string, forUpdate: boolean): Promise<ErasureRecord | undefined> {
      const result = await db.query<PostgresErasureRow>(
        `SELECT * FROM ${erasures} WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
        [id],
      );
      const row = result.rows[0];
      return row ? toErasure(row) : undefined;
    },
    async list(db: Queryable): Promise<ErasureRecord[]> {
      const result = await db.query<PostgresErasureRow>(
        `SELECT * FROM ${erasures} ORDER BY requested_at DESC, id`,
      );
      return result.rows.map(toErasure);
    },
    async put(db: Queryable, erasure: ErasureRecord): Promise<void> {
      await db.query(
        `INSERT INTO ${erasures} (${ERASURE_COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
         ON CONFLICT (id) DO UPDATE SET confirmed_by = excluded.confirmed_by,
           confirmed_at = excluded.confirmed_at, erased = excluded.erased`,
        erasureValues(erasure),
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

/**
 * Erasures (a person's or a family's, asked by one coordinator and carried out
 * when another confirms) and the redaction of the audit details they leave
 * behind, written once for both databases (see dialect.ts). Each store runs
 * them inside its transaction with the tombstones and the audit entry.
 */
import { compilerFor, CODECS, type Dialect, type Row } from './dialect';
import { REDACTED_DETAILS, type ErasureRecord, type ErasureSubject } from './types';

interface ErasureTables {
  erasures: {
    id: string;
    subject_collection: string;
    subject_id: string;
    site_id: string;
    reason: string;
    requested_by: string;
    requested_at: unknown;
    confirmed_by: string | null;
    confirmed_at: unknown;
    erased: unknown;
  };
  audit: {
    collection: string | null;
    record_id: string | null;
    details: unknown;
  };
}

export function erasureQueries(dialect: Dialect, schema?: string) {
  const db = compilerFor<ErasureTables>(dialect, schema);
  const codec = CODECS[dialect];
  const given = (value: unknown) => value !== null && value !== undefined;

  function toErasure(row: Row): ErasureRecord {
    const erasure: ErasureRecord = {
      id: String(row.id),
      subjectCollection: row.subject_collection as ErasureSubject,
      subjectId: String(row.subject_id),
      siteId: String(row.site_id),
      reason: String(row.reason),
      requestedBy: String(row.requested_by),
      requestedAt: codec.readTime(row.requested_at),
    };
    if (given(row.confirmed_by)) erasure.confirmedBy = String(row.confirmed_by);
    if (given(row.confirmed_at)) erasure.confirmedAt = codec.readTime(row.confirmed_at);
    if (given(row.erased)) erasure.erased = codec.readJson(row.erased) as Record<string, number>;
    return erasure;
  }

  return {
    toErasure,
    /** PostgreSQL locks the row for the confirming transaction; SQLite's write transaction holds the database. */
    getErasure: (id: string, forUpdate: boolean) => {
      const query = db.selectFrom('erasures').selectAll().where('id', '=', id);
      return (forUpdate && dialect === 'postgres' ? query.forUpdate() : query).compile();
    },
    listErasures: () =>
      db.selectFrom('erasures').selectAll().orderBy('requested_at', 'desc').orderBy('id').compile(),
    /** A request, or its confirmation: what was asked never changes, the confirmation is added. */
    putErasure: (erasure: ErasureRecord) =>
      db
        .insertInto('erasures')
        .values({
          id: erasure.id,
          subject_collection: erasure.subjectCollection,
          subject_id: erasure.subjectId,
          site_id: erasure.siteId,
          reason: erasure.reason,
          requested_by: erasure.requestedBy,
          requested_at: erasure.requestedAt,
          confirmed_by: erasure.confirmedBy ?? null,
          confirmed_at: erasure.confirmedAt ?? null,
          erased: erasure.erased === undefined ? null : codec.json(erasure.erased),
        })
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((eb) => ({
            confirmed_by: eb.ref('excluded.confirmed_by'),
            confirmed_at: eb.ref('excluded.confirmed_at'),
            erased: eb.ref('excluded.erased'),
          })),
        )
        .compile(),
    /** The details of the records' audit entries become the redaction marker; the entries stay. Ids: at least one. */
    redactAudit: (collection: string, recordIds: readonly string[]) => {
      const marker = codec.json(REDACTED_DETAILS);
      return db
        .updateTable('audit')
        .set({ details: marker })
        .where('collection', '=', collection)
        .where('record_id', 'in', [...recordIds])
        .where('details', 'is distinct from', marker)
        .compile();
    },
  };
}

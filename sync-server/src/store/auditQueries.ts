/**
 * Reading the audit log, written once for both databases (see dialect.ts).
 * Appending stays in each store: it is part of their write paths (group
 * commit; PostgreSQL's batched inserts).
 */
import { sql } from 'kysely';
import { compilerFor, CODECS, type Dialect, type Row } from './dialect';
import type { AuditEntry, AuditFilter } from './types';

interface AuditTables {
  audit: {
    id: unknown;
    at: unknown;
    user_id: string;
    device_id: string;
    action: string;
    collection: string | null;
    record_id: string | null;
    site_id: string | null;
    details: unknown;
  };
}

export function auditQueries(dialect: Dialect, schema?: string) {
  const db = compilerFor<AuditTables>(dialect, schema);
  const codec = CODECS[dialect];

  function toAuditEntry(row: Row): AuditEntry {
    const entry: AuditEntry = {
      id: codec.readInt(row.id),
      at: codec.readTime(row.at),
      userId: String(row.user_id),
      deviceId: String(row.device_id),
      action: String(row.action),
    };
    if (row.collection !== null) entry.collection = String(row.collection);
    if (row.record_id !== null) entry.recordId = String(row.record_id);
    if (row.site_id !== null) entry.siteId = String(row.site_id);
    if (row.details !== null) entry.details = codec.readJson(row.details) as Record<string, unknown>;
    return entry;
  }

  /** Newest first. SQLite keeps `at` as ISO 8601 UTC text, so there too text order is time order. */
  function listAudit(filter: AuditFilter) {
    let query = db
      .selectFrom('audit')
      .select([
        'id',
        'at',
        'user_id',
        'device_id',
        'action',
        'collection',
        'record_id',
        'site_id',
        'details',
      ]);
    for (const [column, value] of [
      ['collection', filter.collection],
      ['record_id', filter.recordId],
      ['user_id', filter.userId],
      ['action', filter.action],
    ] as const) {
      if (value !== undefined) query = query.where(column, '=', value);
    }
    if (filter.atFrom !== undefined) query = query.where('at', '>=', filter.atFrom);
    if (filter.atBefore !== undefined) query = query.where('at', '<', filter.atBefore);
    if (filter.siteIds !== undefined) {
      // No sites: no entries (an empty IN list is not SQL).
      query =
        filter.siteIds.length === 0
          ? query.where(sql<boolean>`1 = 0`)
          : query.where('site_id', 'in', [...filter.siteIds]);
    }
    return query.orderBy('id', 'desc').limit(filter.limit).compile();
  }

  return { toAuditEntry, listAudit };
}

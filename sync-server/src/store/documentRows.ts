/**
 * A stored document's row as the record the services use, written once for
 * both stores (what differs in how each database hands back the columns is in
 * dialect.ts: PostgreSQL's bigint as text, booleans and parsed jsonb; SQLite's
 * numbers, 0/1 and JSON text).
 */
import type { WireDocument } from '@waystation/protocol';
import { currentShape } from './currentShape';
import { CODECS, type Dialect } from './dialect';
import type { StoredDocument } from './types';

/** The columns of `documents` a read selects. */
export interface DocumentRow {
  collection: string;
  id: string;
  seq: unknown;
  site_id: string;
  deleted: unknown;
  doc: unknown;
}

export function documentMapper(dialect: Dialect): (row: DocumentRow) => StoredDocument {
  const codec = CODECS[dialect];
  /** Stored JSON is data from an earlier write: check it is still the shape we rely on. */
  return (row) => {
    const doc: unknown = codec.readJson(row.doc);
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
      seq: codec.readInt(row.seq),
      siteId: row.site_id,
      deleted: codec.readBool(row.deleted),
      doc: currentShape(row.collection, doc as WireDocument),
    };
  };
}

/**
 * A person's request (issue 21 item 3): the requests and answers of the
 * subject export and of erasure, shared by the server's routes and the
 * coordinator's screen. What erasure does is in
 * sync-server/src/services/erasure.ts.
 */
import { z } from 'zod';
import { COLLECTIONS, type CollectionName } from './collections';
import { idSchema } from './common';

export const ERASURE_SUBJECTS = ['households', 'people'] as const;
export type ErasureSubjectCollection = (typeof ERASURE_SUBJECTS)[number];

/** The writer named on a tombstone an erasure made (its deviceId): pushes onto it are answered with it. */
export const ERASURE_WRITER = 'erasure';

/** Whether a record is what an erasure left: a deletion written by ERASURE_WRITER. */
export function isErasedTombstone(doc: { _deleted?: unknown; deviceId?: unknown } | undefined): boolean {
  return doc?._deleted === true && doc.deviceId === ERASURE_WRITER;
}

export const subjectSchema = z
  .object({ collection: z.enum(ERASURE_SUBJECTS), id: idSchema })
  .strict();
export type Subject = z.infer<typeof subjectSchema>;

export const erasureRequestSchema = z
  .object({
    subject: subjectSchema,
    /** Why: kept in the audit log after the erasure (who asked, the legal ground, the ticket). */
    reason: z.string().trim().min(10, 'at least 10 characters').max(500),
  })
  .strict();
export type ErasureRequest = z.infer<typeof erasureRequestSchema>;

export const erasureSchema = z.object({
  id: z.string(),
  subject: subjectSchema,
  siteId: z.string(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedAt: z.string(),
  confirmedBy: z.string().optional(),
  confirmedAt: z.string().optional(),
  /** Records made tombstones, by collection (once confirmed). */
  erased: z.record(z.string(), z.number()).optional(),
});
export type Erasure = z.infer<typeof erasureSchema>;
export const erasureListSchema = z.object({ erasures: z.array(erasureSchema) });

/** Everything the server holds about a household or person: each collection's records and the audit entries about them. */
export const subjectExportSchema = z.object({
  subject: subjectSchema,
  generatedAt: z.string(),
  generatedBy: z.string(),
  records: z.record(z.string(), z.array(z.record(z.string(), z.unknown()))),
  audit: z.array(
    z.object({
      at: z.string(),
      userId: z.string(),
      deviceId: z.string(),
      action: z.string(),
      collection: z.string().optional(),
      recordId: z.string().optional(),
      details: z.unknown().optional(),
    }),
  ),
});
export type SubjectExport = z.infer<typeof subjectExportSchema>;

/** Links a tombstone keeps: ids, never content. */
const TOMBSTONE_LINKS = ['householdId', 'personId', 'recordId', 'recordCollection', 'collection'] as const;
/** Index keys computed from names: emptied on a tombstone. */
const NAME_KEYS = new Set(['nameKey', 'familyKey']);

/**
 * A deletion of a record that keeps only ids, links, times and the index
 * keys a device needs (no names, dates, notes or hashes): what an erasure
 * writes on the server, and what a device receives or writes for a record
 * that left its scope (deviceScope.ts).
 */
export function contentFreeTombstone<D extends { id: string } & Record<string, unknown>>(
  collection: CollectionName,
  doc: D,
  written: { at: string; by: string; writer: string },
): { id: string; _deleted: true } & Record<string, unknown> {
  const tombstone: { id: string; _deleted: true } & Record<string, unknown> = {
    id: doc.id,
    siteId: doc.siteId,
    createdAt: doc.createdAt,
    updatedAt: written.at,
    updatedBy: written.by,
    deviceId: written.writer,
    _deleted: true,
  };
  for (const link of TOMBSTONE_LINKS) if (typeof doc[link] === 'string') tombstone[link] = doc[link];
  // The device indexes these fields and needs a value; none but the name keys says who the person is.
  for (const field of COLLECTIONS[collection].indexes.flat()) {
    if (field in tombstone) continue;
    tombstone[field] = NAME_KEYS.has(field) ? '' : doc[field];
  }
  return tombstone;
}

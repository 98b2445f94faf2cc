import { z } from 'zod';
import { idSchema, isoDateTime, recordMetaShape, WRITE_META_KEYS } from './common';

/**
 * A same-field clash found by the server's three-way merge. The server keeps
 * one value in the record (the one already committed) and records both here;
 * a coordinator resolves it with an ordinary synced edit.
 * Values are JSON-encoded so that any field type fits one schema.
 */
export const conflictSideSchema = z
  .object({
    valueJson: z.string().max(100_000),
    userId: z.string().max(64),
    deviceId: z.string().max(64),
    at: isoDateTime,
  })
  .strict();

export const conflictSchema = z
  .object({
    ...recordMetaShape,
    /** The collection of the record in conflict (not `collection`: RxDB documents reserve that name). */
    recordCollection: z.string().max(40),
    recordId: idSchema,
    /** Dotted path of the field inside the record, e.g. "sponsor.phone". */
    field: z.string().max(200),
    baseJson: z.string().max(100_000).optional(),
    kept: conflictSideSchema,
    rejected: conflictSideSchema,
    status: z.enum(['open', 'resolved']),
    resolution: z
      .object({ valueJson: z.string().max(100_000), by: z.string().max(64), at: isoDateTime })
      .strict()
      .optional(),
  })
  .strict();

export type Conflict = z.infer<typeof conflictSchema>;
export type ConflictSide = z.infer<typeof conflictSideSchema>;

/**
 * The `field` of a delete-versus-edit conflict: one device deleted the record
 * while another, not knowing, changed what it says. The record stays deleted
 * until someone decides. Encoding (server: sync-server/src/services/reconcile.ts):
 *  - kept: the deletion, valueJson 'true', with its writer, device and time;
 *  - rejected: the edit, valueJson = stable JSON of the edited record's
 *    content (recordContent), with its writer, device and time;
 *  - baseJson: the content both sides started from (absent when the edit was
 *    made on no known version).
 * Restoring is an ordinary write of the record with the edited content and
 * `_deleted: false`; confirming leaves the record deleted.
 */
export const DELETED_FIELD = '_deleted';

/** Fields that say which record it is and who wrote it last, not what it says. */
const NOT_CONTENT = new Set<string>(['id', 'siteId', 'createdAt', ...WRITE_META_KEYS, '_deleted']);

/** What a record says: its fields without id, site, creation time, write metadata and deletion flag. */
export function recordContent(doc: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(doc).filter(([key, value]) => !NOT_CONTENT.has(key) && value !== undefined),
  );
}

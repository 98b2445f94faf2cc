/**
 * Building blocks shared by every record type. A record on the wire and on the
 * device is a flat JSON object with these metadata fields plus its own; the
 * replication layer adds `_deleted` (records are never hard-deleted).
 */
import { z } from 'zod';

export const idSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, "-" and "_" only');

/**
 * A map keyed by entry id with at most `max` entries: every map a device
 * sends is bounded by what a person could produce, so a forged record cannot
 * make the server (and every device that pulls it) hold millions of entries.
 */
export function boundedRecord<V extends z.ZodType>(value: V, max: number) {
  return z
    .record(idSchema, value)
    .refine((entries) => Object.keys(entries).length <= max, `at most ${max} entries`);
}

export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

/** Fields every synced record carries. `updatedAt/By` and `deviceId` describe the last write. */
export const recordMetaShape = {
  id: idSchema,
  siteId: idSchema,
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  updatedBy: z.string().min(1).max(64),
  deviceId: z.string().min(1).max(64),
};

/**
 * Metadata that describes *who wrote last*, not what the record says. The merge
 * never reports a clash on these: they follow the write that changed content.
 */
export const WRITE_META_KEYS = ['updatedAt', 'updatedBy', 'deviceId'] as const;

export type RecordMeta = {
  id: string;
  siteId: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  deviceId: string;
};

/** A record as replicated: its fields plus the deletion flag. */
export type WithDeleted<T> = T & { _deleted: boolean };

export function newId(): string {
  return crypto.randomUUID();
}

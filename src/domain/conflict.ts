import { z } from 'zod';
import { idSchema, isoDateTime, recordMetaShape } from './common';

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

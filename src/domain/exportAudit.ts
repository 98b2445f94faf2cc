/**
 * What the app tells the server's audit log when a coordinator exports data
 * (POST /api/audit/exports): which dataset, for which period and site,
 * whether names were included, and how many rows left the device.
 */
import { z } from 'zod';
import { idSchema, isoDate, isoDateTime } from './common';

export const EXPORT_DATASETS = ['households', 'people', 'travelLegs', 'calls'] as const;
export type ExportDataset = (typeof EXPORT_DATASETS)[number];

/** The audit log's action for an export. */
export const EXPORT_AUDIT_ACTION = 'export';

export const exportEventSchema = z
  .object({
    dataset: z.enum(EXPORT_DATASETS),
    from: isoDate,
    to: isoDate,
    siteId: idSchema.optional(),
    withNames: z.boolean(),
    rows: z.number().int().min(0).max(10_000_000),
    /** When the file was made on the device. */
    at: isoDateTime,
  })
  .strict()
  .refine((event) => event.from <= event.to, { message: 'from_after_to', path: ['to'] });
export type ExportEvent = z.infer<typeof exportEventSchema>;

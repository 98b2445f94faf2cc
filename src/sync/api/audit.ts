/**
 * The audit log: the app's reports (sensitive reads, helpline verification
 * attempts, exports) and reading the log (coordinators: their sites;
 * administrators: everything).
 */
import { z } from 'zod';
import { readReportsSchema } from '../../domain/accounts';
import { isTimeZone } from '../../domain/callbackDue';
import { idSchema } from '../../domain/common';
import { exportEventSchema } from '../../domain/exportAudit';
import { auditEventsSchema } from '../../domain/helplineAudit';
import { endpoint } from './endpoint';

/** One entry of the log, as GET /api/audit answers it. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  /** When it happened: the server's clock, or the device's time of opening for a `read`. */
  at: z.string(),
  userId: z.string(),
  deviceId: z.string(),
  /** The name a person gave the device at PIN setup, when it has one. */
  deviceName: z.string().optional(),
  action: z.string(),
  collection: z.string().optional(),
  recordId: z.string().optional(),
  /** The site of the record concerned, when there is one. */
  siteId: z.string().optional(),
  /** A change: field path → [old, new]; other actions: their own details. */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const DEFAULT_AUDIT_LIMIT = 100;
export const MAX_AUDIT_LIMIT = 1000;

/** A calendar day, YYYY-MM-DD, that exists (2026-02-30 does not). */
const auditDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00.000Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, 'a date that exists');

/** The filters of GET /api/audit, as the query string holds them. */
export const auditQuerySchema = z
  .object({
    collection: z.string().min(1).max(40).optional(),
    recordId: idSchema.optional(),
    userId: z.string().min(1).max(64).optional(),
    action: z.string().min(1).max(64).optional(),
    /** First day included, in `timeZone`. */
    from: auditDay.optional(),
    /** Last day included, in `timeZone`. */
    to: auditDay.optional(),
    /**
     * The IANA zone whose days `from` and `to` are: the screen sends the zone
     * it shows the times in, so "2 December" there means midnight to midnight
     * there. UTC when absent.
     */
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'a known time zone (IANA name)').optional(),
    limit: z
      .string()
      .regex(/^\d+$/, 'a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(MAX_AUDIT_LIMIT))
      .optional(),
  })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'the first day comes after the last day',
    path: ['to'],
  });
export type AuditQuery = z.input<typeof auditQuerySchema>;

export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
/** How many reports became entries. */
export const recordedResponseSchema = z.object({ recorded: z.number().int().min(0) });

export const auditEndpoints = {
  list: endpoint({ method: 'GET', path: '/api/audit', query: auditQuerySchema, response: auditResponseSchema }),
  reads: endpoint({ method: 'POST', path: '/api/audit/reads', body: readReportsSchema, response: recordedResponseSchema }),
  events: endpoint({
    method: 'POST',
    path: '/api/audit/events',
    body: auditEventsSchema,
    response: recordedResponseSchema,
  }),
  exports: endpoint({
    method: 'POST',
    path: '/api/audit/exports',
    body: exportEventSchema,
    response: recordedResponseSchema,
  }),
};

/**
 * An audit trail (GET /api/audit) as a timeline a person reads: newest first,
 * one entry per change with each field's old → new value. Pure, so the
 * shaping is tested without a server.
 */
import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.string(),
  deviceId: z.string(),
  action: z.string(),
  collection: z.string().optional(),
  recordId: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditResponseSchema = z.object({ entries: z.array(auditEntrySchema) });

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface TimelineEntry {
  id: number;
  at: string;
  userId: string;
  deviceId: string;
  action: string;
  changes: FieldChange[];
}

/** `change` and `create` entries carry details { field: [old, new] }; other actions have none. */
export function toTimeline(entries: readonly AuditEntry[]): TimelineEntry[] {
  return [...entries]
    .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
    .map((entry) => ({
      id: entry.id,
      at: entry.at,
      userId: entry.userId,
      deviceId: entry.deviceId,
      action: entry.action,
      changes:
        entry.action === 'change' || entry.action === 'create'
          ? Object.entries(entry.details ?? {})
              .filter((pair): pair is [string, [unknown, unknown]] => Array.isArray(pair[1]) && pair[1].length === 2)
              .map(([field, [before, after]]) => ({ field, before, after }))
              .sort((a, b) => a.field.localeCompare(b.field))
          : [],
    }));
}

/**
 * Retention on the server (issue 21 item 2): per collection, how many days a
 * deleted version (its tombstone) is kept after the deletion; a collection
 * left out keeps them for good. Read from WAYSTATION_RETENTION at start
 * (sync-server/src/config.ts), applied by services/retention.ts.
 */
import { z } from 'zod';
import { COLLECTION_NAMES, type CollectionName } from './collections';

export const retentionPolicySchema = z.partialRecord(
  z.enum(COLLECTION_NAMES as [CollectionName, ...CollectionName[]]),
  z.object({ tombstoneDays: z.number().int().min(1).max(36_500) }).strict(),
);
export type RetentionPolicy = z.infer<typeof retentionPolicySchema>;

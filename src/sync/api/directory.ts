/**
 * GET /api/directory: what any signed-in user may know about the
 * organisation, for names and assignment pickers: their sites, those sites'
 * units, and the active people who work there (name, roles, unit; no
 * usernames, no other sites). The app caches the answer for offline use
 * (src/sync/directory.ts) and reads the cache back with the same schema.
 */
import { z } from 'zod';
import { roleSchema, siteSchema, unitSchema } from '../../domain/accounts';
import { idSchema } from '../../domain/common';
import { promiseTemplatesSchema } from '../../domain/promiseTemplates';
import { endpoint } from './endpoint';

export const directoryUserSchema = z.object({
  id: idSchema,
  displayName: z.string(),
  roles: z.array(roleSchema),
  unitId: idSchema.optional(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

/** A site as the directory tells it: a promise sentence this version cannot use is left out, not the whole answer. */
export const directorySiteSchema = siteSchema.extend({
  promiseTemplates: promiseTemplatesSchema.optional().catch(undefined),
});

export const directoryResponseSchema = z.object({
  sites: z.array(directorySiteSchema),
  units: z.array(unitSchema),
  users: z.array(directoryUserSchema),
});
export type DirectoryResponse = z.infer<typeof directoryResponseSchema>;

export const directoryEndpoints = {
  directory: endpoint({ method: 'GET', path: '/api/directory', response: directoryResponseSchema }),
};

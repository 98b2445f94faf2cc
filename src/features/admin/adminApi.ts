/** The admin API (admin role only), called with the in-memory session token. */
import {
  adminUserSchema,
  siteSchema,
  unitSchema,
  type AdminUser,
  type CreateSite,
  type CreateUnit,
  type CreateUser,
  type Site,
  type Unit,
  type UpdateSite,
  type UpdateUnit,
  type UpdateUser,
} from '../../domain/accounts';
import {
  deviceListResponseSchema,
  revokeDeviceResponseSchema,
  type DeviceListResponse,
  type RevokeDevice,
} from '../../domain/devices';
import { z } from 'zod';
import { apiRequest } from '../auth/authApi';
import { baseUrl, currentToken } from '../auth/session';

function call<T>(
  path: string,
  schema: z.ZodType<T>,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  return apiRequest<unknown>(baseUrl(), currentToken(), path, init).then((body) => schema.parse(body));
}

const usersBody = z.object({ users: z.array(adminUserSchema) });
const userBody = z.object({ user: adminUserSchema });
const sitesBody = z.object({ sites: z.array(siteSchema) });
const siteBody = z.object({ site: siteSchema });
const unitsBody = z.object({ units: z.array(unitSchema) });
const unitBody = z.object({ unit: unitSchema });

export const adminApi = {
  listUsers: (): Promise<AdminUser[]> => call('/api/admin/users', usersBody).then((b) => b.users),
  createUser: (input: CreateUser): Promise<AdminUser> =>
    call('/api/admin/users', userBody, { method: 'POST', body: input }).then((b) => b.user),
  updateUser: (id: string, patch: UpdateUser): Promise<AdminUser> =>
    call(`/api/admin/users/${encodeURIComponent(id)}`, userBody, { method: 'PATCH', body: patch }).then(
      (b) => b.user,
    ),
  resetPassword: (id: string, password: string): Promise<AdminUser> =>
    call(`/api/admin/users/${encodeURIComponent(id)}/password`, userBody, {
      method: 'POST',
      body: { password },
    }).then((b) => b.user),
  listSites: (): Promise<Site[]> => call('/api/admin/sites', sitesBody).then((b) => b.sites),
  createSite: (input: CreateSite): Promise<Site> =>
    call('/api/admin/sites', siteBody, { method: 'POST', body: input }).then((b) => b.site),
  updateSite: (id: string, patch: UpdateSite): Promise<Site> =>
    call(`/api/admin/sites/${encodeURIComponent(id)}`, siteBody, { method: 'PATCH', body: patch }).then(
      (b) => b.site,
    ),
  listUnits: (): Promise<Unit[]> => call('/api/admin/units', unitsBody).then((b) => b.units),
  createUnit: (input: CreateUnit): Promise<Unit> =>
    call('/api/admin/units', unitBody, { method: 'POST', body: input }).then((b) => b.unit),
  updateUnit: (id: string, patch: UpdateUnit): Promise<Unit> =>
    call(`/api/admin/units/${encodeURIComponent(id)}`, unitBody, { method: 'PATCH', body: patch }).then(
      (b) => b.unit,
    ),
};

export const deviceApi = {
  list: (staleDays: number): Promise<DeviceListResponse> =>
    call(`/api/admin/devices?staleDays=${staleDays}`, deviceListResponseSchema),
  revoke: (input: RevokeDevice): Promise<{ sessionsEnded: number }> =>
    call('/api/admin/devices/revoke', revokeDeviceResponseSchema, { method: 'POST', body: input }),
};

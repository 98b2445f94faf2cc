/** The administrators' API (admin role only): users, sites, units. */
import { z } from 'zod';
import {
  adminUserSchema,
  createSiteSchema,
  createUnitSchema,
  createUserSchema,
  resetPasswordSchema,
  siteSchema,
  unitSchema,
  updateSiteSchema,
  updateUnitSchema,
  updateUserSchema,
} from '../../domain/accounts';
import { endpoint } from './endpoint';

export const usersResponseSchema = z.object({ users: z.array(adminUserSchema) });
export const userResponseSchema = z.object({ user: adminUserSchema });
export const sitesResponseSchema = z.object({ sites: z.array(siteSchema) });
export const siteResponseSchema = z.object({ site: siteSchema });
export const unitsResponseSchema = z.object({ units: z.array(unitSchema) });
export const unitResponseSchema = z.object({ unit: unitSchema });

export const adminEndpoints = {
  listUsers: endpoint({ method: 'GET', path: '/api/admin/users', response: usersResponseSchema }),
  createUser: endpoint({
    method: 'POST',
    path: '/api/admin/users',
    body: createUserSchema,
    response: userResponseSchema,
    status: 201,
  }),
  updateUser: endpoint({
    method: 'PATCH',
    path: '/api/admin/users/:id',
    body: updateUserSchema,
    response: userResponseSchema,
  }),
  resetPassword: endpoint({
    method: 'POST',
    path: '/api/admin/users/:id/password',
    body: resetPasswordSchema,
    response: userResponseSchema,
  }),
  listSites: endpoint({ method: 'GET', path: '/api/admin/sites', response: sitesResponseSchema }),
  createSite: endpoint({
    method: 'POST',
    path: '/api/admin/sites',
    body: createSiteSchema,
    response: siteResponseSchema,
    status: 201,
  }),
  updateSite: endpoint({
    method: 'PATCH',
    path: '/api/admin/sites/:id',
    body: updateSiteSchema,
    response: siteResponseSchema,
  }),
  listUnits: endpoint({ method: 'GET', path: '/api/admin/units', response: unitsResponseSchema }),
  createUnit: endpoint({
    method: 'POST',
    path: '/api/admin/units',
    body: createUnitSchema,
    response: unitResponseSchema,
    status: 201,
  }),
  updateUnit: endpoint({
    method: 'PATCH',
    path: '/api/admin/units/:id',
    body: updateUnitSchema,
    response: unitResponseSchema,
  }),
};

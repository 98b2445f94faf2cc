/** The admin API (admin role only) and the directory every signed-in user may read. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as admin from '../services/admin';
import type { AdminDeps } from '../services/admin';
import { forbidden } from '../services/access';
import { directoryFor } from '../services/directory';
import { InputError } from '../services/errors';
import { idSchema } from '@waystation/domain/common';
import { API } from '@waystation/protocol/api';
import { principalOf } from './actor';
import { route } from './contract';

function adminOf(request: FastifyRequest) {
  const principal = principalOf(request);
  if (!principal.roles.includes('admin')) throw forbidden('Only administrators may do this');
  return principal;
}

function idParam(request: FastifyRequest): string {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  const parsed = idSchema.safeParse(id);
  if (!parsed.success) throw new InputError('not_found', `There is nothing with id ${JSON.stringify(String(id))}`);
  return parsed.data;
}

export function registerAdminRoutes(app: FastifyInstance, deps: AdminDeps) {
  route(app, API.admin.listUsers, async (request) => {
    adminOf(request);
    return { users: await admin.listUsers(deps) };
  });
  route(app, API.admin.createUser, async (request) => ({
    user: await admin.createUser(deps, adminOf(request), request.body),
  }));
  route(app, API.admin.updateUser, async (request) => {
    const principal = adminOf(request);
    return { user: await admin.updateUser(deps, principal, idParam(request), request.body) };
  });
  route(app, API.admin.resetPassword, async (request) => {
    const principal = adminOf(request);
    return { user: await admin.resetPassword(deps, principal, idParam(request), request.body) };
  });

  route(app, API.admin.listSites, async (request) => {
    adminOf(request);
    return { sites: (await deps.store.listSites()).map(admin.toSite) };
  });
  route(app, API.admin.createSite, async (request) => ({
    site: await admin.createSite(deps, adminOf(request), request.body),
  }));
  route(app, API.admin.updateSite, async (request) => {
    const principal = adminOf(request);
    return { site: await admin.updateSite(deps, principal, idParam(request), request.body) };
  });

  route(app, API.admin.listUnits, async (request) => {
    adminOf(request);
    return { units: (await deps.store.listUnits()).map(admin.toUnit) };
  });
  route(app, API.admin.createUnit, async (request) => ({
    unit: await admin.createUnit(deps, adminOf(request), request.body),
  }));
  route(app, API.admin.updateUnit, async (request) => {
    const principal = adminOf(request);
    return { unit: await admin.updateUnit(deps, principal, idParam(request), request.body) };
  });

  route(app, API.directory, async (request) => directoryFor(deps.store, principalOf(request)));
}

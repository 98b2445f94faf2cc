/** The admin API (admin role only) and the directory every signed-in user may read. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as admin from '../services/admin';
import type { AdminDeps } from '../services/admin';
import { forbidden } from '../services/access';
import { directoryFor } from '../services/directory';
import { InputError } from '../services/errors';
import { idSchema } from '../../../src/domain/common';
import { principalOf } from './actor';

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
  app.get('/api/admin/users', async (request) => {
    adminOf(request);
    return { users: await admin.listUsers(deps) };
  });
  app.post('/api/admin/users', async (request, reply) => {
    const user = await admin.createUser(deps, adminOf(request), request.body);
    return reply.code(201).send({ user });
  });
  app.patch('/api/admin/users/:id', async (request) => {
    const principal = adminOf(request);
    return { user: await admin.updateUser(deps, principal, idParam(request), request.body) };
  });
  app.post('/api/admin/users/:id/password', async (request) => {
    const principal = adminOf(request);
    return { user: await admin.resetPassword(deps, principal, idParam(request), request.body) };
  });

  app.get('/api/admin/sites', async (request) => {
    adminOf(request);
    return { sites: (await deps.store.listSites()).map(admin.toSite) };
  });
  app.post('/api/admin/sites', async (request, reply) => {
    const site = await admin.createSite(deps, adminOf(request), request.body);
    return reply.code(201).send({ site });
  });
  app.patch('/api/admin/sites/:id', async (request) => {
    const principal = adminOf(request);
    return { site: await admin.updateSite(deps, principal, idParam(request), request.body) };
  });

  app.get('/api/admin/units', async (request) => {
    adminOf(request);
    return { units: (await deps.store.listUnits()).map(admin.toUnit) };
  });
  app.post('/api/admin/units', async (request, reply) => {
    const unit = await admin.createUnit(deps, adminOf(request), request.body);
    return reply.code(201).send({ unit });
  });
  app.patch('/api/admin/units/:id', async (request) => {
    const principal = adminOf(request);
    return { unit: await admin.updateUnit(deps, principal, idParam(request), request.body) };
  });

  app.get('/api/directory', async (request) => directoryFor(deps.store, principalOf(request)));
}

/**
 * The HTTP contracts of src/sync/api are what the server answers: every one
 * has its route, and a route encodes its answer with the contract's schema,
 * so a field the contract does not name never leaves the server and an
 * answer the app could not read is a logged server fault, not a 200.
 */
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { API, apiErrorSchema, directoryResponseSchema, endpoint, type Endpoint } from '../../src/sync/api';
import { buildApp } from '../../sync-server/src/app';
import { registerContractSerializer, route } from '../../sync-server/src/routes/contract';
import { registerErrorHandlers } from '../../sync-server/src/routes/errors';
import { authFetch, startTestServer, type TestServer } from '../helpers/testServer';

function endpointsOf(group: Record<string, unknown>): Endpoint[] {
  return Object.values(group).flatMap((value) =>
    value && typeof value === 'object' && 'method' in value && 'path' in value
      ? [value as Endpoint]
      : endpointsOf(value as Record<string, unknown>),
  );
}

describe('HTTP contracts', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('has a route for every contract', async () => {
    const app = buildApp({ store: {} as never });
    await app.ready();
    const endpoints = endpointsOf(API);
    expect(endpoints.length).toBeGreaterThan(25);
    const missing = endpoints.filter((e) => !app.hasRoute({ method: e.method, url: e.path }));
    expect(missing.map((e) => `${e.method} ${e.path}`)).toEqual([]);
    await app.close();
  });

  it("declares the messages routes from their contracts, each answer encoded with the contract's schema", async () => {
    const app = buildApp({ store: {} as never });
    const declared = new Map<string, unknown>();
    app.addHook('onRoute', (options) => {
      const methods = Array.isArray(options.method) ? options.method : [options.method];
      for (const method of methods) declared.set(`${method} ${options.url}`, options.schema?.response);
    });
    await app.ready();
    const contracts = endpointsOf(API.messages).map((e) => `${e.method} ${e.path}`);
    expect(contracts.sort()).toEqual([
      'GET /api/admin/messages/recent',
      'GET /api/messages',
      'GET /api/messages/call',
      'GET /api/messages/failures',
      'GET /api/messages/settings',
      'PUT /api/admin/messages/settings',
    ]);
    // Every signed-in messages route is one of them, with the answer's schema (Twilio's signed webhooks aside).
    const routes = [...declared.keys()].filter(
      (key) => /^(GET|PUT|POST|PATCH) \/api\/(admin\/)?messages/.test(key) && !key.includes('/twilio/'),
    );
    expect(routes.sort()).toEqual(contracts.sort());
    expect(routes.filter((key) => declared.get(key) === undefined)).toEqual([]);
    await app.close();
  });

  it('sends only what the contract names, and refuses to send an answer that does not fit it', async () => {
    const app = Fastify();
    registerContractSerializer(app);
    registerErrorHandlers(app);
    const answer = endpoint({ method: 'GET', path: '/api/example', response: z.object({ name: z.string() }) });
    let reply: unknown = { name: 'Amina', passwordHash: 'argon2id$…' };
    route(app, answer, async () => reply as { name: string });
    const fitting = await app.inject({ method: 'GET', url: '/api/example' });
    expect(fitting.statusCode).toBe(200);
    expect(fitting.json()).toEqual({ name: 'Amina' });

    reply = { name: 42 };
    const broken = await app.inject({ method: 'GET', url: '/api/example' });
    expect(broken.statusCode).toBe(500);
    expect(apiErrorSchema.parse(broken.json()).error).toBe('internal_error');
    await app.close();
  });

  it('answers the directory in its contract, and error answers in the error contract', async () => {
    server = await startTestServer();
    const directory = await authFetch(server, API.directory.path);
    expect(directory.status).toBe(200);
    const parsed = directoryResponseSchema.parse(await directory.json());
    expect(parsed.sites.map((site) => site.id).sort()).toEqual(['site-1', 'site-a']);

    const refused = await authFetch(server, API.admin.listUsers.path);
    expect(refused.status).toBe(403);
    expect(apiErrorSchema.parse(await refused.json()).error).toBe('forbidden');
  });
});

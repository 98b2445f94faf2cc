/**
 * The call-back promise in languages the interface lacks (issue 16 item 5),
 * over real HTTP: an administrator stores a site's sentences, the directory
 * gives them to the site's devices, a sentence without {{due}}, with another
 * placeholder, too long, or for an unknown language is refused and changes
 * nothing; PostgreSQL keeps them too.
 */
import { describe, expect, it } from 'vitest';
import type { DirectoryResponse, Site } from '../../src/domain/accounts';
import type { ApiError } from '../../src/sync/protocol';
import { openPostgresStore } from '../../sync-server/src/store/postgres';
import { createTestPostgres } from '../helpers/postgres';
import {
  authFetch,
  createUser,
  readJson,
  serversClosedAfterEach,
  type Client,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer | undefined;
const startServer = serversClosedAfterEach();

function send(client: Client, method: string, path: string, body?: unknown) {
  return authFetch(client, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

const SOMALI = 'Waan kuu soo wici doonaa ka hor {{due}}.';
const AMHARIC = 'ከ{{due}} በፊት መልሰን እንደውልልዎታለን።';

async function siteWithAdmin(s: TestServer) {
  const admin = await createUser(s, { roles: ['admin'], siteIds: ['kampala'] });
  expect(
    (
      await send(admin, 'POST', '/api/admin/sites', {
        id: 'kampala',
        name: 'Kampala',
        kind: 'helpline_office',
      })
    ).status,
  ).toBe(201);
  return admin;
}

describe('promise sentences set by an administrator', () => {
  it('are stored, audited, given to the site’s devices in the directory, and removed with null', async () => {
    server = await startServer();
    const admin = await siteWithAdmin(server);
    const saved = await readJson<{ site: Site }>(
      await send(admin, 'PATCH', '/api/admin/sites/kampala', {
        promiseTemplates: { so: SOMALI, am: AMHARIC },
      }),
    );
    expect(saved.status).toBe(200);
    expect(saved.body.site.promiseTemplates).toEqual({ so: SOMALI, am: AMHARIC });
    const audit = await server.store.listAudit({ recordId: 'kampala', limit: 10 });
    expect(JSON.stringify(audit)).toContain('promiseTemplates');

    const agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['kampala'] });
    const directory = await readJson<DirectoryResponse>(await send(agent, 'GET', '/api/directory'));
    expect(directory.body.sites.find((s) => s.id === 'kampala')?.promiseTemplates).toEqual({
      so: SOMALI,
      am: AMHARIC,
    });
    const elsewhere = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-2'] });
    const theirs = await readJson<DirectoryResponse>(await send(elsewhere, 'GET', '/api/directory'));
    expect(theirs.body.sites.find((s) => s.id === 'kampala')).toBeUndefined();

    const removed = await readJson<{ site: Site }>(
      await send(admin, 'PATCH', '/api/admin/sites/kampala', { promiseTemplates: null }),
    );
    expect(removed.body.site.promiseTemplates).toBeUndefined();
    expect((await server.store.getSite('kampala'))?.promiseTemplates).toBeUndefined();
  });

  it.each([
    ['a sentence without the due time', { so: 'Waan kuu soo wici doonaa.' }],
    ['a placeholder that does not exist', { so: 'Waan kuu soo wici doonaa {{when}} {{due}}.' }],
    ['a sentence too long to say', { so: `${'a'.repeat(300)} {{due}}` }],
    ['a language that does not exist', { klingon: SOMALI }],
    ['a sentence that is not text', { so: 42 }],
  ])('refuses %s with a 400 that says why, and changes nothing', async (_label, promiseTemplates) => {
    server = await startServer();
    const admin = await siteWithAdmin(server);
    await send(admin, 'PATCH', '/api/admin/sites/kampala', { promiseTemplates: { am: AMHARIC } });
    const auditBefore = await server.store.listAudit({ limit: 1000 });
    const response = await send(admin, 'PATCH', '/api/admin/sites/kampala', { promiseTemplates });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiError).message).toEqual(expect.any(String));
    expect(await server.store.listAudit({ limit: 1000 })).toHaveLength(auditBefore.length);
    expect((await server.store.getSite('kampala'))?.promiseTemplates).toEqual({ am: AMHARIC });
  });

  it('are refused to anyone but an administrator', async () => {
    server = await startServer();
    const agent = await createUser(server, {
      roles: ['helpline_agent', 'case_officer'],
      siteIds: ['site-1'],
    });
    expect(
      (await send(agent, 'PATCH', '/api/admin/sites/site-1', { promiseTemplates: { so: SOMALI } })).status,
    ).toBe(403);
  });
});

describe('the PostgreSQL store', () => {
  it('keeps a site’s promise sentences; a site without them reads as none', async () => {
    const pg = await createTestPostgres();
    const store = await openPostgresStore(pg.connectionString, { schema: pg.schema });
    try {
      await store.migrate();
      const at = new Date().toISOString();
      await store.transaction(async (tx) => {
        await tx.putSite({
          id: 'kampala',
          name: 'Kampala',
          kind: 'helpline_office',
          promiseTemplates: { so: SOMALI },
          createdAt: at,
          updatedAt: at,
        });
        await tx.putSite({
          id: 'nairobi',
          name: 'Nairobi',
          kind: 'helpline_office',
          createdAt: at,
          updatedAt: at,
        });
      });
      expect((await store.getSite('kampala'))?.promiseTemplates).toEqual({ so: SOMALI });
      expect((await store.getSite('nairobi'))?.promiseTemplates).toBeUndefined();
    } finally {
      await store.close();
      await pg.drop();
    }
  });
});

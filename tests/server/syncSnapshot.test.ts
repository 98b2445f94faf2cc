/**
 * GET /api/sync/:collection/snapshot over real HTTP: a fresh device's
 * bootstrap pages are the pull's own pages — the same documents in the same
 * commit order, the same site scoping and role field reduction, the same
 * checkpoint — only larger (up to MAX_SNAPSHOT_LIMIT) and gzip-compressed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { MAX_SNAPSHOT_LIMIT } from '../../src/sync/protocol';
import {
  authFetch,
  createUser,
  householdDoc,
  pullAll,
  pushRows,
  readJson,
  startTestServer,
  type Client,
  type Doc,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
  const docs: Doc[] = [];
  for (let i = 0; i < 40; i++) docs.push(householdDoc(`hh-${i}`, { siteId: i % 4 === 0 ? 'site-1' : 'site-a' }));
  docs.push(householdDoc('hh-deleted', { _deleted: true }));
  const pushed = await pushRows(server, 'households', docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc })));
  expect(pushed.status).toBe(200);
});
afterEach(async () => {
  await server.close();
});

async function snapshotPage(client: Client, collection: string, query: string) {
  return readJson<{ documents: Doc[]; checkpoint: { seq: number; epoch: string } }>(
    await authFetch(client, `/api/sync/${collection}/snapshot?${query}`),
  );
}

/** The raw answer, without the client decompressing it. */
function rawGet(client: Client, path: string, acceptEncoding: string) {
  return new Promise<{ status: number; encoding: string | undefined; body: Buffer }>((resolve, reject) => {
    const req = request(
      `${client.url}${path}`,
      { headers: { authorization: `Bearer ${client.token}`, 'accept-encoding': acceptEncoding } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('snapshot pages', () => {
  it("are the pull's pages: same documents, order, site scoping, field reduction and checkpoint", async () => {
    const coordinator = await createUser(server, { roles: ['coordinator'], siteIds: ['site-a'] });
    const driver = await createUser(server, { roles: ['driver'], siteIds: ['site-a'] });
    for (const user of [coordinator, driver]) {
      const pulled = await pullAll(user, 'households', 7);
      const snapshot = await snapshotPage(user, 'households', `limit=${MAX_SNAPSHOT_LIMIT}`);
      expect(snapshot.status).toBe(200);
      expect(snapshot.body.documents).toEqual(pulled);
      const lastPull = await readJson<{ checkpoint: unknown }>(await authFetch(user, '/api/sync/households/pull?limit=1000'));
      expect(snapshot.body.checkpoint).toEqual(lastPull.body.checkpoint);
    }
    const coordinatorIds = (await snapshotPage(coordinator, 'households', 'limit=1000')).body.documents.map((d) => d.id);
    expect(coordinatorIds).toHaveLength(31); // 30 of site-a and the deleted one, none of site-1
    const driverDoc = (await snapshotPage(driver, 'households', 'limit=1')).body.documents[0]!;
    expect(driverDoc).not.toHaveProperty('sponsor'); // the driver's reduced read
  });

  it('pages from a checkpoint without skipping or repeating', async () => {
    const first = await snapshotPage(server, 'households', 'limit=25');
    const rest = await snapshotPage(server, 'households', `limit=25&checkpoint=${JSON.stringify(first.body.checkpoint)}`);
    expect(first.body.documents).toHaveLength(25);
    expect([...first.body.documents, ...rest.body.documents].map((d) => d.id)).toEqual(
      (await pullAll(server, 'households', 100)).map((d) => d.id),
    );
  });

  it('is gzip-compressed when the client accepts it, plain JSON otherwise', async () => {
    const zipped = await rawGet(server, '/api/sync/households/snapshot?limit=1000', 'gzip, deflate, br');
    expect(zipped.status).toBe(200);
    expect(zipped.encoding).toBe('gzip');
    const plain = await rawGet(server, '/api/sync/households/snapshot?limit=1000', 'identity');
    expect(plain.encoding).toBeUndefined();
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
    expect(zipped.body.length).toBeLessThan(plain.body.length / 4);
  });

  it(`refuses a limit above ${MAX_SNAPSHOT_LIMIT}, a role that may not read the collection, and no session`, async () => {
    const tooMany = await snapshotPage(server, 'households', `limit=${MAX_SNAPSHOT_LIMIT + 1}`);
    expect(tooMany.status).toBe(400);
    const caseworker = await createUser(server, { roles: ['caseworker'] });
    expect((await snapshotPage(caseworker, 'calls', 'limit=10')).status).toBe(403);
    expect((await fetch(`${server.url}/api/sync/households/snapshot`)).status).toBe(401);
  });
});

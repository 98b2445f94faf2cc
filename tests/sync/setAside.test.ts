/**
 * One bad record never jams the queue: a device holding one household the
 * server refuses (invalid, or in a site the user may not write) and many good
 * ones pushes all the good ones; the bad one stays on the device, set aside
 * in the outbox with the server's reason, and the sync status names it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, householdDoc, pullAll, type TestServer } from '../helpers/testServer';
import { createTestDatabase, INTAKE_COLLECTIONS } from '../fixtures/testDatabase';
import { pendingIndexOf, type WaystationDatabase } from '../../src/db/database';
import { markPending } from '../../src/db/outbox';
import { PUSH_BATCH_SIZE, PUSH_ROWS_PER_CALL, startSync, type SyncHandle } from '../../src/sync/replication';
import { connectRejected, syncStatusStore } from '../../src/sync/syncStatusStore';

let server: TestServer | undefined;
let db: WaystationDatabase | undefined;
let sync: SyncHandle | undefined;
let disconnect: (() => void) | undefined;

afterEach(async () => {
  disconnect?.();
  await sync?.stop();
  await db?.close();
  await server?.close();
  server = undefined;
  db = undefined;
  sync = undefined;
});

const GOOD = 30;

/** The device syncs its households with the test server (through `fetch` when given). */
function goOnline(database: WaystationDatabase, fetch?: typeof globalThis.fetch) {
  return startSync(database, {
    baseUrl: server!.url,
    deviceId: 'device-a',
    getHeaders: () => server!.authHeaders,
    collections: ['households'],
    retryTimeMs: 100,
    ...(fetch ? { fetch } : {}),
  });
}

/** Writes a household straight into the device store, as an operation would, and records it as pending. */
async function writeLocally(database: WaystationDatabase, doc: Record<string, unknown>) {
  const { _deleted: _d, ...fields } = doc;
  await markPending(database.outbox, [
    { collection: 'households', id: String(doc.id), updatedAt: String(doc.updatedAt) },
  ]);
  await database.households.insert(fields as Parameters<typeof database.households.insert>[0]);
}

describe('a record the server refuses', () => {
  it.each([
    ['invalid (400)', { arrivalDate: '2026-02-31' }, /arrivalDate/],
    ['in a site the user may not write (403)', { siteId: 'site-b' }, /site/i],
  ])(
    '%s is set aside with its reason while every other change reaches the server',
    async (_label, bad, reason) => {
      server = await startTestServer();
      db = await createTestDatabase(undefined, INTAKE_COLLECTIONS);
      disconnect = connectRejected(db.outbox);
      // The bad one sits in the middle of a batch, so both halves around it must get through.
      for (let i = 0; i < GOOD; i++) {
        await writeLocally(db, householdDoc(`good-${String(i).padStart(2, '0')}`));
        if (i === GOOD / 2) await writeLocally(db, householdDoc('bad-1', bad));
      }
      expect(pendingIndexOf(db).size).toBe(GOOD + 1);

      sync = goOnline(db);
      await expect
        .poll(async () => (await pullAll(server!, 'households')).length, { timeout: 20_000, interval: 200 })
        .toBe(GOOD);
      const onServer = await pullAll(server, 'households');
      expect(onServer.map((d) => d.id)).not.toContain('bad-1');

      // Set aside: still on the device, still counted as not synced, with the server's reason.
      await expect.poll(() => syncStatusStore.getState().rejected.length, { timeout: 10_000 }).toBe(1);
      const [rejected] = syncStatusStore.getState().rejected;
      expect(rejected).toMatchObject({ collection: 'households', id: 'bad-1' });
      expect(rejected?.reason).toMatch(reason);
      expect(await db.households.findOne('bad-1').exec()).not.toBeNull();
      await expect.poll(() => pendingIndexOf(db!).size, { timeout: 10_000 }).toBe(1);
      expect(pendingIndexOf(db).has('households', 'bad-1')).toBe(true);

      // The queue is not jammed: a later change still syncs.
      await writeLocally(db, householdDoc('later'));
      await expect
        .poll(async () => (await pullAll(server!, 'households')).some((d) => d.id === 'later'), {
          timeout: 10_000,
        })
        .toBe(true);
    },
  );
});

describe('an offline backlog larger than one push request', () => {
  it('goes up as concurrent requests; one cut mid-way is retried and every record arrives once, the outbox empties', async () => {
    server = await startTestServer();
    db = await createTestDatabase(undefined, INTAKE_COLLECTIONS);
    const backlog = PUSH_ROWS_PER_CALL + PUSH_BATCH_SIZE / 2;
    for (let i = 0; i < backlog; i++)
      await writeLocally(db, householdDoc(`offline-${String(i).padStart(4, '0')}`));

    const requests: { at: number; rows: number; done?: number }[] = [];
    let cut = false;
    sync = goOnline(db, async (input, init) => {
      if (!String(input).endsWith('/push')) return fetch(input, init);
      const request: { at: number; rows: number; done?: number } = {
        at: performance.now(),
        rows: (JSON.parse(String(init?.body)) as unknown[]).length,
      };
      const index = requests.push(request) - 1;
      try {
        // The second request's connection drops after the server took it: its rows come again.
        const response = await fetch(input, init);
        if (index === 1 && !cut) {
          cut = true;
          throw new TypeError('Failed to fetch');
        }
        return response;
      } finally {
        request.done = performance.now();
      }
    });
    await sync.awaitInSync();
    await expect.poll(() => pendingIndexOf(db!).size, { timeout: 20_000 }).toBe(0);

    const onServer = await pullAll(server, 'households');
    expect(onServer).toHaveLength(backlog);
    expect(new Set(onServer.map((d) => d.id)).size).toBe(backlog);
    expect(await db.conflicts.count().exec()).toBe(0);
    expect(cut).toBe(true);
    expect(Math.max(...requests.map((r) => r.rows))).toBeLessThanOrEqual(PUSH_BATCH_SIZE);
    // The first call's requests were in flight together, not one after another.
    const [first, second] = requests;
    expect(second!.at).toBeLessThan(first!.done!);
  });
});

/**
 * Retention on the server over HTTP (issue 21 item 2): the scheduled purge
 * removes a collection's deleted versions once they are older than its
 * retention (by the server's injectable clock), leaves other collections
 * alone, and a device whose checkpoint predates the purge pulls again from
 * the start instead of continuing past deletions it never saw.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runRetention } from '../../sync-server/src/services/retention';
import { loadConfig } from '../../sync-server/src/config';
import { householdDoc, personDoc, pullAll, pullPage, pushRows, startTestServer, type TestServer } from '../helpers/testServer';
import { serverStores } from '../helpers/serverStores';

const stores = serverStores();
let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const day = (n: number) => new Date(T0 + n * 24 * 60 * 60 * 1000);
const POLICY = { households: { tombstoneDays: 30 } };

describe.each(stores)('retention of deleted versions on %s', (_name, openStore) => {
  it('purges a collection’s deletions after its window, and sends a device from before the purge back to the start', async () => {
    let now = day(0);
    const store = await openStore();
    // One session for the whole test: the clock moves months.
    server = await startTestServer({ clock: () => now, auth: { sessionTtlMs: 400 * 24 * 60 * 60 * 1000 }, ...(store ? { store } : {}) });
    for (const id of ['h1', 'h2', 'h3']) {
      expect((await pushRows(server, 'households', [{ assumedMasterState: null, newDocumentState: householdDoc(id) }])).status).toBe(200);
    }
    const person = personDoc('p1', 'h2');
    await pushRows(server, 'people', [{ assumedMasterState: null, newDocumentState: person }]);
    // A device synced now, then away for months.
    const away = (await pullPage(server, 'households')).checkpoint;
    expect(await runRetention(server.store, POLICY, now)).toEqual({});

    now = day(1);
    const h1 = householdDoc('h1');
    await pushRows(server, 'households', [{ assumedMasterState: h1, newDocumentState: { ...h1, _deleted: true, updatedAt: now.toISOString() } }]);
    await pushRows(server, 'people', [{ assumedMasterState: person, newDocumentState: { ...person, _deleted: true, updatedAt: now.toISOString() } }]);
    const upToDate = (await pullPage(server, 'households', away)).checkpoint;

    // Within the window: the deletion stays, and a device away since day 0 learns of it.
    now = day(10);
    expect(await runRetention(server.store, POLICY, now)).toEqual({});
    expect((await pullPage(server, 'households', away)).documents.map((doc) => [doc.id, doc._deleted])).toEqual([['h1', true]]);

    // Past it (counted from the run after the deletion): gone, and the purge is in the audit log.
    now = day(45);
    expect(await runRetention(server.store, POLICY, now)).toEqual({ households: 1 });
    expect((await pullAll(server, 'households')).map((doc) => doc.id).sort()).toEqual(['h2', 'h3']);
    expect((await server.store.listAudit({ action: 'retention_purge', limit: 5 }))[0]?.details).toEqual({ removed: { households: 1 } });
    // A collection without a retention keeps its deletions.
    expect((await pullAll(server, 'people')).map((doc) => [doc.id, doc._deleted])).toEqual([['p1', true]]);

    // The device from before the purge: its pull starts again from the beginning (its own changes stay on it).
    const resync = await pullPage(server, 'households', away);
    expect(resync.documents.map((doc) => doc.id).sort()).toEqual(['h2', 'h3']);
    // A device already past the purged range simply continues.
    expect((await pullPage(server, 'households', upToDate)).documents).toEqual([]);
  });

});

describe('the retention setting', () => {
  it('refuses a retention setting that is not valid, at start', () => {
    expect(() => loadConfig({ WAYSTATION_RETENTION: '{"households":{"tombstoneDays":0}}', DATA_DIR: '/tmp/waystation-config-test' })).toThrow(/WAYSTATION_RETENTION/);
    expect(() => loadConfig({ WAYSTATION_RETENTION: '{"nope":{"tombstoneDays":3}}', DATA_DIR: '/tmp/waystation-config-test' })).toThrow(/WAYSTATION_RETENTION/);
    expect(() => loadConfig({ WAYSTATION_RETENTION: 'households=3', DATA_DIR: '/tmp/waystation-config-test' })).toThrow(/must be JSON/);
    expect(loadConfig({ WAYSTATION_RETENTION: '{"calls":{"tombstoneDays":730}}', DATA_DIR: '/tmp/waystation-config-test' }).retention).toEqual({ calls: { tombstoneDays: 730 } });
  });
});

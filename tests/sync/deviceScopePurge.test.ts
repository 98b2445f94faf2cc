/**
 * A device lets go of what left its scope without telling the server to
 * delete it (issue 21 item 1): a volunteer's device holding a departed
 * family purges it once the window has passed (as at an unlock, offline),
 * keeps a departed family with an unsynced edit, then syncs: the server
 * still holds the purged family (no deletion pushed, none audited), the
 * edit arrives, and the next purge lets that family go too.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createUser, householdDoc, personDoc, pushRows, startTestServer, type TestServer } from '../helpers/testServer';
import { createTestDatabase } from '../fixtures/testDatabase';
import type { WaystationDatabase } from '../../src/db/database';
import { purgeOutOfScope } from '../../src/db/deviceScopePurge';
import { markPending } from '../../src/db/outbox';
import { keptScopeKey, metaOfRunningSync, purgeAtUnlock } from '../../src/sync/deviceScopeSync';
import { openReplicationMeta } from '../../src/db/replicationMeta';
import { startSync, type SyncHandle } from '../../src/sync/replication';

const DAY = 86_400_000;
const DEPARTED_AT = '2025-03-01T10:00:00.000Z';
const SCOPE = { sites: [{ siteId: 'site-a', keepDays: 14 }] };

let server: TestServer | undefined;
let db: WaystationDatabase | undefined;
let sync: SyncHandle | undefined;

afterEach(async () => {
  await sync?.stop();
  await db?.close();
  await server?.close();
  server = undefined;
  db = undefined;
  sync = undefined;
});

describe('purging what left the device’s scope', () => {
  it('removes a departed family on the device only, and keeps one with unsynced work until it is pushed', async () => {
    let clock = Date.parse(DEPARTED_AT) + DAY;
    server = await startTestServer({ clock: () => new Date(clock), auth: { sessionTtlMs: 365 * DAY } });
    const s = server;
    const gone = householdDoc('h-gone', { status: 'departed', updatedAt: DEPARTED_AT });
    const edited = householdDoc('h-edited', { status: 'departed', updatedAt: DEPARTED_AT, familyName: 'Okafor' });
    const here = householdDoc('h-here');
    await pushRows(s, 'households', [gone, edited, here].map((d) => ({ assumedMasterState: null, newDocumentState: d })));
    await pushRows(
      s,
      'people',
      [personDoc('p-gone', 'h-gone'), personDoc('p-edited', 'h-edited', { givenName: 'Chidi', familyName: 'Okafor' })].map((d) => ({
        assumedMasterState: null,
        newDocumentState: d,
      })),
    );

    const volunteer = await createUser(s, { roles: ['volunteer'], siteIds: ['site-a'], deviceId: 'tablet-1' });
    db = await createTestDatabase(undefined, ['households', 'people']);
    const device = db;
    const syncOptions = {
      baseUrl: s.url,
      deviceId: 'tablet-1',
      getHeaders: () => volunteer.headers,
      collections: ['households', 'people'] as const,
      retryTimeMs: 100,
    };
    sync = startSync(device, syncOptions);
    await sync.awaitInSync();
    await expect.poll(async () => (await device.households.find().exec()).length, { timeout: 20_000 }).toBe(3);
    await expect.poll(async () => (await device.people.find().exec()).length, { timeout: 20_000 }).toBe(2);
    await sync.stop();
    sync = undefined;

    // Offline, the volunteer corrects the departed Okafor family.
    const current = await device.households.findOne('h-edited').exec();
    const at = new Date(clock).toISOString();
    await markPending(device.outbox, [{ collection: 'households', id: 'h-edited', updatedAt: at }]);
    await current!.incrementalPatch({ contactPhone: '+1 303 555 0142', updatedAt: at });

    // Two weeks later by the server's clock, still offline: the unlock's purge, with the scope and the
    // difference between the server's clock and the device's kept from the last sync.
    clock = Date.parse(DEPARTED_AT) + 16 * DAY;
    const kept = new Map<string, string>();
    kept.set(keptScopeKey('tablet-db'), JSON.stringify({ scope: SCOPE, serverOffsetMs: clock - Date.now() }));
    const storage = { getItem: (key: string) => kept.get(key) ?? null, setItem: (key: string, value: string) => void kept.set(key, value) };
    Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
    try {
      expect(await purgeAtUnlock(device, 'tablet-db', s.url)).toBe(2);
    } finally {
      Reflect.deleteProperty(globalThis, 'localStorage');
    }
    expect(await device.households.findOne('h-gone').exec()).toBeNull();
    expect(await device.people.findOne('p-gone').exec()).toBeNull();
    expect(await device.households.findOne('h-edited').exec()).not.toBeNull();
    expect(await device.people.findOne('p-edited').exec()).not.toBeNull();
    expect(await device.households.findOne('h-here').exec()).not.toBeNull();
    // No name is left in the device's storage for the family that went.
    const [stored] = await device.households.storageInstance.findDocumentsById(['h-gone'], true);
    expect(stored).toMatchObject({ _deleted: true, deviceId: 'device-scope' });
    expect(JSON.stringify(stored)).not.toContain('Mensah');
    // Nor in the replication's copy of the server's version, which now is the same tombstone.
    const meta = await openReplicationMeta(device, 'households', s.url);
    const [assumed] = await meta.findDocumentsById(['h-gone|0'], true);
    await meta.close();
    expect(assumed?.docData).toMatchObject({ id: 'h-gone', _deleted: true, deviceId: 'device-scope' });
    expect(JSON.stringify(assumed)).not.toContain('Mensah');

    // Back online: the edit is pushed; the purge is not.
    sync = startSync(device, syncOptions);
    await expect
      .poll(async () => (await s.store.getDocument('households', 'h-edited'))?.doc.contactPhone, { timeout: 20_000 })
      .toBe('+1 303 555 0142');
    await sync.awaitInSync();
    expect((await s.store.getDocument('households', 'h-gone'))?.doc).toMatchObject({ _deleted: false, familyName: 'Mensah' });
    expect((await s.store.getDocument('people', 'p-gone'))?.doc._deleted).toBe(false);
    const audit = await s.store.listAudit({ limit: 100 });
    expect(audit.filter((e) => e.recordId === 'h-gone' || e.recordId === 'p-gone').map((e) => e.action)).toEqual([
      'create',
      'create',
    ]);

    // Pushed, the edited family goes too, its people with it (the edit restarted its window from the
    // device's edit time). The server's pull may have sent the household's tombstone first.
    clock += 15 * DAY;
    await expect.poll(() => device.outbox.count().exec(), { timeout: 20_000 }).toBe(0);
    sync.reSync();
    await sync.awaitInSync();
    await purgeOutOfScope(device, SCOPE, new Date(clock), metaOfRunningSync(sync));
    expect(await device.households.findOne('h-edited').exec()).toBeNull();
    expect(await device.people.findOne('p-edited').exec()).toBeNull();
    expect(await device.households.findOne('h-here').exec()).not.toBeNull();
    await sync.awaitInSync();
    expect((await s.store.getDocument('households', 'h-edited'))?.doc._deleted).toBe(false);
  });
});

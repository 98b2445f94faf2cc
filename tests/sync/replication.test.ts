/**
 * Two devices (real RxDB clients, in-memory storage) against the real sync
 * server: both edit the same household offline, come back, and converge —
 * different fields merge, the same field clashes into a conflict document
 * that both devices receive, and nothing waits in the outbox afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/testServer';
import { createTestDatabase, INTAKE_COLLECTIONS } from '../fixtures/testDatabase';
import { pendingIndexOf, type WaystationDatabase } from '../../src/db/database';
import { startSync, type SyncHandle } from '../../src/sync/replication';
import { loadHouseholdDraft, saveHousehold, type Actor } from '../../src/features/intake/operations';
import { emptyNeeds } from '../../src/domain/household';
import type { HouseholdDraftInput } from '../../src/domain/householdDraft';
import { deepEqual } from '../../src/domain/merge';

interface Device {
  db: WaystationDatabase;
  actor: Actor;
  sync?: SyncHandle;
}

let server: TestServer | undefined;
const devices: Device[] = [];

afterEach(async () => {
  for (const device of devices.splice(0)) {
    await device.sync?.stop();
    await device.db.close();
  }
  await server?.close();
  server = undefined;
});

async function device(name: string): Promise<Device> {
  const d: Device = { db: await createTestDatabase(undefined, INTAKE_COLLECTIONS), actor: { userId: `user-${name}`, deviceId: `device-${name}`, siteId: 'site-1' } };
  devices.push(d);
  return d;
}

async function goOnline(d: Device) {
  // Each device signs in on its own: the server knows a device by its session.
  const headers = await server!.deviceHeaders(d.actor.deviceId);
  d.sync = startSync(d.db, {
    baseUrl: server!.url,
    deviceId: d.actor.deviceId,
    retryTimeMs: 200,
    getHeaders: () => headers,
  });
  return d.sync.awaitInSync();
}

async function goOffline(d: Device) {
  await d.sync?.stop();
  d.sync = undefined;
}

const household: HouseholdDraftInput = {
  familyName: 'Tesfaye',
  contactPhone: '+1 555 0100',
  arrivalDate: '2026-11-01',
  arrivalMode: 'bus',
  needs: emptyNeeds(),
  destination: { city: 'Columbus' },
  sponsor: {},
  consent: { dataSharing: true, photo: false },
  members: [
    { givenName: 'Abeba', familyName: 'Tesfaye', sex: 'female', relationship: 'head', languages: ['ti'], interpreterNeeded: true, identifiers: [], medicalFlags: [] },
  ],
};

async function snapshot(d: Device, householdId: string) {
  const h = await d.db.households.findOne(householdId).exec();
  const people = await d.db.people.find({ selector: { householdId } }).exec();
  return { household: h?.toJSON(), people: people.map((p) => p.toJSON()).sort((a, b) => a.id.localeCompare(b.id)) };
}

describe('two devices editing the same household offline', () => {
  it('converge, merge different fields and keep the clash as a conflict', async () => {
    server = await startTestServer();
    const a = await device('a');
    const b = await device('b');

    const { householdId } = await saveHousehold(a.db, a.actor, household);
    await goOnline(a);
    await goOnline(b);
    await expect.poll(async () => (await b.db.households.findOne(householdId).exec())?.familyName, { timeout: 10_000 }).toBe('Tesfaye');
    expect(pendingIndexOf(a.db).size).toBe(0);

    await goOffline(a);
    await goOffline(b);

    const draftOnA = (await loadHouseholdDraft(a.db, householdId))!;
    await saveHousehold(a.db, a.actor, { ...draftOnA, contactPhone: '+1 555 0111' }, { base: draftOnA });
    const draftOnB = (await loadHouseholdDraft(b.db, householdId))!;
    await saveHousehold(b.db, b.actor, {
      ...draftOnB,
      contactPhone: '+1 555 0222',
      arrivalMode: 'walk_in',
      members: [
        ...draftOnB.members,
        { givenName: 'Dawit', familyName: 'Tesfaye', estimatedAge: 6, sex: 'male', relationship: 'child', languages: ['ti'], interpreterNeeded: true, identifiers: [], medicalFlags: [] },
      ],
    }, { base: draftOnB });
    expect(pendingIndexOf(a.db).size).toBe(1);
    expect(pendingIndexOf(b.db).size).toBe(2);
    expect(pendingIndexOf(b.db).has('households', householdId)).toBe(true);

    await goOnline(a);
    await goOnline(b);
    // A learns of B's push through the change stream, without being told to resync.
    await expect
      .poll(async () => deepEqual(await snapshot(a, householdId), await snapshot(b, householdId)), { timeout: 15_000, interval: 100 })
      .toBe(true);

    const { household: merged, people } = await snapshot(a, householdId);
    const onServer = await server.store.getDocument('households', householdId);
    expect(deepEqual({ ...onServer?.doc, _deleted: undefined }, merged)).toBe(true);
    expect(['+1 555 0111', '+1 555 0222']).toContain(merged?.contactPhone);
    expect(merged?.arrivalMode).toBe('walk_in');
    expect(people.map((p) => p.givenName).sort()).toEqual(['Abeba', 'Dawit']);

    for (const d of [a, b]) {
      await expect.poll(() => d.db.conflicts.count().exec(), { timeout: 10_000 }).toBe(1);
      const conflict = (await d.db.conflicts.findOne().exec())!.toJSON();
      expect(conflict).toMatchObject({ recordCollection: 'households', recordId: householdId, field: 'contactPhone', status: 'open' });
      expect([JSON.parse(conflict.kept.valueJson), JSON.parse(conflict.rejected.valueJson)].sort()).toEqual(['+1 555 0111', '+1 555 0222']);
      await expect.poll(() => pendingIndexOf(d.db).size, { timeout: 10_000 }).toBe(0);
    }
  });
});

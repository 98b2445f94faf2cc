/**
 * A fresh device bootstraps from the server's snapshot pages
 * (GET /api/sync/:collection/snapshot) and must end exactly where a device
 * that pulled page by page ends: the same records, the same replication
 * metadata (RxDB's meta rows, the assumed server state of each record, and the
 * `down` checkpoint), so RxDB never takes a bootstrapped record for a local
 * write waiting to be pushed. Both devices sign in as the same coordinator of
 * one site, against the real server over HTTP; every request is recorded.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { getChangedDocumentsSince, type RxStorageInstance } from 'rxdb';
import {
  createUser,
  householdDoc,
  personDoc,
  pushRows,
  startTestServer,
  type Doc,
  type TestServer,
  type TestUser,
} from '../helpers/testServer';
import { createTestDatabase, INTAKE_COLLECTIONS } from '../fixtures/testDatabase';
import type { WaystationDatabase } from '../../src/db/database';
import { startSync, type SyncHandle, type SyncOptions } from '../../src/sync/replication';
import { loadHouseholdDraft, saveHousehold } from '../../src/features/intake/operations';

interface Device {
  db: WaystationDatabase;
  deviceId: string;
  user: TestUser;
  sync?: SyncHandle;
  requests: { method: string; path: string; ids: string[] }[];
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

async function newDevice(deviceId: string): Promise<Device> {
  const user = await createUser(server!, { roles: ['coordinator'], siteIds: ['site-a'], deviceId });
  const device: Device = {
    db: await createTestDatabase(undefined, INTAKE_COLLECTIONS),
    deviceId,
    user,
    requests: [],
  };
  devices.push(device);
  return device;
}

function goOnline(device: Device, options: Partial<SyncOptions> = {}) {
  device.sync = startSync(device.db, {
    baseUrl: server!.url,
    deviceId: device.deviceId,
    retryTimeMs: 200,
    getHeaders: () => device.user.headers,
    collections: INTAKE_COLLECTIONS,
    fetch: (input, init) => {
      const url = new URL(String(input));
      const rows =
        typeof init?.body === 'string'
          ? (JSON.parse(init.body) as { newDocumentState: { id: string } }[])
          : [];
      device.requests.push({
        method: init?.method ?? 'GET',
        path: url.pathname,
        ids: rows.map((r) => r.newDocumentState.id),
      });
      return fetch(input, init);
    },
    ...options,
  });
  return device.sync.awaitInSync();
}

async function goOffline(device: Device) {
  await device.sync?.stop();
  device.sync = undefined;
}

/**
 * Every row of a storage instance, without what is local to the device and
 * differs between any two devices: the local write times (`_meta.lwt`, and the
 * upstream checkpoint's, which is a position in the device's own write order),
 * the token in each revision, which RxDB makes from the device's database
 * (one value per device and storage instance, checked here), and how many
 * times a checkpoint row was saved.
 */
async function rowsOf(instance: RxStorageInstance<unknown, unknown, unknown>) {
  const { documents } = await getChangedDocumentsSince(instance, 1_000_000);
  const tokens = new Set<string>();
  const rows = documents.map((document) => {
    const row = document as {
      _meta: Record<string, unknown>;
      _rev: string;
      itemId?: string;
      checkpointData?: Record<string, unknown>;
    };
    const { lwt: _lwt, ...meta } = row._meta;
    const [height, ...token] = row._rev.split('-');
    tokens.add(token.join('-'));
    const normalized: Record<string, unknown> = { ...row, _meta: meta, _rev: `${height}-<device token>` };
    // A checkpoint row's revision counts how often it was saved: once per batch RxDB persisted, which
    // depends on page sizes and timing (what it holds is compared).
    if ((row as { isCheckpoint?: string }).isCheckpoint === '1')
      normalized._rev = '<times saved>-<device token>';
    if (row.itemId === 'up' && row.checkpointData) {
      const { lwt: _upLwt, ...upCheckpoint } = row.checkpointData;
      normalized.checkpointData = upCheckpoint;
    }
    return normalized;
  });
  expect(tokens.size).toBeLessThanOrEqual(1);
  return rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** The device's records and RxDB's replication meta rows (assumed server states and checkpoints), per collection. */
type DeviceState = Record<string, { records: Record<string, unknown>[]; meta: Record<string, unknown>[] }>;

/**
 * The device's state once its replications are done with what they received: RxDB's upstream works
 * through the documents the downstream wrote after `awaitInSync` has answered (it moves its own `up`
 * checkpoint over them, pushing nothing), so a state is taken when two reads half a second apart agree.
 */
async function settledState(device: Device): Promise<DeviceState> {
  let last = await deviceState(device);
  for (let tries = 0; tries < 40; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const next = await deviceState(device);
    if (JSON.stringify(next) === JSON.stringify(last)) return next;
    last = next;
  }
  return last;
}

async function deviceState(device: Device): Promise<DeviceState> {
  const state: DeviceState = {};
  for (const [name, replication] of device.sync!.replications) {
    // RxDB queues its checkpoint writes without awaiting them (even once in sync): wait until the
    // last one queued is written, or a checkpoint row can still be on its way when the rows are read.
    const internal = (
      replication as unknown as { internalReplicationState?: { checkpointQueue: Promise<unknown> } }
    ).internalReplicationState;
    for (let queued = internal?.checkpointQueue; queued;) {
      await queued;
      queued = internal!.checkpointQueue === queued ? undefined : internal!.checkpointQueue;
    }
    const meta = (replication as unknown as { metaInstance: RxStorageInstance<unknown, unknown, unknown> })
      .metaInstance;
    state[name] = {
      records: await rowsOf(
        device.db.collections[name]!.storageInstance as RxStorageInstance<unknown, unknown, unknown>,
      ),
      meta: await rowsOf(meta),
    };
  }
  return state;
}

/**
 * The two states row by row, so that a difference is printed as the one row that differs (the whole
 * state is too large for the assertion's printout, which then shows "no visual difference").
 */
function expectSameState(actual: DeviceState, expected: DeviceState) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, { records, meta }] of Object.entries(expected)) {
    for (const [part, rows] of [
      ['records', records],
      ['meta', meta],
    ] as const) {
      const got = actual[name]![part];
      expect(got.length, `${name} ${part}: how many rows`).toBe(rows.length);
      rows.forEach((row, i) => expect(got[i], `${name} ${part}: row ${i}`).toEqual(row));
    }
  }
}

const pushes = (device: Device) =>
  device.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/push'));
const snapshots = (device: Device) => device.requests.filter((r) => r.path.endsWith('/snapshot'));

async function seed(count: number) {
  const households: Doc[] = [];
  const people: Doc[] = [];
  const sensitive: Doc[] = [];
  for (let i = 0; i < count; i++) {
    const id = `hh-${String(i).padStart(4, '0')}`;
    households.push(householdDoc(id, { familyName: `Family ${i}`, _deleted: i % 97 === 5 }));
    people.push(personDoc(`p-${id}`, id, { givenName: `Given ${i}` }));
    if (i % 10 === 0) {
      sensitive.push({
        id: `s-${id}`,
        siteId: 'site-a',
        createdAt: '2025-03-01T10:00:00.000Z',
        updatedAt: '2025-03-01T10:00:00.000Z',
        updatedBy: 'volunteer-1',
        deviceId: 'tablet-1',
        _deleted: false,
        subjectType: 'household',
        householdId: id,
        identifiers: [{ type: 'a_number', value: `A-${i}` }],
        medicalFlags: [],
        medicalNotes: `note ${i}`,
      });
    }
  }
  // Another site's family: neither device may receive it, by snapshot or by pull.
  households.push(householdDoc('hh-other-site', { siteId: 'site-1' }));
  for (const [collection, docs] of [
    ['households', households],
    ['people', people],
    ['sensitive', sensitive],
  ] as const) {
    for (let i = 0; i < docs.length; i += 250) {
      const rows = docs.slice(i, i + 250).map((doc) => ({ assumedMasterState: null, newDocumentState: doc }));
      const result = await pushRows(server!, collection, rows);
      expect(result.status, JSON.stringify(result.body)).toBe(200);
    }
  }
}

describe('a fresh device bootstrapped from snapshot pages', () => {
  it('ends exactly as a device that pulled page by page, and pushes nothing back', async () => {
    server = await startTestServer();
    await seed(1_200);
    const bootstrapped = await newDevice('tablet-snapshot');
    const pulled = await newDevice('tablet-pull');

    // Snapshot pages of 300 (the households take four), gathered two at a time
    // into RxDB's pull batches of 500.
    await goOnline(bootstrapped, { snapshotPageSize: 300 });
    await goOnline(pulled, { snapshot: false });

    expect(snapshots(bootstrapped).length).toBeGreaterThanOrEqual(INTAKE_COLLECTIONS.length);
    expect(snapshots(pulled)).toEqual([]);
    expect(await bootstrapped.db.households.count().exec()).toBe(1_200 - 13); // 13 of them are deleted
    expect(await bootstrapped.db.households.findOne('hh-other-site').exec()).toBeNull();
    expect((await bootstrapped.db.sensitive.findOne('s-hh-0010').exec())?.medicalNotes).toBe('note 10');

    // Same records, same replication meta and checkpoints, row for row.
    expectSameState(await settledState(bootstrapped), await settledState(pulled));

    // A new session of the bootstrapped device: ordinary replication from the
    // snapshot's checkpoint, and nothing of what it received goes back up.
    await goOffline(bootstrapped);
    bootstrapped.requests.length = 0;
    await goOnline(bootstrapped);
    // (The conflicts collection is empty: with no checkpoint yet, it asks for an empty snapshot page again.)
    expect(snapshots(bootstrapped).map((r) => r.path)).toEqual(['/api/sync/conflicts/snapshot']);
    expect(bootstrapped.requests.some((r) => r.path.endsWith('/households/pull'))).toBe(true);
    expect(pushes(bootstrapped)).toEqual([]);

    // A later edit on another device arrives through ordinary replication.
    const current = (await server.store.getDocument('households', 'hh-0003'))!.doc;
    const edit = {
      ...current,
      familyName: 'Renamed elsewhere',
      updatedAt: '2025-03-02T10:00:00.000Z',
      deviceId: 'tablet-9',
    };
    expect(
      (
        await pushRows(server, 'households', [
          { assumedMasterState: current as Doc, newDocumentState: edit as Doc },
        ])
      ).status,
    ).toBe(200);
    bootstrapped.sync!.reSync();
    await expect
      .poll(async () => (await bootstrapped.db.households.findOne('hh-0003').exec())?.familyName, {
        timeout: 10_000,
      })
      .toBe('Renamed elsewhere');
    expect(pushes(bootstrapped)).toEqual([]);

    // A local edit is pushed, and only that record.
    const draft = (await loadHouseholdDraft(bootstrapped.db, 'hh-0007'))!;
    await saveHousehold(
      bootstrapped.db,
      { userId: bootstrapped.user.user.id, deviceId: bootstrapped.deviceId, siteId: 'site-a' },
      { ...draft, familyName: 'Edited on the bootstrapped device' },
      { base: draft },
    );
    await expect
      .poll(async () => (await server!.store.getDocument('households', 'hh-0007'))?.doc.familyName, {
        timeout: 10_000,
      })
      .toBe('Edited on the bootstrapped device');
    const pushedIds = new Set(pushes(bootstrapped).flatMap((r) => r.ids));
    expect(pushedIds.has('hh-0007')).toBe(true);
    expect([...pushedIds].filter((id) => id !== 'hh-0007' && id !== 'p-hh-0007')).toEqual([]);
  });
  it('leaves a record the device already holds to the ordinary pull: it is pushed, never overwritten', async () => {
    server = await startTestServer();
    await seed(50);
    const device = await newDevice('tablet-offline-first');
    // On the device before its first pull completed (e.g. pushed, then the pull was cut), and changed
    // on the server since: the snapshot page that carries the server's version must not replace it.
    const { _deleted: _d, ...local } = householdDoc('hh-0003', { familyName: 'Written on this device' });
    await device.db.households.insert({
      ...local,
      updatedAt: '2025-03-05T10:00:00.000Z',
      deviceId: 'tablet-offline-first',
    } as never);

    await goOnline(device);
    expect(snapshots(device).length).toBeGreaterThan(0);
    expect(pushes(device).flatMap((r) => r.ids)).toContain('hh-0003');
    // Both versions kept: the server's stands, the device's is a conflict record someone decides.
    expect((await device.db.households.findOne('hh-0003').exec())?.familyName).toBe('Family 3');
    await expect
      .poll(
        async () =>
          (await device.db.conflicts!.find({ selector: { recordId: 'hh-0003' } }).exec()).map((c) => [
            c.field,
            c.kept.valueJson,
            c.rejected.valueJson,
          ]),
        { timeout: 10_000 },
      )
      .toEqual([['familyName', '"Family 3"', '"Written on this device"']]);
    expect(await device.db.households.count().exec()).toBe(50 - 1); // one of them is deleted
  });
});

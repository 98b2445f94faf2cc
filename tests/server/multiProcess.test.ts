/**
 * Two real sync-server processes on one PostgreSQL schema, as production
 * runs them behind a load balancer. Twenty simulated devices push and pull
 * concurrently through either process, several editing the same households:
 * no accepted write may be lost (each is in the final record, in a conflict
 * record, or was knowingly replaced by an edit made after seeing it), every
 * device converges, and a change pushed through one process reaches a change
 * stream on the other at once (LISTEN/NOTIFY).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WireDocument } from '../../src/sync/protocol';
import { httpSyncServer, openChangeStream, serverDocuments } from '../helpers/httpSync';
import { createTestPostgres, type TestPostgres } from '../helpers/postgres';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';
import { SimulatedDevice, type SyncServer } from '../sync/syncModel';

const DEVICES = 20;
const SHARED_HOUSEHOLDS = 4;
const ROUNDS = 4;
const FIELDS = ['contactPhone', 'familyName', 'destination.city'] as const;
type Field = (typeof FIELDS)[number];
const ADMIN_PASSWORD = 'multi-process test password';
/** The promise: a change reaches devices on another process within a second. */
const LIVE_DEADLINE_MS = 1_000;
const T0 = '2026-11-01T10:00:00.000Z';
const SITE = 'welcome-center';

/** Seeded, so a failing interleaving replays. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function household(id: string, by: string): WireDocument {
  return {
    id,
    siteId: SITE,
    createdAt: T0,
    updatedAt: T0,
    updatedBy: by,
    deviceId: by,
    familyName: `Family ${id}`,
    contactPhone: '+100',
    arrivalDate: '2026-11-01',
    arrivalMode: 'bus',
    needs: {
      food: false,
      shelter: false,
      clothing: false,
      hygiene: false,
      medicalScreening: false,
      legalOrientation: false,
    },
    destination: { city: 'Phoenix' },
    sponsor: { name: 'Sponsor', phone: '+200' },
    consent: { dataSharing: true, photo: false },
    status: 'active',
    nameKey: `family ${id}`,
    _deleted: false,
  };
}

function getPath(doc: WireDocument, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      doc,
    );
}

function setPath(doc: WireDocument, path: string, value: unknown): WireDocument {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...doc, [head]: value };
  return { ...doc, [head]: setPath((doc[head] ?? {}) as WireDocument, rest.join('.'), value) };
}

const COORDINATOR = { username: 'coordinator', password: 'coordinator test password' };

async function signIn(url: string, deviceId: string, account: { username: string; password: string }) {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...account, deviceId }),
  });
  if (!response.ok) throw new Error(`sign-in on ${url}: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return { 'x-device-id': deviceId, authorization: `Bearer ${token}` };
}

/** A password someone else set is replaced by the person's own before anything else (issue 15.9). */
async function chooseOwnPassword(url: string, headers: Record<string, string>, currentPassword: string, newPassword: string) {
  const response = await fetch(`${url}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ currentPassword, newPassword }),
  });
  if (!response.ok) throw new Error(`choosing a password on ${url}: ${response.status} ${await response.text()}`);
}

/** As an operator would: the first-start admin creates the account the devices use, whose holder then chooses its own password. */
async function createCoordinator(url: string) {
  const admin = await signIn(url, 'admin-laptop', { username: 'admin', password: ADMIN_PASSWORD });
  await chooseOwnPassword(url, admin, ADMIN_PASSWORD, `${ADMIN_PASSWORD} of my own`);
  const given = `${COORDINATOR.password} given`;
  const response = await fetch(`${url}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin },
    body: JSON.stringify({
      ...COORDINATOR,
      password: given,
      displayName: 'Coordinator',
      roles: ['coordinator'],
      siteIds: [SITE],
    }),
  });
  if (!response.ok) throw new Error(`creating the coordinator: ${response.status} ${await response.text()}`);
  const coordinator = await signIn(url, 'coordinator-laptop', { username: COORDINATOR.username, password: given });
  await chooseOwnPassword(url, coordinator, given, COORDINATOR.password);
}

interface Edit {
  household: string;
  field: Field;
  value: string;
  /** A later edit was made on a device that had seen this value: knowingly replaced. */
  replaced: boolean;
}

describe('two server processes on one PostgreSQL database', () => {
  let database: TestPostgres;
  let processes: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestPostgres();
    const env = {
      DATABASE_URL: database.connectionString,
      DATABASE_SCHEMA: database.schema,
      WAYSTATION_ADMIN_PASSWORD: ADMIN_PASSWORD,
    };
    // Started together: the migrations (and first-start setup) must cope with a concurrent twin.
    processes = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    await createCoordinator(processes[0]!.url);
  });

  afterAll(async () => {
    const exitCodes = await Promise.all(processes.map((process) => process.stop()));
    await database?.drop();
    // A clean shutdown on SIGTERM: streams, LISTEN connection and pools closed.
    expect(exitCodes).toEqual(processes.map(() => 0));
  });

  it('delivers a change pushed through one process to a change stream on the other within a second', async () => {
    const [a, b] = processes as [ServerProcess, ServerProcess];
    const listener = await signIn(a.url, 'listener', COORDINATOR);
    const writer = httpSyncServer(b.url, await signIn(b.url, 'writer', COORDINATOR));
    const stream = await openChangeStream(a.url, 'households', listener);
    try {
      await writer.push('households', [
        { assumedMasterState: null, newDocumentState: household('live-1', 'writer') },
      ]);
      const pushedAt = performance.now();
      const { checkpoint } = await httpSyncServer(a.url, listener).pull('households', undefined, 1000);
      const event = await stream.next(
        (change) => change.collection === 'households' && change.seq >= checkpoint.seq,
        LIVE_DEADLINE_MS,
      );
      console.info(
        `change from process B reached process A's stream in ${Math.round(performance.now() - pushedAt)} ms`,
      );
      expect(event.seq).toBe(checkpoint.seq);
    } finally {
      await stream.close();
    }
  });

  it('loses no write from twenty devices pushing concurrently through both processes', async () => {
    const random = mulberry32(20261125);
    const headers = await Promise.all(
      processes.map(async (process) => ({ process, device: await signIn(process.url, 'seed', COORDINATOR) })),
    );
    expect(headers).toHaveLength(2);
    const devices = Array.from({ length: DEVICES }, (_, i) => new SimulatedDevice(`device-${i}`));
    // Each device signs in on both processes; a load balancer may send any request to either.
    const routes = await Promise.all(
      devices.map(async (device) =>
        Promise.all(
          processes.map(async (process) =>
            httpSyncServer(process.url, await signIn(process.url, device.deviceId, COORDINATOR)),
          ),
        ),
      ),
    );
    const via = (device: number): SyncServer => {
      const servers = routes[device]!;
      return servers[Math.floor(random() * servers.length)]!;
    };

    const shared = Array.from({ length: SHARED_HOUSEHOLDS }, (_, i) => `shared-${i}`);
    for (const id of shared) devices[0]!.write('households', household(id, 'device-0'));
    await devices[0]!.push(via(0), 'households');
    await Promise.all(devices.map((device, i) => device.pull(via(i), 'households')));

    const edits: Edit[] = [];
    const created: string[] = [];
    let counter = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Offline work: each device edits one shared household and registers one of its own.
      devices.forEach((device, i) => {
        const id = shared[Math.floor(random() * shared.length)]!;
        const field = FIELDS[Math.floor(random() * FIELDS.length)]!;
        const current = device.get('households', id)!;
        const value = `${device.deviceId}#${++counter}`;
        const seen = getPath(current, field);
        for (const edit of edits) {
          if (edit.household === id && edit.field === field && edit.value === seen) edit.replaced = true;
        }
        let next = setPath(current, field, value);
        if (field === 'familyName') next = { ...next, nameKey: value.toLowerCase() };
        const at = new Date(Date.parse(T0) + (round * DEVICES + i + 1) * 1000).toISOString();
        device.write('households', {
          ...next,
          updatedAt: at,
          updatedBy: device.deviceId,
          deviceId: device.deviceId,
        });
        edits.push({ household: id, field, value, replaced: false });

        const own = `own-${device.deviceId}-${round}`;
        device.write('households', household(own, device.deviceId));
        created.push(own);
      });
      // Then all twenty sync at once, each through whichever process the balancer picks.
      await Promise.all(
        devices.map(async (device, i) => {
          await device.push(via(i), 'households');
          await device.pull(via(i), 'households');
        }),
      );
    }
    // Back online for good: push everything left, then everyone catches up.
    for (let settle = 0; settle < 2; settle++) {
      await Promise.all(devices.map((device, i) => device.push(via(i), 'households')));
      await Promise.all(
        devices.map(async (device, i) => {
          await device.pull(via(i), 'households');
          await device.pull(via(i), 'conflicts');
        }),
      );
    }

    const [onA, onB] = await Promise.all(
      headers.map(({ process, device }) =>
        serverDocuments(httpSyncServer(process.url, device), 'households'),
      ),
    );
    const conflicts = await serverDocuments(
      httpSyncServer(headers[0]!.process.url, headers[0]!.device),
      'conflicts',
    );
    // Both processes serve the same data.
    expect(onB).toEqual(onA);
    const final = onA!;
    for (const device of devices) expect(device.pendingCount()).toBe(0);
    // Every household a device registered is on the server.
    for (const id of [...shared, ...created]) expect(final.get(id)?._deleted, id).toBe(false);
    // ...and nothing else, apart from the one the live-propagation test pushed.
    expect([...final.keys()].filter((id) => !id.startsWith('live-')).length).toBe(
      shared.length + created.length,
    );
    // Every device converged on the server's records.
    for (const device of devices) {
      expect(device.ids('households').sort()).toEqual([...final.keys()].sort());
      for (const [id, doc] of final) expect(device.get('households', id)).toEqual(doc);
    }
    // No edit lost: kept, recorded as a conflict, or knowingly replaced.
    const conflictDocs = [...conflicts.values()];
    for (const edit of edits) {
      if (edit.replaced) continue;
      if (getPath(final.get(edit.household)!, edit.field) === edit.value) continue;
      const recorded = conflictDocs.some(
        (conflict) =>
          conflict.recordId === edit.household &&
          conflict.field === edit.field &&
          [conflict.kept, conflict.rejected].some(
            (side) => JSON.parse(String((side as { valueJson: string }).valueJson)) === edit.value,
          ),
      );
      expect(recorded, `edit ${edit.value} of ${edit.household}.${edit.field} lost`).toBe(true);
    }
    // The scenario must actually have made devices clash, or it proves little.
    expect(conflictDocs.length).toBeGreaterThan(0);
  });
});

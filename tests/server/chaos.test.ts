/**
 * Chaos: twenty simulated devices (RxDB client semantics, tests/sync/syncModel.ts)
 * make thousands of random edits with random offline periods, over real HTTP
 * with real sessions, while
 *  - the sync-server process (SQLite file in a temp dir) is killed with
 *    SIGKILL in the middle of pushes and started again, and
 *  - a TCP proxy between the devices and the server cuts connections at
 *    random, before the request got through or after the server answered.
 * A device whose request got no answer retries it; push idempotency (the
 * push key) makes that safe. Afterwards, with the chaos stopped:
 *  - every write the server acknowledged is on the server (or, for a
 *    same-field clash, in a conflict document, or knowingly replaced by a
 *    later edit made on a device that had seen it);
 *  - every device holds exactly the server's records.
 * The operation sequences and the chaos decisions are seeded; the timing of
 * twenty concurrent devices is not, so a failure prints the seed and counts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PushRow, WireDocument } from '../../src/sync/protocol';
import { DEFAULT_AUTH_SETTINGS, openSession } from '../../sync-server/src/services/auth';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import { startChaosProxy, type ChaosProxy } from '../helpers/chaosProxy';
import { httpSyncServer, serverDocuments } from '../helpers/httpSync';
import { personDoc } from '../helpers/testServer';
import { deriveHousehold } from '../../src/domain/household';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';
import { SimulatedDevice, type SyncServer } from '../sync/syncModel';
import { PULL_BATCH_SIZE } from '../../src/sync/replication';

const SEED = Number(process.env.CHAOS_SEED ?? 20260417);
const DEVICES = 20;
const OPS_PER_DEVICE = 520;
const HOUSEHOLDS = 30;
const MAX_KILLS = 3;
/** The server gets at least this long between kills, so devices make progress in between. */
const MIN_UPTIME_MS = 3_000;
const SITE = 'site-1';
const T0 = Date.parse('2026-11-01T10:00:00.000Z');
const COLLECTIONS = ['households', 'people', 'conflicts'] as const;
const FIELDS = ['contactPhone', 'familyName', 'destination.city', 'sponsor.name'] as const;
type Field = (typeof FIELDS)[number];

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function household(id: string): WireDocument {
  return {
    id,
    siteId: SITE,
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    updatedBy: 'seed',
    deviceId: 'seed',
    familyName: `Family ${id}`,
    contactPhone: '+100',
    arrivalDate: '2026-11-01',
    arrivalMode: 'bus',
    needs: { food: false, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
    destination: { city: 'Phoenix' },
    sponsor: { name: 'Sponsor', phone: '+200' },
    consent: { dataSharing: true, photo: false },
    status: 'active',
    nameKey: `family ${id}`,
    _deleted: false,
  };
}

function member(id: string, householdId: string, device: string, at: string): WireDocument {
  return personDoc(id, householdId, {
    siteId: SITE,
    createdAt: at,
    updatedAt: at,
    updatedBy: device,
    deviceId: device,
    givenName: `Member ${id}`,
    familyName: 'X',
    sex: 'unknown',
    relationship: 'other_relative',
    languages: [],
  });
}

function getPath(doc: WireDocument, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), doc);
}

function setPath(doc: WireDocument, path: string, value: unknown): WireDocument {
  const [head, ...rest] = path.split('.') as [string, ...string[]];
  if (rest.length === 0) return { ...doc, [head]: value };
  return { ...doc, [head]: setPath((doc[head] ?? {}) as WireDocument, rest.join('.'), value) };
}

interface Edit {
  household: string;
  field: Field;
  value: string;
  acknowledged: boolean;
  /** A later edit was made on a device that had seen this value: knowingly replaced. */
  replaced: boolean;
}

/** Everything the devices wrote, and which of it the server acknowledged. */
class Ledger {
  readonly edits = new Map<string, Edit>();
  /** Members: the owner's last local version, and whether some version was acknowledged. */
  readonly members = new Map<string, { last: WireDocument; acknowledged: boolean }>();
  counts = { operations: 0, writes: 0, syncs: 0, offlinePeriods: 0, unanswered: 0, retries: 0 };
  /** Why requests failed, for the report. */
  readonly failures = new Map<string, number>();

  failed(error: unknown) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    const reason = `${String(error).slice(0, 60)}${cause}`.replace(/\d+/g, 'N');
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }

  edit(device: SimulatedDevice, id: string, field: Field, value: string, at: number) {
    const current = device.get('households', id);
    if (!current) return;
    const seen = getPath(current, field);
    if (typeof seen === 'string') {
      const previous = this.edits.get(seen);
      if (previous) previous.replaced = true;
    }
    let next = deriveHousehold(setPath(current, field, value) as WireDocument & { familyName: string });
    next = { ...next, updatedAt: new Date(at).toISOString(), updatedBy: device.deviceId, deviceId: device.deviceId };
    device.write('households', next);
    this.edits.set(value, { household: id, field, value, acknowledged: false, replaced: false });
  }

  /** The server answered 2xx to a push: every row in it is incorporated. */
  acknowledge(collection: string, rows: readonly PushRow[]) {
    for (const { newDocumentState: doc } of rows) {
      if (collection === 'people') {
        const entry = this.members.get(doc.id);
        if (entry) entry.acknowledged = true;
        continue;
      }
      for (const field of FIELDS) {
        const value = getPath(doc, field);
        const edit = typeof value === 'string' ? this.edits.get(value) : undefined;
        if (edit && edit.household === doc.id && edit.field === field) edit.acknowledged = true;
      }
    }
  }
}

/** Retries a request that got no answer (cut connection, server down) until it is answered. */
async function answered<T>(ledger: Ledger, random: () => number, request: () => Promise<T>, maxAttempts = 60): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      ledger.failed(error);
      if (/ [45]\d\d /.test(String(error)) && !/ 5\d\d /.test(String(error))) throw error; // a 4xx is an answer
      if (attempt >= maxAttempts) throw error;
      ledger.counts.retries += 1;
      // Backing off, as RxDB's retryTime does, so a server that is down is not flooded.
      await sleep(Math.min(1000, 40 * 2 ** Math.min(attempt, 5)) * (0.5 + random()));
    }
  }
}

function trackedServer(base: SyncServer, ledger: Ledger): SyncServer {
  return {
    async push(collection, rows) {
      try {
        const returned = await base.push(collection, rows);
        ledger.acknowledge(collection, rows);
        return returned;
      } catch (error) {
        ledger.counts.unanswered += 1;
        throw error;
      }
    },
    pull: (collection, checkpoint, limit) => base.pull(collection, checkpoint, limit),
  };
}

interface Harness {
  dir: string;
  proxy: ChaosProxy;
  server: ServerProcess;
  /** A process started after the last kill, ready to take over at the next one. */
  standby: Promise<ServerProcess> | undefined;
  kills: number;
  restarting: Promise<void> | undefined;
  lastStart: number;
}

let harness: Harness | undefined;

afterAll(async () => {
  if (!harness) return;
  await harness.restarting?.catch(() => undefined);
  await harness.server.stop();
  await (await harness.standby?.catch(() => undefined))?.stop();
  await harness.proxy.close();
  await rm(harness.dir, { recursive: true, force: true });
});

/** One coordinator account and a session per device, written before the server process starts. */
async function seedAccounts(dir: string): Promise<Record<string, string>[]> {
  const store = openSqliteStore(join(dir, 'waystation.sqlite'));
  try {
    await store.migrate();
    const at = new Date().toISOString();
    const user = {
      id: 'user-coordinator',
      username: 'coordinator',
      displayName: 'Coordinator',
      passwordHash: 'no-password',
      roles: ['coordinator'],
      siteIds: [SITE],
      disabled: false,
      createdAt: at,
      updatedAt: at,
    };
    await store.transaction(async (tx) => {
      await tx.putSite({ id: SITE, name: 'Site 1', kind: 'welcome_center', createdAt: at, updatedAt: at });
      await tx.insertUser(user);
    });
    const deps = { store, settings: DEFAULT_AUTH_SETTINGS, now: () => new Date() };
    const headers: Record<string, string>[] = [];
    for (let i = 0; i < DEVICES; i++) {
      const deviceId = `device-${i}`;
      const { token } = await openSession(deps, user, deviceId);
      headers.push({ authorization: `Bearer ${token}`, 'x-device-id': deviceId });
    }
    return headers;
  } finally {
    await store.close();
  }
}

describe('chaos: crashes and cut connections under twenty devices', () => {
  it('loses no acknowledged write, and every device converges', async () => {
    const started = Date.now();
    const dir = await mkdtemp(join(tmpdir(), 'waystation-chaos-'));
    const headers = await seedAccounts(dir);
    const env = { DATA_DIR: dir, LOG_LEVEL: 'silent' };
    const chaosRandom = mulberry32(SEED ^ 0x5eed);

    const restart = async (h: Harness) => {
      h.kills += 1;
      await h.server.kill();
      // The first replacement starts cold on the crashed file; later ones were started
      // after the previous kill and take over at once, as a supervisor with a spare would.
      h.server = await (h.standby ?? startServerProcess(env));
      h.proxy.setUpstream(Number(new URL(h.server.url).port));
      h.standby = startServerProcess(env);
      h.lastStart = Date.now();
    };
    const proxy = await startChaosProxy({
      cutRequest: 0.01,
      cutResponse: 0.02,
      random: chaosRandom,
      onRequest(head) {
        const h = harness;
        if (!h || h.restarting || h.kills >= MAX_KILLS || Date.now() - h.lastStart < MIN_UPTIME_MS) return;
        if (!head.startsWith('POST /api/sync/') || chaosRandom() > 0.05) return;
        // A few milliseconds after a push arrived: while the server reads, applies or answers it.
        h.restarting = sleep(chaosRandom() * 8)
          .then(() => restart(h))
          .finally(() => {
            h.restarting = undefined;
          });
      },
    });
    const server = await startServerProcess(env);
    proxy.setUpstream(Number(new URL(server.url).port));
    harness = { dir, proxy, server, standby: undefined, kills: 0, restarting: undefined, lastStart: Date.now() };
    proxy.setChaos(false);

    const ledger = new Ledger();
    const devices = headers.map((_, i) => new SimulatedDevice(`device-${i}`, PULL_BATCH_SIZE));
    const servers = headers.map((h) => trackedServer(httpSyncServer(proxy.url, h), ledger));
    const householdIds = Array.from({ length: HOUSEHOLDS }, (_, i) => `hh-${i}`);
    for (const id of householdIds) devices[0]!.write('households', household(id));
    await devices[0]!.push(servers[0]!, 'households');
    for (const [i, d] of devices.entries()) await d.pull(servers[i]!, 'households');

    proxy.setChaos(true);
    let clock = T0;
    let counter = 0;
    const run = async (index: number) => {
      const random = mulberry32(SEED + index * 7919);
      const device = devices[index]!;
      const server = servers[index]!;
      const mine: string[] = [];
      let online = true;
      const sync = async (pullToo: boolean) => {
        ledger.counts.syncs += 1;
        try {
          for (const c of ['households', 'people'] as const) {
            await answered(ledger, random, () => device.push(server, c), 8);
          }
          if (pullToo) {
            // Conflicts only now and then: the records matter most, and every request costs.
            for (const c of random() < 0.3 ? COLLECTIONS : COLLECTIONS.slice(0, 2)) await answered(ledger, random, () => device.pull(server, c), 8);
          }
        } catch {
          // Still no answer: the changes stay pending and go with the next sync.
        }
      };
      for (let op = 0; op < OPS_PER_DEVICE; op++) {
        ledger.counts.operations += 1;
        const roll = random();
        clock += 1000;
        if (!online) {
          if (random() < 0.03) online = true;
        } else if (random() < 0.01) {
          online = false;
          ledger.counts.offlinePeriods += 1;
          continue;
        }
        if (roll < 0.7) {
          const id = householdIds[Math.floor(random() * HOUSEHOLDS)]!;
          const field = FIELDS[Math.floor(random() * FIELDS.length)]!;
          ledger.edit(device, id, field, `${device.deviceId}#${++counter}`, clock);
          ledger.counts.writes += 1;
        } else if (roll < 0.85) {
          const id = `m-${device.deviceId}-${++counter}`;
          const doc = member(id, householdIds[Math.floor(random() * HOUSEHOLDS)]!, device.deviceId, new Date(clock).toISOString());
          device.write('people', doc);
          ledger.members.set(id, { last: doc, acknowledged: false });
          mine.push(id);
          ledger.counts.writes += 1;
        } else if (roll < 0.95) {
          if (mine.length === 0) continue;
          const id = mine[Math.floor(random() * mine.length)]!;
          const current = device.get('people', id)!;
          const doc = { ...current, _deleted: !current._deleted, updatedAt: new Date(clock).toISOString() };
          device.write('people', doc);
          ledger.members.set(id, { last: doc, acknowledged: ledger.members.get(id)?.acknowledged ?? false });
          ledger.counts.writes += 1;
        } else if (online) {
          await sync(roll < 0.985);
        }
      }
    };
    const progress = process.env.CHAOS_DEBUG
      ? setInterval(() => console.log(Date.now() - started, JSON.stringify(ledger.counts), harness?.kills, JSON.stringify(proxy.stats), JSON.stringify([...ledger.failures])), 5000)
      : undefined;
    await Promise.all(devices.map((_, i) => run(i)));
    clearInterval(progress);
    const chaosEnded = Date.now();

    // The storm is over: no more kills or cuts; every device comes back and settles.
    proxy.setChaos(false);
    while (harness.restarting) await harness.restarting;
    for (let round = 0; round < 4; round++) {
      for (const [i, d] of devices.entries()) {
        for (const c of ['households', 'people'] as const) await answered(ledger, Math.random, () => d.push(servers[i]!, c));
      }
      for (const [i, d] of devices.entries()) {
        for (const c of COLLECTIONS) await answered(ledger, Math.random, () => d.pull(servers[i]!, c));
      }
      if (devices.every((d) => d.pendingCount() === 0) && round >= 1) break;
    }

    const final = new Map<string, Map<string, WireDocument>>();
    for (const c of COLLECTIONS) final.set(c, await serverDocuments(servers[0]!, c));
    const households = final.get('households')!;
    const people = final.get('people')!;
    const conflicts = [...final.get('conflicts')!.values()];
    const edits = [...ledger.edits.values()];
    const acknowledged = edits.filter((e) => e.acknowledged);
    const clashes = acknowledged.filter(
      (e) => !e.replaced && getPath(households.get(e.household)!, e.field) !== e.value,
    );
    console.log(
      `chaos seed ${SEED}: ${DEVICES} devices, ${ledger.counts.operations} operations ` +
        `(${ledger.counts.writes} writes, ${ledger.counts.syncs} syncs, ${ledger.counts.offlinePeriods} offline periods) ` +
        `in ${((chaosEnded - started) / 1000).toFixed(1)} s; server killed ${harness.kills}×; ` +
        `connections cut ${proxy.stats.cutRequests} before / ${proxy.stats.cutResponses} after the server; ` +
        `${ledger.counts.unanswered} pushes unanswered, ${ledger.counts.retries} retries; ` +
        `${acknowledged.length} of ${edits.length} field edits acknowledged, ` +
        `${[...ledger.members.values()].filter((m) => m.acknowledged).length} members; ` +
        `${clashes.length} edits lost a same-field clash, ${conflicts.length} conflict documents; ` +
        `settled in ${((Date.now() - chaosEnded) / 1000).toFixed(1)} s`,
    );

    expect(ledger.counts.operations).toBeGreaterThanOrEqual(10_000);
    expect(harness.kills).toBeGreaterThanOrEqual(3);
    expect(proxy.stats.cutResponses).toBeGreaterThan(0);
    expect(devices.every((d) => d.pendingCount() === 0)).toBe(true);

    // 1. Every acknowledged write is on the server, in a conflict, or knowingly replaced.
    for (const edit of acknowledged) {
      if (edit.replaced) continue;
      const value = getPath(households.get(edit.household)!, edit.field);
      if (value === edit.value) continue;
      const inConflict = conflicts.some(
        (c) =>
          c.recordId === edit.household &&
          c.field === edit.field &&
          [c.kept, c.rejected].some((side) => JSON.parse(String((side as { valueJson: string }).valueJson)) === edit.value),
      );
      expect(inConflict, `acknowledged edit ${edit.value} of ${edit.household}.${edit.field} was lost`).toBe(true);
    }
    // Once the devices are back, nothing written anywhere is left unacknowledged.
    expect(edits.filter((e) => !e.acknowledged && !e.replaced)).toEqual([]);
    for (const [id, { last, acknowledged: ack }] of ledger.members) {
      expect(ack, `member ${id} never acknowledged`).toBe(true);
      expect(people.get(id), `member ${id}`).toEqual(last);
    }
    // 2. Every device holds exactly the server's records.
    for (const c of COLLECTIONS) {
      const onServer = final.get(c)!;
      for (const d of devices) {
        expect(d.ids(c).sort(), `${d.deviceId} ${c}`).toEqual([...onServer.keys()].sort());
        for (const [id, doc] of onServer) expect(d.get(c, id)).toEqual(doc);
      }
    }
    // 3. Every same-field clash became a conflict document.
    expect(conflicts.length).toBeGreaterThanOrEqual(clashes.length > 0 ? 1 : 0);
  }, 240_000);
});

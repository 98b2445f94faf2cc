/**
 * Backup and restore as an operator runs them (`npm run backup` / `npm run
 * restore` against real server processes), for both stores, and what devices
 * see afterwards. The case that matters: a backup is older than what devices
 * have already pulled. After the restore the server's sequence numbers start
 * again below the devices' checkpoints, so without the server epoch a device
 * would silently skip every document written after the restore. With it, the
 * device pulls everything again, and its unsynced changes still arrive.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { PullResponse, WireDocument } from '../../src/sync/protocol';
import { httpSyncServer, serverDocuments } from '../helpers/httpSync';
import { createTestPostgres } from '../helpers/postgres';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess';
import { SimulatedDevice, type SyncServer } from '../sync/syncModel';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN_PASSWORD = 'backup test admin password';
/** The admin's own, chosen at first sign-in in place of the configured one (issue 15 item 9). */
const ADMIN_OWN_PASSWORD = 'backup test admin own password';
const COORDINATOR = { username: 'coordinator', password: 'coordinator test password' };
const SITE = 'welcome-center';
const T0 = '2026-11-01T10:00:00.000Z';

const run = promisify(execFile);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function household(id: string, fields: Record<string, unknown> = {}): WireDocument {
  return {
    id,
    siteId: SITE,
    createdAt: T0,
    updatedAt: T0,
    updatedBy: 'seed',
    deviceId: 'seed',
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
    ...fields,
  };
}

/** A later local edit by `device`. */
function edit(
  doc: WireDocument,
  changes: Record<string, unknown>,
  device: string,
  minute: number,
): WireDocument {
  const updatedAt = new Date(Date.parse(T0) + minute * 60_000).toISOString();
  return { ...doc, ...changes, updatedAt, updatedBy: device, deviceId: device };
}

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

async function device(server: ServerProcess, deviceId: string): Promise<SyncServer> {
  return httpSyncServer(server.url, await signIn(server.url, deviceId, COORDINATOR));
}

/** Signs in with a password someone else set and replaces it with the person's own, as the app makes them. */
async function chooseOwnPassword(url: string, username: string, given: string, own: string) {
  const headers = await signIn(url, 'first-sign-in', { username, password: given });
  const response = await fetch(`${url}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ currentPassword: given, newPassword: own }),
  });
  if (response.status !== 204) throw new Error(`choosing a password: ${response.status} ${await response.text()}`);
}

async function createCoordinator(url: string) {
  await chooseOwnPassword(url, 'admin', ADMIN_PASSWORD, ADMIN_OWN_PASSWORD);
  const admin = await signIn(url, 'admin-laptop', { username: 'admin', password: ADMIN_OWN_PASSWORD });
  const given = 'coordinator password from the admin';
  const response = await fetch(`${url}/api/admin/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...admin },
    body: JSON.stringify({
      username: COORDINATOR.username,
      password: given,
      displayName: 'Coordinator',
      roles: ['coordinator'],
      siteIds: [SITE],
    }),
  });
  if (!response.ok) throw new Error(`creating the coordinator: ${response.status} ${await response.text()}`);
  await chooseOwnPassword(url, COORDINATOR.username, given, COORDINATOR.password);
}

/** `npm run <script> -- <args>` as the docs tell an operator to run it. */
async function npmRun(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const { stdout } = await run('npm', ['run', '--silent', script, '--', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
  });
  return stdout;
}

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess({ ...env, WAYSTATION_ADMIN_PASSWORD: ADMIN_PASSWORD });
  cleanups.push(() => server.stop());
  return server;
}

interface Deployment {
  /** Server environment of the original database. */
  original: Record<string, string>;
  /** The original database is gone (disk lost); the backup is all that is left. */
  lose(): Promise<void>;
  /** Environment of a fresh, empty database to restore into. */
  fresh(): Promise<Record<string, string>>;
}

async function sqliteDeployment(): Promise<Deployment> {
  const root = await mkdtemp(join(tmpdir(), 'waystation-restore-'));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  return {
    original: { DATA_DIR: join(root, 'original') },
    lose: () => rm(join(root, 'original'), { recursive: true, force: true }),
    fresh: async () => ({ DATA_DIR: join(root, 'replacement') }),
  };
}

async function postgresDeployment(): Promise<Deployment> {
  const original = await createTestPostgres();
  cleanups.push(() => original.drop());
  return {
    original: { DATABASE_URL: original.connectionString, DATABASE_SCHEMA: original.schema },
    lose: () => original.drop(),
    fresh: async () => {
      // Another name on purpose: a restore may go into a schema other than the one backed up.
      const replacement = await createTestPostgres();
      cleanups.push(() => replacement.drop());
      return { DATABASE_URL: replacement.connectionString, DATABASE_SCHEMA: replacement.schema };
    },
  };
}

describe.each([
  { store: 'SQLite', deployment: sqliteDeployment },
  { store: 'PostgreSQL', deployment: postgresDeployment },
])('backup and restore ($store)', ({ deployment: makeDeployment }) => {
  it('brings a device whose checkpoint is newer than the backup back in step, losing none of its changes', async () => {
    const deployment = await makeDeployment();
    const backupDir = await mkdtemp(join(tmpdir(), 'waystation-backup-'));
    cleanups.push(() => rm(backupDir, { recursive: true, force: true }));
    const backupFile = join(backupDir, 'waystation.backup');

    // 1. A server with data, backed up while it runs.
    const before = await start(deployment.original);
    await createCoordinator(before.url);
    const intake = new SimulatedDevice('intake-tablet');
    const intakeServer = await device(before, 'intake-tablet');
    for (const id of ['h1', 'h2', 'h3']) intake.write('households', household(id));
    await intake.push(intakeServer, 'households');
    expect(await npmRun('backup', [backupFile], deployment.original)).toContain('Backed up');

    // 2. Life goes on after the backup; the field tablet pulls all of it.
    const later = Array.from({ length: 8 }, (_, i) => `later-${i}`);
    for (const id of later) intake.write('households', household(id));
    intake.write(
      'households',
      edit(intake.get('households', 'h1')!, { familyName: 'Renamed after backup' }, 'intake-tablet', 1),
    );
    await intake.push(intakeServer, 'households');
    const field = new SimulatedDevice('field-tablet');
    await field.pull(await device(before, 'field-tablet'), 'households');
    const staleCheckpoint = (await serverPull(intakeServer)).checkpoint;
    expect(field.ids('households')).toHaveLength(3 + later.length);

    // 3. Offline, the field tablet changes a record from before the backup, one from after, and adds one.
    field.write(
      'households',
      edit(field.get('households', 'h1')!, { contactPhone: '+111 field' }, 'field-tablet', 2),
    );
    field.write(
      'households',
      edit(field.get('households', 'later-3')!, { destination: { city: 'Denver' } }, 'field-tablet', 3),
    );
    field.write(
      'households',
      household('field-new', { updatedBy: 'field-tablet', deviceId: 'field-tablet' }),
    );

    // 4. Disaster: the database is lost; the backup is restored onto a fresh server.
    expect(await before.stop()).toBe(0);
    await deployment.lose();
    const freshEnv = await deployment.fresh();
    expect(await npmRun('restore', [backupFile], freshEnv)).toContain('new server epoch');
    const after = await start(freshEnv);

    // 5. Someone registers a household on the restored server. Its sequence number is
    //    below the field tablet's checkpoint: a pull trusting that number alone misses it.
    const intakeAfter = await device(after, 'intake-tablet');
    await intakeAfter.push('households', [
      { assumedMasterState: null, newDocumentState: household('after-restore') },
    ]);
    const withoutEpoch = await intakeAfter.pull('households', { seq: staleCheckpoint.seq }, 1000);
    expect(withoutEpoch.documents.map((doc) => doc.id)).not.toContain('after-restore');

    // 6. The field tablet comes back online and syncs as RxDB does: push, then pull.
    const fieldAfter = await device(after, 'field-tablet');
    await field.push(fieldAfter, 'households');
    await field.pull(fieldAfter, 'households');
    expect(field.pendingCount()).toBe(0);

    const server = await serverDocuments(intakeAfter, 'households');
    const fresh = await serverPull(intakeAfter);
    expect(fresh.checkpoint.epoch).toBeDefined();
    expect(fresh.checkpoint.epoch).not.toBe(staleCheckpoint.epoch);
    // It received everything the restored server holds, including what was written after the restore...
    for (const [id, doc] of server) expect(field.get('households', id), id).toEqual(doc);
    expect(server.has('after-restore')).toBe(true);
    // ...and every change it had not synced reached the server: on a record from the backup
    // (merged), on a record the server no longer had (taken as new), and a new record.
    expect(server.get('h1')?.contactPhone).toBe('+111 field');
    expect(server.get('later-3')?.destination).toEqual({ city: 'Denver' });
    expect(server.get('field-new')?._deleted).toBe(false);
    // The backup's own records are all there.
    for (const id of ['h1', 'h2', 'h3']) expect(server.has(id), id).toBe(true);
    // The tablet still holds what it pulled after the backup: restoring the server deleted nothing on it.
    for (const id of later) expect(field.get('households', id), id).toBeDefined();
  });

  it('a restore over the live database revives no one: sessions revoked, disabled, changed passwords and lock-outs kept', async () => {
    const deployment = await makeDeployment();
    const backupDir = await mkdtemp(join(tmpdir(), 'waystation-backup-'));
    cleanups.push(() => rm(backupDir, { recursive: true, force: true }));
    const backupFile = join(backupDir, 'waystation.backup');

    const before = await start(deployment.original);
    await createCoordinator(before.url);
    const admin = await signIn(before.url, 'admin-laptop', { username: 'admin', password: ADMIN_OWN_PASSWORD });
    const adminCall = (method: string, path: string, body: unknown) =>
      fetch(`${before.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...admin },
        body: JSON.stringify(body),
      });
    const people = { vera: 'vera volunteer password', dan: 'dan driver password' };
    const ids: Record<string, string> = {};
    for (const [username, password] of Object.entries(people)) {
      const created = await adminCall('POST', '/api/admin/users', {
        username,
        password,
        displayName: username,
        roles: [username === 'dan' ? 'driver' : 'volunteer'],
        siteIds: [SITE],
      });
      expect(created.status).toBe(201);
      ids[username] = ((await created.json()) as { user: { id: string } }).user.id;
    }
    // A coordinator's tablet signed in before the backup.
    const oldTablet = await signIn(before.url, 'old-tablet', COORDINATOR);
    expect(await npmRun('backup', [backupFile], deployment.original)).toContain('Backed up');

    // After the backup: Vera leaves (disabled), the coordinator's password leaked and is reset,
    // and someone guessing Dan's password locks his account.
    expect((await adminCall('PATCH', `/api/admin/users/${ids.vera}`, { disabled: true })).status).toBe(200);
    const listed = (await (await fetch(`${before.url}/api/admin/users`, { headers: admin })).json()) as {
      users: { id: string; username: string }[];
    };
    const coordinatorId = listed.users.find((user) => user.username === COORDINATOR.username)!.id;
    const newPassword = 'coordinator password after the leak';
    expect((await adminCall('POST', `/api/admin/users/${coordinatorId}/password`, { password: newPassword })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      await fetch(`${before.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'dan', password: `guess ${i} wrong` }),
      });
    }
    expect(await before.stop()).toBe(0);

    const printed = await npmRun('restore', [backupFile, '--replace'], deployment.original);
    expect(printed).toContain('new server epoch');

    const after = await start(deployment.original);
    const login = (account: { username: string; password: string }) =>
      fetch(`${after.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
    // The tablet's session from before the backup no longer opens anything.
    expect((await fetch(`${after.url}/api/auth/me`, { headers: oldTablet })).status).toBe(401);
    // Vera stays disabled, the leaked password stays dead, Dan stays locked.
    expect((await login({ username: 'vera', password: people.vera })).status).toBe(401);
    expect((await login(COORDINATOR)).status).toBe(401);
    expect((await login({ username: COORDINATOR.username, password: newPassword })).status).toBe(200);
    expect((await login({ username: 'dan', password: people.dan })).status).toBe(429);
    // And the operator was told what the restore did.
    expect(printed).toMatch(/Signed out every device: [1-9]\d* session/);
    expect(printed).toMatch(/Kept disabled as they are now: 1: vera/);
    expect(printed).toMatch(/Kept passwords changed since the backup: 1: coordinator/);
    expect(printed).toMatch(/Kept lock-outs in force: 1: dan/);
  });

  it('refuses to restore while a server holds the data, and changes nothing', async () => {
    const deployment = await makeDeployment();
    const backupDir = await mkdtemp(join(tmpdir(), 'waystation-backup-'));
    cleanups.push(() => rm(backupDir, { recursive: true, force: true }));
    const backupFile = join(backupDir, 'waystation.backup');

    const running = await start(deployment.original);
    await createCoordinator(running.url);
    expect(await npmRun('backup', [backupFile], deployment.original)).toContain('Backed up');
    // A push the running server acknowledges after the backup.
    const tablet = await device(running, 'intake-tablet');
    await tablet.push('households', [{ assumedMasterState: null, newDocumentState: household('acknowledged') }]);

    const refused = await npmRun('restore', [backupFile, '--replace'], deployment.original).then(
      () => '',
      (error: unknown) => String((error as { stderr?: string }).stderr ?? error),
    );
    expect(refused).toMatch(/A server is using .*Stop every server/);
    // The server goes on with its data: the acknowledged push is there, sessions still work.
    const held = await serverDocuments(tablet, 'households');
    expect(held.has('acknowledged')).toBe(true);
    expect(held.get('acknowledged')?._deleted).toBe(false);

    // Once it is stopped, the restore runs.
    expect(await running.stop()).toBe(0);
    expect(await npmRun('restore', [backupFile, '--replace'], deployment.original)).toContain('new server epoch');
  });
});

async function serverPull(server: SyncServer): Promise<PullResponse> {
  return server.pull('households', undefined, 1000).then(async (first) => {
    let page = first;
    for (;;) {
      const next = await server.pull('households', page.checkpoint, 1000);
      if (next.documents.length === 0) return page;
      page = next;
    }
  });
}

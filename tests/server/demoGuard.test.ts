/**
 * Demo mode cannot switch on by accident: the real server process refuses
 * WAYSTATION_DEMO=1 with PostgreSQL or on a directory the demo script did not
 * create, and a normal start refuses the demo's directory (public passwords).
 * The demo script wipes only its own directory. Also: /api/demo says false
 * on a normal server, and a pull with count=1 says how much remains.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../sync-server/src/config';
import {
  checkDemoMode,
  DEMO_MARKER_FILE,
  DemoGuardError,
  prepareDemoDataDir,
} from '../../sync-server/src/services/demo';
import { seedDemo } from '../../sync-server/src/services/demoSeed';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import { authFetch, createUser, startTestServer } from '../helpers/testServer';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'waystation-demo-guard-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts sync-server/src/main.ts as `npm start` does and returns how it ended (it must end: it refuses). */
function startServer(env: Record<string, string>): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATABASE_URL: '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('demo guard', () => {
  it('the server refuses demo mode against PostgreSQL', () => {
    const { status, output } = startServer({
      WAYSTATION_DEMO: '1',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/waystation',
      DATA_DIR: tempDir(),
    });
    expect(status).not.toBe(0);
    expect(output).toMatch(/Demo mode refuses PostgreSQL/);
  });

  it('the server refuses demo mode on a data directory the demo did not create', () => {
    const dataDir = tempDir();
    writeFileSync(path.join(dataDir, 'waystation.sqlite'), '');
    const { status, output } = startServer({ WAYSTATION_DEMO: '1', DATA_DIR: dataDir });
    expect(status).not.toBe(0);
    expect(output).toMatch(/Demo mode refuses .*no \.waystation-demo marker/);
  });

  it('a normal start refuses the demo directory, whose passwords are public', () => {
    const dataDir = path.join(tempDir(), 'demo-data');
    prepareDemoDataDir(dataDir);
    const { status, output } = startServer({ DATA_DIR: dataDir });
    expect(status).not.toBe(0);
    expect(output).toMatch(/holds the demo's data/);
  });

  it('demo mode needs both the flag and the marker', () => {
    const dataDir = path.join(tempDir(), 'demo-data');
    const database = { kind: 'sqlite' as const, path: path.join(dataDir, 'waystation.sqlite') };
    expect(() => checkDemoMode({ demo: true, dataDir, database })).toThrow(DemoGuardError);
    prepareDemoDataDir(dataDir);
    expect(checkDemoMode({ demo: false, dataDir: tempDir(), database })).toBeUndefined();
    const answer = checkDemoMode({ demo: true, dataDir, database });
    expect(answer?.demo).toBe(true);
    expect(answer && answer.demo ? answer.accounts.map((a) => a.role).sort() : []).toEqual(
      ['admin', 'case_officer', 'caseworker', 'coordinator', 'driver', 'helpline_agent', 'volunteer'],
    );
    expect(loadConfig({ WAYSTATION_DEMO: '1', DATA_DIR: dataDir }).demo).toBe(true);
    expect(loadConfig({ DATA_DIR: dataDir }).demo).toBe(false);
  });

  it('the demo script refuses a directory with other files, and wipes only its own', () => {
    const realDir = tempDir();
    writeFileSync(path.join(realDir, 'waystation.sqlite'), 'real data');
    expect(() => prepareDemoDataDir(realDir)).toThrow(/Refusing to use/);
    expect(readFileSync(path.join(realDir, 'waystation.sqlite'), 'utf8')).toBe('real data');

    const demoDir = path.join(tempDir(), 'demo-data');
    prepareDemoDataDir(demoDir);
    writeFileSync(path.join(demoDir, 'waystation.sqlite'), 'yesterday');
    prepareDemoDataDir(demoDir);
    expect(existsSync(path.join(demoDir, 'waystation.sqlite'))).toBe(false);
    expect(existsSync(path.join(demoDir, DEMO_MARKER_FILE))).toBe(true);
  });

  it('the small demo dataset seeds through the push service, with conflicts from the merge', async () => {
    const dataDir = path.join(tempDir(), 'demo-data');
    prepareDemoDataDir(dataDir);
    const store = openSqliteStore(path.join(dataDir, 'waystation.sqlite'));
    try {
      await store.migrate();
      const result = await seedDemo(store, { size: 'small' });
      expect(result.documents).toBeGreaterThan(500);
      expect(result.conflicts).toBe(2);
      expect(await store.countAfter('conflicts', 0)).toBe(2);
      expect(await store.countAfter('travelLegs', 0, ['welcome-center'])).toBeGreaterThan(10);
      expect(await store.countAfter('calls', 0, ['welcome-center'])).toBe(0);
      expect((await store.listUsers()).map((u) => u.username).sort()).toEqual(
        ['admin', 'case_officer', 'caseworker', 'coordinator', 'driver', 'helpline_agent', 'volunteer'],
      );
      // Their passwords are public and listed on the sign-in screen: nobody is asked to change one (issue 15 item 9).
      expect((await store.listUsers()).filter((u) => u.mustChangePassword === true)).toEqual([]);
    } finally {
      await store.close();
    }
  });
});

describe('protocol additions', () => {
  it('/api/demo answers false on a normal server; a pull with count=1 says how many remain', async () => {
    const server = await startTestServer();
    try {
      const demo = await fetch(`${server.url}/api/demo`);
      expect(await demo.json()).toEqual({ demo: false });
      const user = await createUser(server, { roles: ['volunteer'] });
      const at = new Date().toISOString();
      const docs = Array.from({ length: 5 }, (_, i) => ({
        id: `count-h-${i}`,
        siteId: user.user.siteIds[0],
        createdAt: at,
        updatedAt: at,
        updatedBy: 'test',
        deviceId: 'test',
        familyName: `Count ${i}`,
        arrivalDate: at.slice(0, 10),
        arrivalMode: 'bus',
        needs: { food: false, shelter: false, clothing: false, hygiene: false, medicalScreening: false, legalOrientation: false },
        destination: {},
        sponsor: {},
        consent: { dataSharing: true, photo: false },
        status: 'active',
        nameKey: `count ${i}`,
        _deleted: false,
      }));
      const pushed = await authFetch(user, '/api/sync/households/push', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }))),
      });
      expect(pushed.status).toBe(200);
      const first = await authFetch(user, '/api/sync/households/pull?limit=2&count=1');
      const body = (await first.json()) as { documents: unknown[]; remaining?: number };
      expect(body.documents).toHaveLength(2);
      expect(body.remaining).toBe(3);
      const plain = (await (await authFetch(user, '/api/sync/households/pull?limit=2')).json()) as { remaining?: number };
      expect(plain.remaining).toBeUndefined();
      expect((await authFetch(user, '/api/sync/households/pull?count=yes')).status).toBe(400);
    } finally {
      await server.close();
    }
  });
});

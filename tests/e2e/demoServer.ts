/**
 * A sync server in demo mode for browser tests: the demo script's own steps
 * (marker directory, seed through the push service, the guard's answer for
 * /api/demo) on a temporary directory, with the small dataset.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../sync-server/src/app';
import { checkDemoMode, prepareDemoDataDir } from '../../sync-server/src/services/demo';
import { seedDemo, type DemoSeedResult, type DemoSize } from '../../sync-server/src/services/demoSeed';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { E2eServer } from './server';

export async function startDemoServer(
  staticDir: string,
  size: DemoSize = 'small',
): Promise<E2eServer & { seeded: DemoSeedResult }> {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'waystation-demo-e2e-')), 'demo-data');
  prepareDemoDataDir(dataDir);
  const database = { kind: 'sqlite' as const, path: path.join(dataDir, 'waystation.sqlite') };
  const store = openSqliteStore(database.path);
  await store.migrate();
  const seeded = await seedDemo(store, { size });
  const demo = checkDemoMode({ demo: true, dataDir, database });
  const app = buildApp({ store, staticDir, ...(demo ? { demo } : {}) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
    await store.close();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    store,
    verifiers: app.verifiers,
    seeded,
    stop,
    async close() {
      await stop();
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    },
  };
}

/**
 * `npm run demo`: the product as `npm start` serves it, on its own data
 * directory (./demo-data, or DEMO_DATA_DIR) wiped and seeded with invented
 * data at every start, so today's departures are always today's. Then the
 * usual server starts in demo mode (WAYSTATION_DEMO=1), which checks the
 * directory's marker again (services/demo.ts).
 *
 * DEMO_SIZE=small (or medium) seeds a few hundred (or ~3,000) records instead of ~9,500.
 */
import path from 'node:path';
import { prepareDemoDataDir } from '../services/demo';
import { seedDemo, type DemoSize } from '../services/demoSeed';
import { openSqliteStore } from '../store/sqlite';
import { cliPath } from './run';

async function seed(): Promise<void> {
  if (process.env.DATABASE_URL) {
    throw new Error('The demo refuses to run with DATABASE_URL set: it never touches a PostgreSQL database.');
  }
  const size: DemoSize = process.env.DEMO_SIZE === 'small' || process.env.DEMO_SIZE === 'medium' ? process.env.DEMO_SIZE : 'full';
  const dataDir = cliPath(process.env.DEMO_DATA_DIR ?? 'demo-data');
  prepareDemoDataDir(dataDir);
  const store = openSqliteStore(path.join(dataDir, 'waystation.sqlite'));
  try {
    await store.migrate();
    const started = Date.now();
    const result = await seedDemo(store, { size });
    console.log(
      `Demo data: ${result.documents.toLocaleString('en')} invented records and ${result.conflicts} open conflicts ` +
        `in ${dataDir} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await store.close();
  }
  process.env.DATA_DIR = dataDir;
  process.env.WAYSTATION_DEMO = '1';
}

seed().then(
  // The server reads its configuration from the environment set above.
  () => import('../main'),
  (error: unknown) => {
    console.error('The demo could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);

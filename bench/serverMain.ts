/**
 * The sync server as the benchmark runs it: its own process (so the load
 * generator never shares its event loop), loopback only, the real app from
 * sync-server/src/app.ts on SQLite or PostgreSQL, first-start bootstrap, and
 * a coordinator (and helpline agent) of the bench sites with `BENCH_SESSIONS` signed-in sessions
 * (one per simulated device). Optionally seeded with a dataset file before it
 * listens. Documents go to a directory store in BENCH_DATA_DIR, and
 * PUT /bench/plain-upload takes a body and drops it (the upload figure's
 * baseline). Prints one JSON line `{ url, tokens }` when ready.
 *
 * Env: BENCH_DATA_DIR, BENCH_STATIC_DIR?, BENCH_SEED_FILE?, BENCH_SESSIONS?,
 *      BENCH_SITES (comma list), DATABASE_URL + DATABASE_SCHEMA for PostgreSQL.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../sync-server/src/app';
import { DirectoryBlobStore } from '../sync-server/src/attachments/blobStore';
import { bootstrap } from '../sync-server/src/services/bootstrap';
import { DEFAULT_AUTH_SETTINGS, openSession } from '../sync-server/src/services/auth';
import { openPostgresStore } from '../sync-server/src/store/postgres';
import { openSqliteStore } from '../sync-server/src/store/sqlite';
import type { Store } from '../sync-server/src/store/types';
import type { WireDocument } from '../src/sync/protocol';

const SEED_CHUNK = 2_000;

function env(name: string): string | undefined {
  return process.env[name]?.trim() || undefined;
}

async function seed(store: Store, file: string) {
  const dataset = JSON.parse(readFileSync(file, 'utf8')) as Record<string, WireDocument[]>;
  for (const [collection, docs] of Object.entries(dataset)) {
    for (let i = 0; i < docs.length; i += SEED_CHUNK) {
      await store.transaction(async (tx) => {
        for (const doc of docs.slice(i, i + SEED_CHUNK))
          await tx.putDocument(collection, doc, String(doc.siteId));
      });
    }
  }
}

async function main() {
  const dataDir = env('BENCH_DATA_DIR');
  if (!dataDir) throw new Error('BENCH_DATA_DIR is required');
  const databaseUrl = env('DATABASE_URL');
  const store = databaseUrl
    ? openPostgresStore(databaseUrl, { schema: env('DATABASE_SCHEMA') ?? 'public' })
    : openSqliteStore(join(dataDir, 'waystation.sqlite'));
  await store.migrate();
  await bootstrap(store, { adminPassword: 'bench-admin-password' });
  const seedFile = env('BENCH_SEED_FILE');
  if (seedFile) await seed(store, seedFile);

  const at = new Date().toISOString();
  const user = {
    id: 'bench-coordinator',
    username: 'bench',
    displayName: 'Bench coordinator',
    passwordHash: 'no-password',
    // A coordinator reads calls but only the helpline logs them: both roles, so a bench device pushes every record type.
    roles: ['coordinator', 'helpline_agent'],
    siteIds: (env('BENCH_SITES') ?? 'welcome-center').split(','),
    disabled: false,
    createdAt: at,
    updatedAt: at,
  };
  await store.transaction((tx) => tx.insertUser(user));
  const authDeps = { store, settings: DEFAULT_AUTH_SETTINGS, now: () => new Date() };
  const tokens: string[] = [];
  for (let i = 0; i < Number(env('BENCH_SESSIONS') ?? '1'); i++) {
    tokens.push((await openSession(authDeps, user, `bench-device-${i}`)).token);
  }

  const staticDir = env('BENCH_STATIC_DIR');
  const app = buildApp({
    store,
    attachments: { blobs: new DirectoryBlobStore(join(dataDir, 'attachments'), randomBytes(32)) },
    ...(staticDir ? { staticDir } : {}),
  });
  // The upload figure's baseline: the same bytes in one plain request, read whole and dropped.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: 4 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    scope.put<{ Body: Buffer }>('/bench/plain-upload', async (request) => ({
      received: request.body.length,
    }));
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // A seeded server is ready once its records' verifiers are made, as on a server that held them before the
  // device came: otherwise the follower's first hashes ran beside the figure being measured.
  if (seedFile) await app.verifiers.settle();
  const { port } = app.server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}`, tokens })}\n`);

  const shutdown = async () => {
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

/**
 * Keeps this device within its scope over time (issue 21 item 1): after each
 * sync it asks the server for the user's scope and the server's clock
 * (GET /api/device-scope), keeps both for the next unlock, and lets go of
 * what left the scope (src/db/deviceScopePurge.ts). At unlock, before any
 * sync, the kept scope and the server's clock as last seen (the device's
 * clock plus the difference then) purge a device that was offline longer
 * than the window. Without a kept scope (never synced since) nothing is
 * purged at unlock. The kept scope is one localStorage key, removed at
 * sign-out with every other key of the user (forgetUser.ts).
 */
import { z } from 'zod';
import { myDeviceScopeSchema, type MyDeviceScope } from '../domain/deviceScope';
import { purgeOutOfScope, type MetaSource } from '../db/deviceScopePurge';
import type { WaystationDatabase } from '../db/database';
import { openReplicationMeta, type MetaInstance } from '../db/replicationMeta';
import type { CollectionName } from '../domain/collections';
import { api, type ApiConnection } from './apiClient';
import type { SyncHandle } from './replication';
import { syncStatusStore } from './syncStatusStore';

/** Before sync starts (unlock): each collection's replication meta, opened for the purge and closed after. */
export function metaOpenedFor(db: WaystationDatabase, baseUrl: string): MetaSource {
  return async (name: CollectionName) => {
    const meta = await openReplicationMeta(db, name, baseUrl);
    return { meta, release: () => meta.close() };
  };
}

/** While sync runs: the replication's own meta (none in a tab that is not the leader: it purges later). */
export function metaOfRunningSync(sync: SyncHandle): MetaSource {
  return (name: CollectionName) => {
    const meta = sync.replications.get(name)?.metaInstance as MetaInstance | undefined;
    return Promise.resolve(meta ? { meta, release: () => Promise.resolve() } : undefined);
  };
}

export const SCOPE_CHECK_INTERVAL_MS = 10_000;

const keptScopeSchema = z.object({
  scope: myDeviceScopeSchema.pick({ sites: true }),
  /** The server's clock minus the device's, when the scope was fetched. */
  serverOffsetMs: z.number(),
});
type KeptScope = z.infer<typeof keptScopeSchema>;

export function keptScopeKey(databaseName: string): string {
  return `waystation.deviceScope.${databaseName}`;
}

function readKept(databaseName: string): KeptScope | undefined {
  try {
    const raw = globalThis.localStorage?.getItem(keptScopeKey(databaseName));
    const parsed = raw ? keptScopeSchema.safeParse(JSON.parse(raw)) : undefined;
    return parsed?.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function keep(databaseName: string, answer: MyDeviceScope, deviceNow: number): void {
  const kept: KeptScope = { scope: { sites: answer.sites }, serverOffsetMs: Date.parse(answer.now) - deviceNow };
  try {
    globalThis.localStorage?.setItem(keptScopeKey(databaseName), JSON.stringify(kept));
  } catch {
    // storage full or blocked: the next sync asks again
  }
}

/** The unlock's purge, offline: with the scope kept at the last sync and the server's clock as then seen. */
export async function purgeAtUnlock(db: WaystationDatabase, databaseName: string, baseUrl: string): Promise<number> {
  const kept = readKept(databaseName);
  if (!kept) return 0;
  try {
    return await purgeOutOfScope(db, kept.scope, new Date(Date.now() + kept.serverOffsetMs), metaOpenedFor(db, baseUrl));
  } catch (error) {
    console.warn('Device scope purge at unlock failed; the next sync tries again', error);
    return 0;
  }
}

/** After each successful sync (at most every SCOPE_CHECK_INTERVAL_MS): fetch the scope, keep it, purge. */
export function startScopePurges(options: {
  db: WaystationDatabase;
  databaseName: string;
  connection: ApiConnection;
  sync: SyncHandle;
  minIntervalMs?: number;
}): () => void {
  const minIntervalMs = options.minIntervalMs ?? SCOPE_CHECK_INTERVAL_MS;
  let lastRunAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;

  const run = async () => {
    timer = undefined;
    if (stopped || running || !syncStatusStore.getState().online) return;
    running = true;
    lastRunAt = Date.now();
    try {
      const answer = await api.deviceScope.mine(options.connection);
      const deviceNow = Date.now();
      keep(options.databaseName, answer, deviceNow);
      if (!stopped && !options.db.closed) await purgeOutOfScope(options.db, answer, new Date(Date.parse(answer.now)), metaOfRunningSync(options.sync));
    } catch {
      // offline or refused: the next sync tries again
    } finally {
      running = false;
    }
  };
  const schedule = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => void run(), Math.max(0, lastRunAt + minIntervalMs - Date.now()));
  };
  const unsubscribe = syncStatusStore.subscribe((state, before) => {
    if (state.lastSyncedAt !== before.lastSyncedAt) schedule();
  });
  schedule();
  return () => {
    stopped = true;
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

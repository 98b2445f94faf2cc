/**
 * The scheduled purge of deleted versions (issue 21 item 2). Each run notes
 * the highest sequence number with the server's time (a seq mark), then, for
 * each collection with a retention, removes the deleted versions written
 * before the newest mark that is at least that many days old. The removed
 * range becomes the collection's purge horizon: a device whose checkpoint lies
 * below it may have missed one of those deletions, so its pull starts again
 * from the beginning (services/access.ts), as after a restore; its unsynced
 * changes stay on the device and are pushed as usual.
 */
import type { CollectionName } from '@waystation/domain/collections';
import type { RetentionPolicy } from '@waystation/domain/retention';
import type { Store } from '../store/types';
import { SYSTEM_USER } from './actor';

const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_ACTION = 'retention_purge';

export async function runRetention(store: Store, policy: RetentionPolicy, now: Date): Promise<Record<string, number>> {
  await store.markSeq(now.toISOString());
  const removed: Record<string, number> = {};
  for (const [collection, rule] of Object.entries(policy) as [CollectionName, { tombstoneDays: number }][]) {
    const cutoff = new Date(now.getTime() - rule.tombstoneDays * DAY_MS).toISOString();
    const count = await store.purgeDeleted(collection, cutoff);
    if (count > 0) removed[collection] = count;
  }
  if (Object.keys(removed).length > 0) {
    await store.transaction((tx) =>
      tx.appendAudit({ at: now.toISOString(), userId: SYSTEM_USER, deviceId: 'server', action: RETENTION_ACTION, details: { removed } }),
    );
  }
  return removed;
}

/** Runs the purge now and then every `everyMs`; returns a stop function. A failed run is logged and retried next time. */
export function scheduleRetention(
  store: Store,
  policy: RetentionPolicy,
  clock: () => Date,
  everyMs: number,
  onError: (error: unknown) => void,
): () => void {
  if (Object.keys(policy).length === 0) return () => undefined;
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => runRetention(store, policy, clock())).catch(onError);
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

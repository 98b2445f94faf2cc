/**
 * Letting go of records that left this device's scope (issue 21 item 1; the
 * rules are src/domain/deviceScope.ts): families that departed and calls that
 * closed longer ago than the user's roles keep them. Run at unlock, before
 * sync, with the scope the server last gave and the server's clock as last
 * seen (so a device offline longer than the window purges without the
 * server), and again after each sync with the server's fresh answer.
 *
 * Nothing that waits to be pushed is removed: a family stays while it, or
 * any record of it, is in the outbox (set-aside changes included), and goes
 * at the first purge after the push.
 *
 * This is not a user's edit and not a deletion: it never enters the outbox,
 * and the record is replaced by the same content-free tombstone the server
 * sends for a record out of scope (src/domain/erasure.ts), named by
 * DEVICE_SCOPE_WRITER, written as a pulled version is: first into the
 * replication meta as the server's version (replicationMeta.ts), then into
 * the collection's storage, so the upstream finds nothing to push and no
 * copy of the content is left on the device. The conflict handler also never
 * lets a scope tombstone be pushed. The server keeps the record.
 */
import type { RxDocumentData } from 'rxdb';
import type { CollectionName } from '../domain/collections';
import {
  callsLeavingDevice,
  DEVICE_SCOPE_WRITER,
  HOUSEHOLD_FOLLOWERS,
  householdsLeavingDevice,
  isScopeTombstone,
  type MyDeviceScope,
} from '../domain/deviceScope';
import { contentFreeTombstone } from '../domain/erasure';
import { openCollections, syncedCollection, type WaystationDatabase } from './database';
import { setAssumedServerVersions, type MetaInstance } from './replicationMeta';

/**
 * The replication meta of a collection, and how to let go of it afterwards;
 * undefined when it cannot be had now (another tab replicates): that
 * collection is purged later.
 */
export type MetaSource = (name: CollectionName) => Promise<{ meta: MetaInstance; release(): Promise<void> } | undefined>;

type Doc = { id: string } & Record<string, unknown>;

/** Ids of each collection's records waiting in the outbox (pending or set aside). */
async function waitingIds(db: WaystationDatabase): Promise<Map<string, Set<string>>> {
  const byCollection = new Map<string, Set<string>>();
  for (const entry of await db.outbox.find().exec()) {
    const ids = byCollection.get(entry.collectionName) ?? new Set<string>();
    ids.add(entry.docId);
    byCollection.set(entry.collectionName, ids);
  }
  return byCollection;
}

async function liveDocs(db: WaystationDatabase, name: CollectionName, selector: Record<string, unknown> = {}): Promise<Doc[]> {
  const found = await syncedCollection(db, name).find({ selector }).exec();
  return found.map((doc) => doc.toJSON() as Doc);
}

/** Replaces these records with tombstones without content, on this device only; returns how many. */
async function letGo(db: WaystationDatabase, metaOf: MetaSource, name: CollectionName, ids: readonly string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const source = await metaOf(name);
  if (!source) return 0;
  try {
    return await letGoWith(db, source.meta, name, ids);
  } finally {
    await source.release();
  }
}

async function letGoWith(db: WaystationDatabase, meta: MetaInstance, name: CollectionName, ids: readonly string[]): Promise<number> {
  const storage = syncedCollection(db, name).storageInstance;
  const current = (await storage.findDocumentsById([...ids], false)) as unknown as RxDocumentData<Doc>[];
  const leaving = current
    .filter((previous) => !isScopeTombstone(previous))
    .map((previous) => ({
      previous,
      tombstone: contentFreeTombstone(name, previous, {
        at: typeof previous.updatedAt === 'string' ? previous.updatedAt : new Date().toISOString(),
        by: typeof previous.updatedBy === 'string' ? previous.updatedBy : DEVICE_SCOPE_WRITER,
        writer: DEVICE_SCOPE_WRITER,
      }),
    }));
  // The server's version first: from then on the upstream sees the tombstone as already the server's.
  const assumed = await setAssumedServerVersions(db, meta, leaving.map((l) => l.tombstone));
  const rows = leaving
    .filter((l) => assumed.has(l.previous.id))
    .map(({ previous, tombstone }) => {
      // _rev and _meta.lwt are set by RxDB's storage wrapper; no replication marker is carried over.
      const document = { ...tombstone, _attachments: {}, _rev: previous._rev, _meta: { lwt: previous._meta.lwt } };
      return { previous, document: document as unknown as RxDocumentData<Doc> };
    });
  if (rows.length === 0) return 0;
  const result = await storage.bulkWrite(rows as never, 'device-scope-purge');
  // A row written meanwhile (a pull, an edit) is left for the next purge.
  return rows.length - result.error.length;
}

/** Households whose records remain on the device although the household is a scope tombstone (and nothing waits). */
async function familiesLetGoByServer(
  db: WaystationDatabase,
  opened: ReadonlySet<CollectionName>,
  households: readonly Doc[],
  unsynced: ReadonlySet<string>,
): Promise<string[]> {
  const here = new Set(households.map((doc) => doc.id));
  const absent = new Set<string>();
  for (const name of HOUSEHOLD_FOLLOWERS) {
    if (!opened.has(name)) continue;
    for (const doc of await liveDocs(db, name)) {
      if (typeof doc.householdId === 'string' && !here.has(doc.householdId)) absent.add(doc.householdId);
    }
  }
  if (absent.size === 0) return [];
  const found = await syncedCollection(db, 'households').storageInstance.findDocumentsById([...absent], true);
  return found.filter((doc) => isScopeTombstone(doc) && !unsynced.has(doc.id)).map((doc) => doc.id);
}

/** Removes from this device what left its scope at `now`; returns how many records went. */
export async function purgeOutOfScope(
  db: WaystationDatabase,
  scope: Pick<MyDeviceScope, 'sites'>,
  now: Date,
  metaOf: MetaSource,
): Promise<number> {
  if (scope.sites.every((site) => site.keepDays === null)) return 0;
  const opened = new Set(openCollections(db));
  const waiting = await waitingIds(db);
  let removed = 0;

  if (opened.has('households')) {
    // A family with any record waiting to be pushed stays whole.
    const unsyncedFamilies = new Set(waiting.get('households'));
    for (const name of HOUSEHOLD_FOLLOWERS) {
      const ids = [...(waiting.get(name) ?? [])];
      if (!opened.has(name) || ids.length === 0) continue;
      for (const doc of (await syncedCollection(db, name).findByIds(ids).exec()).values()) {
        const householdId = (doc.toJSON() as Doc).householdId;
        if (typeof householdId === 'string') unsyncedFamilies.add(householdId);
      }
    }
    const households = await liveDocs(db, 'households');
    const leaving = householdsLeavingDevice(households, scope, now, (id) => unsyncedFamilies.has(id));
    // A family the server already let go of for this device (its tombstone pulled) leaves its records behind.
    const families = new Set([...leaving, ...(await familiesLetGoByServer(db, opened, households, unsyncedFamilies))]);
    if (families.size > 0) {
      for (const name of HOUSEHOLD_FOLLOWERS) {
        if (!opened.has(name)) continue;
        const followers = await liveDocs(db, name, { householdId: { $in: [...families] } });
        removed += await letGo(db, metaOf, name, followers.map((doc) => doc.id));
      }
      removed += await letGo(db, metaOf, 'households', leaving);
    }
  }

  if (opened.has('calls')) {
    const waitingCalls = waiting.get('calls') ?? new Set<string>();
    const leaving = callsLeavingDevice(await liveDocs(db, 'calls', { status: 'closed' }), scope, now, (id) =>
      waitingCalls.has(id),
    );
    removed += await letGo(db, metaOf, 'calls', leaving);
  }
  return removed;
}

/**
 * Undoing a save that failed part-way (recordWrites.ts).
 *
 * A save writes its outbox entries, then each collection's records; each of
 * those is its own IndexedDB transaction, so a full device can refuse the
 * second after the first went through. Left alone, that is a family without
 * its members, or an outbox entry for a version that was never stored — which
 * no push ever acknowledges, so "1 change waiting" would stay for good. The
 * undo puts back what was there before the save began: earlier versions of
 * edited records, nothing for new ones, and the outbox entries as they were.
 *
 * A new record that was written is removed with RxDB's soft delete (there is
 * no other way to take a write back); the tombstone of a record nobody saw
 * syncs like any deletion and is shown nowhere.
 */
import type { CollectionName } from '../domain/collections';
import { outboxKey, type OutboxEntry, type PendingChange } from './outbox';
import { syncedCollection, type WaystationDatabase } from './database';

interface Written {
  collection: CollectionName;
  /** id → the updatedAt this save stored. */
  versions: Map<string, string>;
}

export interface SaveUndo {
  /** Notes that these records of `collection` were stored by the save. */
  stored(collection: CollectionName, versions: ReadonlyMap<string, string>): void;
  /** Puts back what was there before the save. Never throws: a failed step is logged and the rest still runs. */
  run(): Promise<void>;
}

type Previous = Map<CollectionName, Map<string, Record<string, unknown>>>;

/** Reads what a save of these versions is about to replace, so it can be put back. */
export async function prepareUndo(
  db: WaystationDatabase,
  changes: readonly PendingChange[],
): Promise<SaveUndo> {
  // key → the version this save records in the outbox
  const saving = new Map(changes.map((c) => [outboxKey(c.collection, c.id), c.updatedAt]));
  const previousEntries = new Map<string, OutboxEntry>();
  for (const [key, entry] of await db.outbox.findByIds([...saving.keys()]).exec()) {
    previousEntries.set(key, entry.toJSON());
  }
  const ids = new Map<CollectionName, string[]>();
  for (const { collection, id } of changes) {
    const name = collection as CollectionName;
    const list = ids.get(name) ?? [];
    list.push(id);
    ids.set(name, list);
  }
  const previousDocs: Previous = new Map();
  for (const [collection, docIds] of ids) {
    const found = await syncedCollection(db, collection).findByIds(docIds).exec();
    previousDocs.set(
      collection,
      new Map([...found].map(([id, doc]) => [id, doc.toJSON() as Record<string, unknown>])),
    );
  }
  const written: Written[] = [];

  return {
    stored(collection, versions) {
      written.push({ collection, versions: new Map(versions) });
    },
    async run() {
      const keptKeys = new Set<string>();
      for (const { collection, versions } of written.reverse()) {
        const kept = await revertRecords(db, collection, versions, previousDocs.get(collection) ?? new Map());
        for (const id of kept) keptKeys.add(outboxKey(collection, id));
      }
      for (const key of keptKeys) saving.delete(key);
      await restoreOutbox(db, saving, previousEntries);
    },
  };
}

/**
 * Puts the records this save stored back as they were. Returns the ids left
 * as the save wrote them (the revert failed): their new version stays, and so
 * must its outbox entry.
 */
async function revertRecords(
  db: WaystationDatabase,
  collection: CollectionName,
  versions: ReadonlyMap<string, string>,
  previous: ReadonlyMap<string, Record<string, unknown>>,
): Promise<string[]> {
  const rx = syncedCollection(db, collection);
  try {
    // Only what is still this save's version: another tab may have written since.
    const current = await rx.findByIds([...versions.keys()]).exec();
    const ours = [...current.values()].filter((doc) => versions.get(doc.primary) === doc.get('updatedAt'));
    const restore = ours.flatMap((doc) => previous.get(doc.primary) ?? []);
    const created = ours.filter((doc) => !previous.has(doc.primary));
    const kept: string[] = [];
    if (restore.length > 0) {
      const result = await rx.bulkUpsert(restore as never[]);
      kept.push(...result.error.map((e) => e.documentId));
    }
    if (created.length > 0) {
      const result = await rx.bulkRemove(created);
      kept.push(...result.error.map((e) => e.documentId));
    }
    return kept;
  } catch (error) {
    console.error(`could not undo the ${collection} records of a failed save`, error);
    return [...versions.keys()];
  }
}

/** Puts back the outbox entries this save replaced; only those still holding its version (a push or another tab may have moved on). */
async function restoreOutbox(
  db: WaystationDatabase,
  saving: ReadonlyMap<string, string>,
  previous: ReadonlyMap<string, OutboxEntry>,
): Promise<void> {
  try {
    const current = await db.outbox.findByIds([...saving.keys()]).exec();
    const ours = [...current.values()].filter((entry) => saving.get(entry.id) === entry.updatedAt);
    const restore = ours.flatMap((entry) => previous.get(entry.id) ?? []);
    const added = ours.filter((entry) => !previous.has(entry.id));
    if (restore.length > 0) await db.outbox.bulkUpsert(restore);
    if (added.length > 0) await db.outbox.bulkRemove(added);
  } catch (error) {
    // The entries stay: the count shows a change too many, never one too few.
    console.error('could not undo the outbox entries of a failed save', error);
  }
}

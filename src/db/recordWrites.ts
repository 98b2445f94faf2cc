/**
 * Storing records outbox-first (see outbox.ts), all or nothing. Screens do
 * not call this directly: they go through the one write path,
 * recordEdits.ts, which decides what to store from what the person changed.
 */
import type { CollectionName } from '../domain/collections';
import type { RecordMeta } from '../domain/common';
import { markPending } from './outbox';
import { syncedCollection, type WaystationDatabase } from './database';
import { asStorageFull, StorageFullError } from './storageFull';
import { reportSaved, reportStorageFull } from './storageStatus';
import { prepareUndo } from './writeUndo';
import type { DocumentTypes } from './types';

export interface WriteActor {
  userId: string;
  deviceId: string;
  siteId: string;
}

type Doc<K extends CollectionName> = DocumentTypes[K];
/** A record's own fields, without the metadata every record carries. */
export type RecordContent<K extends CollectionName> = Omit<Doc<K>, keyof RecordMeta>;

export { nextUpdatedAt } from '../domain/recordEdit';

/** JSON has no `undefined`: a cleared field is absent, as after a sync. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The record's own fields (drops metadata and RxDB's internals). */
export function contentOf<K extends CollectionName>(doc: Doc<K>): RecordContent<K> {
  const skip = new Set([
    'id',
    'siteId',
    'createdAt',
    'updatedAt',
    'updatedBy',
    'deviceId',
    '_deleted',
    '_rev',
    '_meta',
    '_attachments',
  ]);
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !skip.has(key))) as RecordContent<K>;
}

export async function findRecord<K extends CollectionName>(
  db: WaystationDatabase,
  collection: K,
  id: string,
): Promise<Doc<K> | undefined> {
  const doc = await syncedCollection(db, collection).findOne(id).exec();
  return doc ? (doc.toJSON() as Doc<K>) : undefined;
}

/** The input failed validation; nothing was written. `issues` carry paths for the form. */
export class InvalidRecordError extends Error {
  constructor(
    readonly what: string,
    readonly issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ) {
    super(
      `Invalid ${what}: ${issues.map((i) => `${i.path.map(String).join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
    this.name = 'InvalidRecordError';
  }
}

export class RecordNotFoundError extends Error {
  constructor(collection: string, id: string) {
    super(`No ${collection} record ${id}`);
    this.name = 'RecordNotFoundError';
  }
}

/** One collection's records of a save. */
export type RecordSet = { [K in CollectionName]: { collection: K; docs: readonly Doc<K>[] } }[CollectionName];

/**
 * Writes to several collections as one operation: every outbox entry first,
 * then the records. If any part fails, what was written is undone
 * (writeUndo.ts), so a failed save changes nothing that was saved before.
 * @throws StorageFullError when the device has no room left (see storageFull.ts)
 */
export async function writeRecordSets(db: WaystationDatabase, sets: readonly RecordSet[]): Promise<void> {
  const pending = sets.flatMap(({ collection, docs }) =>
    docs.map((doc) => ({ collection, id: doc.id, updatedAt: doc.updatedAt })),
  );
  if (pending.length === 0) return;
  const undo = await prepareUndo(db, pending);
  try {
    await markPending(db.outbox, pending);
    for (const set of sets) {
      if (set.docs.length === 0) continue;
      const result = await syncedCollection(db, set.collection).bulkUpsert([...set.docs] as never[]);
      const refused = new Set(result.error.map((e) => e.documentId));
      undo.stored(
        set.collection,
        new Map(set.docs.filter((doc) => !refused.has(doc.id)).map((doc) => [doc.id, doc.updatedAt])),
      );
      if (result.error.length > 0) {
        throw new Error(
          `Could not save ${result.error.length} ${set.collection} record(s): ${result.error[0]?.status}`,
        );
      }
    }
  } catch (error) {
    await undo.run();
    const failure = asStorageFull(error);
    if (failure instanceof StorageFullError) reportStorageFull();
    throw failure;
  }
  reportSaved();
}

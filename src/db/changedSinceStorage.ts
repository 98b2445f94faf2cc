/**
 * Dexie storage whose instances answer `getChangedDocumentsSince` with one
 * IndexedDB range read on the `[_meta.lwt+id]` index Dexie already keeps.
 *
 * Why: without this method RxDB falls back to a mango query
 * `$or[lwt > X, lwt == X && id > Y]` planned on `lwt >= X`. A bulk insert
 * gives thousands of documents the same lwt, so every page of the replication
 * upstream rescans that whole equal-lwt group: pushing n records offline
 * costs O(n²) (measured: 7× a raw put at 10k, 28× at 50k). The compound key
 * range `above([lwt, id])` starts exactly after the checkpoint: O(page).
 *
 * The result is the generic one's, document for document (see the test):
 * deleted documents included, ordered by (lwt, id), same checkpoint rules.
 * Encryption wraps outside this storage and forwards the method.
 */
import {
  categorizeBulkWriteRows,
  type BulkWriteRow,
  type DexieSettings,
  type DexieStorageInternals,
  type EventBulk,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
} from 'rxdb';
import {
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  fromStorageToDexie,
  getRxStorageDexie,
  type RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';
import type { Subject } from 'rxjs';

type DexieStorage = RxStorage<DexieStorageInternals, DexieSettings>;

export interface ChangedSince<D> {
  documents: RxDocumentData<D>[];
  checkpoint: RxStorageDefaultCheckpoint;
}

/** The documents changed after `checkpoint`, in (lwt, id) order, at most `limit`. */
export async function changedDocumentsSince<D>(
  instance: RxStorageInstanceDexie<D>,
  limit: number,
  checkpoint?: RxStorageDefaultCheckpoint,
): Promise<ChangedSince<D>> {
  const { dexieTable, booleanIndexes } = await instance.internals;
  const index = `[${['_meta.lwt', instance.primaryPath].map(dexieReplaceIfStartsWithPipe).join('+')}]`;
  const range = checkpoint
    ? dexieTable.where(index).above([checkpoint.lwt, checkpoint.id])
    : dexieTable.orderBy(index);
  const rows: unknown[] = await range.limit(limit).toArray();
  const documents = rows.map((row) => fromDexieToStorage(booleanIndexes, row) as RxDocumentData<D>);
  const last = documents.at(-1);
  return {
    documents,
    checkpoint: last
      ? { id: String(last[instance.primaryPath as keyof RxDocumentData<D>]), lwt: last._meta.lwt }
      : (checkpoint ?? { id: '', lwt: 0 }),
  };
}

/**
 * A write of new documents only (no row has a previous state), stored with
 * IndexedDB `add` and no read first: RxDB's Dexie storage reads every id of a
 * write before it writes (to find conflicts), which for a fresh device's
 * first sync is a read that always misses, per document, in the store and in
 * the replication meta (bench/README.md, "Bootstrap from a snapshot"). `add`
 * refuses a key that exists, so when any row's id is already stored the whole
 * transaction is undone and the ordinary path runs: it reads, and answers that
 * row with the conflict (409) RxDB expects. The result and the change events
 * are RxDB's own (`categorizeBulkWriteRows` of a store holding none of them).
 * Undefined when the write is not for this path (the caller uses RxDB's).
 */
export async function insertWithoutRead<D>(
  instance: RxStorageInstanceDexie<D>,
  rows: BulkWriteRow<D>[],
  context: string,
): Promise<RxStorageBulkWriteResponse<D> | undefined> {
  if (rows.length === 0 || instance.devMode || instance.closed || instance.schema.attachments)
    return undefined;
  if (!rows.every((row) => !row.previous && row.document._rev)) return undefined;
  const state = await instance.internals;
  const categorized = categorizeBulkWriteRows<D>(
    instance,
    instance.primaryPath as Extract<keyof D, string>,
    new Map(),
    rows,
    context,
  );
  if (categorized.errors.length > 0 || categorized.bulkUpdateDocs.length > 0) return undefined;
  const docs = categorized.bulkInsertDocs.map((row) =>
    fromStorageToDexie(state.booleanIndexes, row.document),
  );
  try {
    await state.dexieDb.transaction('rw', state.dexieTable, () => state.dexieTable.bulkAdd(docs));
  } catch (error) {
    // A key that exists (Dexie's BulkError of ConstraintErrors): nothing was written.
    if (error instanceof Error && error.name === 'BulkError') return undefined;
    throw error;
  }
  const newest = categorized.newestRow?.document;
  if (newest && categorized.eventBulk.events.length > 0) {
    categorized.eventBulk.checkpoint = { id: String(newest[instance.primaryPath]), lwt: newest._meta.lwt };
    changesOf(instance).next(categorized.eventBulk);
  }
  return { error: [] };
}

/** The subject RxDB's Dexie instance emits its change events on (a private field of the class). */
function changesOf<D>(instance: RxStorageInstanceDexie<D>) {
  return (
    instance as unknown as {
      changes$: Subject<EventBulk<RxStorageChangeEvent<RxDocumentData<D>>, RxStorageDefaultCheckpoint>>;
    }
  ).changes$;
}

/** Dexie storage (IndexedDB, or `settings.indexedDB` in tests) with the indexed changes feed and reads skipped for inserts. */
export function getIndexedChangesDexieStorage(settings: DexieSettings = {}): DexieStorage {
  const base = getRxStorageDexie(settings);
  return {
    name: base.name,
    rxdbVersion: base.rxdbVersion,
    async createStorageInstance(params) {
      const instance = (await base.createStorageInstance(
        params,
      )) as unknown as RxStorageInstanceDexie<unknown>;
      const withFeed = instance as unknown as RxStorageInstance<
        unknown,
        DexieStorageInternals,
        DexieSettings
      >;
      withFeed.getChangedDocumentsSince = (limit: number, checkpoint?: RxStorageDefaultCheckpoint) =>
        changedDocumentsSince(instance, limit, checkpoint);
      const bulkWrite = instance.bulkWrite.bind(instance);
      withFeed.bulkWrite = async (rows, context) =>
        (await insertWithoutRead(instance, rows as BulkWriteRow<unknown>[], context)) ??
        bulkWrite(rows, context);
      return withFeed as never;
    },
  };
}

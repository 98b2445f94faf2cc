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
import type {
  DexieSettings,
  DexieStorageInternals,
  RxDocumentData,
  RxStorage,
  RxStorageDefaultCheckpoint,
  RxStorageInstance,
} from 'rxdb';
import {
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  getRxStorageDexie,
  type RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';

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

/** Dexie storage (IndexedDB, or `settings.indexedDB` in tests) with the indexed changes feed. */
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
      return withFeed as never;
    },
  };
}

/**
 * Test helper: a storage that can be made to refuse writes the way a full
 * device does in Chromium — the transaction aborts and Dexie rejects with an
 * AbortError whose `inner` is the browser's QuotaExceededError — chosen per
 * collection, so a test can fail one part of a save and not another.
 */
import Dexie from 'dexie';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import type { AnyRxStorage } from './database';

export interface FullDevice {
  storage: AnyRxStorage;
  /** From now on, writes to these collections (RxDB's storage names, e.g. 'households', 'outbox') fail. */
  refuse(collections: readonly string[] | 'all', error?: () => unknown): void;
  /** Space was freed: every write goes through again. */
  free(): void;
}

export function quotaAbort(): unknown {
  return new Dexie.AbortError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
}

export function fullDevice(base: AnyRxStorage = getRxStorageMemory()): FullDevice {
  let refused: ReadonlySet<string> | 'all' = new Set();
  let makeError: () => unknown = quotaAbort;
  const storage: AnyRxStorage = {
    name: base.name,
    rxdbVersion: base.rxdbVersion,
    async createStorageInstance(params) {
      const instance = await base.createStorageInstance(params);
      const bulkWrite = instance.bulkWrite.bind(instance);
      instance.bulkWrite = (rows, context) =>
        refused === 'all' || refused.has(params.collectionName)
          ? Promise.reject(makeError())
          : bulkWrite(rows, context);
      return instance;
    },
  };
  return {
    storage,
    refuse(collections, error = quotaAbort) {
      refused = collections === 'all' ? 'all' : new Set(collections);
      makeError = error;
    },
    free() {
      refused = new Set();
    },
  };
}

/**
 * Reading a whole collection of the device store for dashboards, reports and
 * exports: in pages by id, yielding to the browser between pages, so a
 * coordinator's device with 100,000 records keeps answering taps and can
 * show how far it got.
 */
import type { RxCollection } from 'rxdb';
import type { CollectionName } from '../../domain/collections';
import { syncedCollection, type WaystationDatabase } from '../../db/database';
import type { DocumentTypes } from '../../db/types';

export const PAGE_SIZE = 2000;

/** Lets the browser paint and handle input before the next chunk of work. */
export function yieldToBrowser(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export interface Progress {
  done: number;
  total: number;
}

/** Every record of a collection on this device ([] when the device does not hold it). */
export async function loadAll<K extends CollectionName>(
  db: WaystationDatabase,
  collection: K,
  onProgress?: (loaded: number) => void,
): Promise<DocumentTypes[K][]> {
  if (!(collection in db.collections)) return [];
  // Every record type has an `id` primary key; the generic collection type cannot see that.
  const rx = syncedCollection(db, collection) as unknown as RxCollection<{ id: string }>;
  const out: DocumentTypes[K][] = [];
  let after = '';
  for (;;) {
    const page = await rx
      .find({ selector: after ? { id: { $gt: after } } : {}, sort: [{ id: 'asc' }], limit: PAGE_SIZE })
      .exec();
    for (const doc of page) out.push(doc.toJSON() as unknown as DocumentTypes[K]);
    onProgress?.(out.length);
    const last = page.at(-1);
    if (!last || page.length < PAGE_SIZE) return out;
    after = last.primary;
    await yieldToBrowser();
  }
}

/** How many records a collection holds on this device (for "n of total" progress). */
export async function countAll(db: WaystationDatabase, collection: CollectionName): Promise<number> {
  if (!(collection in db.collections)) return 0;
  return syncedCollection(db, collection).count().exec();
}

/** Runs `work` on each item in chunks, yielding between chunks and reporting progress. */
export async function inChunks<T, R>(
  items: readonly T[],
  work: (chunk: readonly T[]) => R[],
  onProgress?: (progress: Progress) => void,
  chunkSize = 500,
): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += chunkSize) {
    out.push(...work(items.slice(start, start + chunkSize)));
    onProgress?.({ done: Math.min(start + chunkSize, items.length), total: items.length });
    await yieldToBrowser();
  }
  onProgress?.({ done: items.length, total: items.length });
  return out;
}

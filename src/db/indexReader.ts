/**
 * Index reads for the device's hot paths (the household search), straight on
 * IndexedDB when the store is Dexie.
 *
 * Why: RxDB's Dexie query walks a cursor one document per event-loop turn,
 * and every query pays for planning, a transaction and the document cache.
 * The household list made ~53 such queries per keystroke (three name-prefix
 * reads, then one per found household to count its members): p95 516 ms
 * among 100,000 people in the bench. Here a prefix read is one
 * `getAll(range, limit)`, and the members of a page of households are one
 * `getAllKeys` per household in a single read-only transaction, which reads
 * index keys only, never a document.
 *
 * Answers are the RxDB queries' answers (indexReader.test.ts checks both
 * ways on the same data): non-deleted documents, in (field, id) order. Other
 * storages (in-memory in unit tests) go through those RxDB queries. So do
 * document reads of a collection with encrypted fields: raw IndexedDB holds
 * their ciphertext, and only RxDB's encryption wrapper decrypts. Id lookups
 * read index keys, which are never encrypted (an encrypted field cannot be
 * indexed, see rxSchema.ts).
 */
import type { MangoQuery, RxCollection, RxStorageInstance } from 'rxdb';
import {
  DEXIE_DOCS_TABLE_NAME,
  dexieReplaceIfStartsWithPipe,
  fromDexieToStorage,
  RxStorageInstanceDexie,
} from 'rxdb/plugins/storage-dexie';
import { PREFIX_END } from '../domain/names';

export interface IndexReader<D> {
  /** Up to `limit` documents whose indexed string `field` starts with `prefix`, in (field, id) order. */
  startingWith(field: string, prefix: string, limit: number): Promise<D[]>;
  /** Documents by id; ids not on the device (or deleted) are absent from the map. */
  byIds(ids: readonly string[]): Promise<Map<string, D>>;
  /** For each value, the ids of the documents whose indexed `field` equals it (in id order). */
  idsWhere(field: string, values: readonly string[]): Promise<Map<string, string[]>>;
  /** Every live id in the collection, and possibly deleted ones (ask `byIds` which are live): primary keys only. */
  allIds(): Promise<string[]>;
  /** How many live documents the index on `field` holds (counted in the index, no document read). */
  count(field: string): Promise<number>;
  /**
   * One page of the whole index on `field`, in (field, id) order or its
   * reverse: the documents after skipping `offset` of them (skipped in the
   * index, never read), so any page of 100 000 costs one page of reads.
   */
  page(field: string, options: { offset: number; limit: number; descending?: boolean }): Promise<D[]>;
}

/** RxDB's meta fields, which `RxDocument.toJSON()` leaves out too. */
function withoutMeta<D>(stored: Record<string, unknown>): D {
  const { _rev: _r, _meta: _m, _attachments: _a, _deleted: _d, ...fields } = stored;
  return fields as D;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** The Dexie instance under the wrappers (encryption; validation in dev builds), if the store is Dexie. */
function dexieInstanceOf<D>(collection: RxCollection<D>): RxStorageInstanceDexie<D> | undefined {
  let instance: unknown = collection.internalStorageInstance;
  while (instance) {
    if (instance instanceof RxStorageInstanceDexie) return instance as RxStorageInstanceDexie<D>;
    instance = (instance as { originalStorageInstance?: RxStorageInstance<D, unknown, unknown> })
      .originalStorageInstance;
  }
  return undefined;
}

/** The same reads as RxDB queries: for storages other than Dexie, encrypted documents, and tests. */
export function rxdbReader<D>(collection: RxCollection<D>): IndexReader<D> {
  const primary = collection.schema.primaryPath as string;
  const idOf = (doc: D) => String((doc as Record<string, unknown>)[primary]);
  const json = (doc: { toJSON(): unknown }) => doc.toJSON() as D;
  return {
    async startingWith(field, prefix, limit) {
      const query = {
        selector: { [field]: { $gte: prefix, $lt: prefix + PREFIX_END } },
        sort: [{ [field]: 'asc' }],
        limit,
      } as MangoQuery<D>;
      return (await collection.find(query).exec()).map(json);
    },
    async byIds(ids) {
      const found = await collection.findByIds([...ids]).exec();
      return new Map([...found].map(([id, doc]) => [id, json(doc)]));
    },
    async idsWhere(field, values) {
      const lists = await Promise.all(
        values.map((value) => collection.find({ selector: { [field]: value } } as MangoQuery<D>).exec()),
      );
      return new Map(values.map((value, i) => [value, lists[i]!.map((doc) => idOf(json(doc))).sort()]));
    },
    async allIds() {
      return (await collection.find().exec()).map((doc) => idOf(json(doc)));
    },
    async count(field) {
      // An index-only count is what RxDB's count() would refuse without allowSlowCount; this path is for tests.
      return (await collection.find({ selector: { [field]: { $gte: '' } } } as MangoQuery<D>).exec()).length;
    },
    async page(field, { offset, limit, descending = false }) {
      const direction = descending ? 'desc' : 'asc';
      const query = {
        selector: { [field]: { $gte: '' } },
        sort: [{ [field]: direction }, { [primary]: direction }],
        skip: offset,
        limit,
      } as MangoQuery<D>;
      return (await collection.find(query).exec()).map(json);
    },
  };
}

function dexieReader<D>(collection: RxCollection<D>, instance: RxStorageInstanceDexie<D>): IndexReader<D> {
  const fallback = rxdbReader(collection);
  const plain = (collection.schema.jsonSchema.encrypted ?? []).length === 0;
  const primary = instance.primaryPath as string;
  const indexName = (field: string) =>
    `[${['_deleted', field, primary].map(dexieReplaceIfStartsWithPipe).join('+')}]`;

  async function store() {
    const { dexieDb, booleanIndexes } = await instance.internals;
    if (!dexieDb.isOpen()) await dexieDb.open();
    // The key range class of the IndexedDB Dexie was given (a test may pass its own), as RxDB's dexieQuery does.
    const options = (dexieDb as unknown as { _options: { IDBKeyRange?: typeof IDBKeyRange } })._options;
    const KeyRange = options.IDBKeyRange ?? IDBKeyRange;
    const docs = dexieDb
      .backendDB()
      .transaction(DEXIE_DOCS_TABLE_NAME, 'readonly')
      .objectStore(DEXIE_DOCS_TABLE_NAME);
    const toDoc = (row: unknown) =>
      withoutMeta<D>(fromDexieToStorage(booleanIndexes, row) as Record<string, unknown>);
    return { docs, KeyRange, toDoc };
  }

  // Dexie stores the boolean `_deleted` of an index key as '0' / '1'. In IndexedDB key order
  // an array sorts after every string, so [.., value, []] closes the range of one value's ids.
  const live = '0';
  return {
    async startingWith(field, prefix, limit) {
      if (!plain) return fallback.startingWith(field, prefix, limit);
      const { docs, KeyRange, toDoc } = await store();
      const range = KeyRange.bound([live, prefix], [live, prefix + PREFIX_END], false, true);
      const rows = await request(docs.index(indexName(field)).getAll(range, limit));
      return rows.map(toDoc);
    },
    async byIds(ids) {
      if (!plain) return fallback.byIds(ids);
      const { docs, toDoc } = await store();
      const rows = await Promise.all(ids.map((id) => request(docs.get(id))));
      const found = new Map<string, D>();
      rows.forEach((row: { _deleted?: unknown } | undefined, i) => {
        if (row && row._deleted === live) found.set(ids[i]!, toDoc(row));
      });
      return found;
    },
    async idsWhere(field, values) {
      const { docs, KeyRange } = await store();
      const index = docs.index(indexName(field));
      const lists = await Promise.all(
        values.map((value) => request(index.getAllKeys(KeyRange.bound([live, value], [live, value, []])))),
      );
      return new Map(values.map((value, i) => [value, lists[i]!.map(String)]));
    },
    async allIds() {
      const { docs } = await store();
      return (await request(docs.getAllKeys())).map(String);
    },
    async count(field) {
      const { docs, KeyRange } = await store();
      return request(docs.index(indexName(field)).count(KeyRange.bound([live], [live, []])));
    },
    async page(field, { offset, limit, descending = false }) {
      if (!plain) return fallback.page(field, { offset, limit, descending });
      const { docs, KeyRange, toDoc } = await store();
      const cursor = docs.index(indexName(field)).openCursor(KeyRange.bound([live], [live, []]), descending ? 'prev' : 'next');
      return new Promise<D[]>((resolve, reject) => {
        const rows: D[] = [];
        let skipped = offset === 0;
        cursor.onerror = () => reject(cursor.error ?? new Error('IndexedDB cursor failed'));
        cursor.onsuccess = () => {
          const at = cursor.result;
          if (!at || rows.length >= limit) return resolve(rows);
          if (!skipped) {
            skipped = true;
            // Skips in the index, in IndexedDB's own code: no document is read or decoded.
            return at.advance(offset);
          }
          rows.push(toDoc(at.value));
          at.continue();
        };
      });
    },
  };
}

const readers = new WeakMap<RxCollection, IndexReader<unknown>>();

/** The reader of a collection (one per collection, kept while the collection lives). */
export function indexReader<D>(collection: RxCollection<D>): IndexReader<D> {
  let reader = readers.get(collection as RxCollection) as IndexReader<D> | undefined;
  if (!reader) {
    const dexie = dexieInstanceOf(collection);
    reader = dexie ? dexieReader(collection, dexie) : rxdbReader(collection);
    readers.set(collection as RxCollection, reader as IndexReader<unknown>);
  }
  return reader;
}

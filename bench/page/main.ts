/**
 * The benchmark's page: the app's own device store, replication and search
 * code (production build, no dev-mode), driven from bench/run.ts through
 * `window.bench`. Each measurement returns milliseconds measured in the page.
 */
import { createWaystationDatabase, syncedCollection, type WaystationDatabase } from '../../src/db/database';
import { markPending } from '../../src/db/outbox';
import { startSync, type SyncHandle } from '../../src/sync/replication';
import { searchHouseholds } from '../../src/features/intake/queries';
import { AttachmentStore, attachmentKeyFor, sha256Hex } from '../../src/db/attachmentStore';
import { startAttachmentUploads } from '../../src/sync/attachmentUploads';
import type { CollectionName } from '../../src/domain/collections';
import type { WireDocument } from '../../src/sync/protocol';
import { countIdbOps, takeIdbOps, type IdbOps } from './idbOps';

type Dataset = Record<string, WireDocument[]>;

declare global {
  interface Window {
    /** Set by bench/run.ts before the page loads (BENCH_IDB_OPS=1). */
    benchCountsIdbOps?: boolean;
  }
}
if (window.benchCountsIdbOps) countIdbOps();

const INSERT_CHUNK = 5_000;
let db: WaystationDatabase | undefined;
let sync: SyncHandle | undefined;

async function loadDataset(url: string): Promise<Dataset> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as Dataset;
}

function stripDeleted(doc: WireDocument): Record<string, unknown> {
  const { _deleted: _ignored, ...fields } = doc;
  return fields;
}

async function openDevice(name: string): Promise<WaystationDatabase> {
  await closeDevice();
  db = await createWaystationDatabase({ name, encryptionPassword: 'bench-device-key' });
  return db;
}

async function closeDevice(): Promise<void> {
  await sync?.stop();
  sync = undefined;
  if (db && !db.closed) await db.remove();
  db = undefined;
}

/**
 * The collections the bench's dataset fills (bench/workload.ts). The device
 * holds one change stream for all of them (replication.ts), so they leave
 * Chromium's six connections per origin to the pulls and pushes.
 */
const BENCH_COLLECTIONS: CollectionName[] = [
  'households',
  'people',
  'sensitive',
  'travelLegs',
  'milestones',
  'calls',
];

function syncOptions(token: string) {
  return {
    baseUrl: '',
    collections: BENCH_COLLECTIONS,
    deviceId: `bench-${Math.random().toString(36).slice(2, 8)}`,
    getHeaders: () => ({ Authorization: `Bearer ${token}` }),
    retryTimeMs: 500,
  };
}

async function count(database: WaystationDatabase, name: CollectionName): Promise<number> {
  return syncedCollection(database, name).count().exec();
}

async function insertAll(database: WaystationDatabase, data: Dataset): Promise<number> {
  let inserted = 0;
  for (const [name, docs] of Object.entries(data)) {
    const collection = syncedCollection(database, name as CollectionName);
    for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
      const result = await collection.bulkInsert(
        docs.slice(i, i + INSERT_CHUNK).map(stripDeleted) as never[],
      );
      if (result.error.length) throw new Error(`insert ${name}: ${result.error.length} errors`);
      inserted += result.success.length;
    }
  }
  return inserted;
}

const bench = {
  /** Baseline: the same documents put into IndexedDB directly, one transaction, one store per collection. */
  async rawPut(dataUrl: string): Promise<number> {
    const data = await loadDataset(dataUrl);
    const name = `raw-${Math.random().toString(36).slice(2)}`;
    const names = Object.keys(data);
    const idb = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        for (const store of names) request.result.createObjectStore(store, { keyPath: 'id' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction(names, 'readwrite');
      for (const store of names) {
        const objectStore = tx.objectStore(store);
        for (const doc of data[store]!) objectStore.put(doc);
      }
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    const elapsed = performance.now() - started;
    idb.close();
    indexedDB.deleteDatabase(name);
    return elapsed;
  },

  /** A fresh device pulls everything the server holds. Returns ms from starting sync to in sync, and counts. */
  async initialSync(token: string): Promise<{ ms: number; counts: Record<string, number>; idbOps: IdbOps }> {
    const database = await openDevice(`sync-${Date.now()}`);
    takeIdbOps();
    const started = performance.now();
    sync = startSync(database, syncOptions(token));
    await sync.awaitInSync();
    const ms = performance.now() - started;
    const idbOps = takeIdbOps();
    await sync.stop();
    sync = undefined;
    const counts: Record<string, number> = {};
    for (const name of BENCH_COLLECTIONS) counts[name] = await count(database, name);
    return { ms, counts, idbOps };
  },

  /** Records created offline (as intake does: the records, then their outbox entries). Not timed by the bench. */
  async createOffline(dataUrl: string): Promise<number> {
    const data = await loadDataset(dataUrl);
    const database = await openDevice(`push-${Date.now()}`);
    let created = 0;
    for (const [name, docs] of Object.entries(data)) {
      const collection = syncedCollection(database, name as CollectionName);
      for (let i = 0; i < docs.length; i += INSERT_CHUNK) {
        const chunk = docs.slice(i, i + INSERT_CHUNK);
        const result = await collection.bulkInsert(chunk.map(stripDeleted) as never[]);
        if (result.error.length) throw new Error(`insert ${name}: ${result.error.length} errors`);
        await markPending(
          database.outbox,
          chunk.map((doc) => ({ collection: name, id: doc.id, updatedAt: String(doc.updatedAt) })),
        );
        created += chunk.length;
      }
    }
    return created;
  },

  /** The device comes online: ms until every offline record is on the server and the outbox is empty. */
  async pushSync(token: string): Promise<{ ms: number; outboxLeft: number; idbOps: IdbOps }> {
    const database = db;
    if (!database) throw new Error('createOffline first');
    takeIdbOps();
    const started = performance.now();
    sync = startSync(database, syncOptions(token));
    await sync.awaitInSync();
    const ms = performance.now() - started;
    const idbOps = takeIdbOps();
    await sync.stop();
    sync = undefined;
    return { ms, outboxLeft: (await database.outbox.find().exec()).length, idbOps };
  },

  /** A fresh device with the dataset written straight into its store (no sync, no outbox). Not timed. */
  async fillDevice(dataUrl: string): Promise<number> {
    const data = await loadDataset(dataUrl);
    const database = await openDevice(`search-${Date.now()}`);
    return insertAll(database, data);
  },

  /** Adds households and their people straight into the open device store (to reach the search benchmark's size). */
  async addFamilies(dataUrl: string): Promise<number> {
    const database = db;
    if (!database) throw new Error('no device store open');
    await insertAll(database, await loadDataset(dataUrl));
    return count(database, 'people');
  },

  /** The list screen's search, as typed: latency of each query in ms, and how many households each found. */
  async search(prefixes: string[]): Promise<{ ms: number[]; found: number[] }> {
    const database = db;
    if (!database) throw new Error('no device store open');
    // One warm-up query: the first opens indexes and JIT-compiles; a person searching has the list open already.
    await searchHouseholds(database, 'a');
    const ms: number[] = [];
    const found: number[] = [];
    for (const prefix of prefixes) {
      const started = performance.now();
      const result = await searchHouseholds(database, prefix);
      ms.push(performance.now() - started);
      found.push(result.length);
    }
    return { ms, found };
  },

  /**
   * Photos waiting on a device (encrypted in its document store, as the
   * camera screen leaves them) uploaded by the app's upload queue, against
   * the same bytes sent as one plain HTTP PUT each to a route that reads and
   * drops them (bench/serverMain.ts). Returns the queue's ms and the median
   * of three plain runs.
   */
  async uploadPhotos(
    token: string,
    siteId: string,
    photos: number,
    bytesEach: number,
  ): Promise<{ ms: number; plainMs: number; refused: number }> {
    const contents: { sha256: string; bytes: Uint8Array<ArrayBuffer> }[] = [];
    for (let i = 0; i < photos; i++) {
      const bytes = new Uint8Array(bytesEach);
      for (let at = 0; at < bytesEach; at += 65_536) crypto.getRandomValues(bytes.subarray(at, at + 65_536));
      // A JPEG by its first bytes, as the server checks.
      bytes.set([0xff, 0xd8, 0xff, 0xe0]);
      contents.push({ sha256: await sha256Hex(bytes), bytes });
    }

    const plainRuns: number[] = [];
    for (let run = 0; run < 3; run++) {
      const started = performance.now();
      for (const { bytes } of contents) {
        const response = await fetch('/bench/plain-upload', {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream' },
          body: bytes,
        });
        if (!response.ok) throw new Error(`plain upload answered ${response.status}`);
      }
      plainRuns.push(performance.now() - started);
    }
    plainRuns.sort((a, b) => a - b);

    const store = new AttachmentStore(
      `bench-documents-${Math.random().toString(36).slice(2)}`,
      await attachmentKeyFor('bench-device-key'),
    );
    for (const [i, { sha256, bytes }] of contents.entries()) {
      await store.add({
        id: `photo-${i}`,
        sha256,
        bytes,
        mime: 'image/jpeg',
        siteId,
        householdId: 'bench-family',
      });
    }
    const started = performance.now();
    const allSent = new Promise<void>((resolve) => {
      const check = () =>
        void store.waitingTotals().then((totals) => {
          if (totals.count === 0) resolve();
        });
      store.subscribe(check);
      check();
    });
    const uploader = startAttachmentUploads({
      baseUrl: '',
      store,
      getHeaders: () => ({ Authorization: `Bearer ${token}` }),
    });
    await allSent;
    const ms = performance.now() - started;
    uploader.stop();
    const refused = Object.keys(await store.refusals()).length;
    store.close();
    return { ms, plainMs: plainRuns[1] ?? 0, refused };
  },

  closeDevice,
};

declare global {
  interface Window {
    bench: typeof bench;
  }
}
window.bench = bench;
document.getElementById('status')!.textContent = 'ready';

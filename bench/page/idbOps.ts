/**
 * BENCH_IDB_OPS=1: counts the IndexedDB requests the page makes during a
 * timed figure, by what they touch — the records, RxDB's replication meta,
 * the outbox, the rest — and by kind (reads: get, getAll, cursors; writes:
 * put, add, delete). A CPU profile shows where time goes but not which store
 * an IndexedDB call served (its callbacks arrive without the caller's stack);
 * these counts do (bench/README.md, "What limits the targets not met").
 */
type Kind = 'reads' | 'writes';
export type IdbOps = Record<string, Record<Kind, number>>;

const READS = ['get', 'getAll', 'getAllKeys', 'openCursor', 'openKeyCursor', 'count'] as const;
const WRITES = ['put', 'add', 'delete', 'clear'] as const;

let counts: IdbOps = {};

/**
 * What a database holds, from its name: RxDB's Dexie storage names a
 * collection's store `rxdb-dexie-<db>--<version>--<collection>` and a
 * replication's meta store by a hash of its identifier.
 */
function storeKind(databaseName: string): string {
  if (databaseName.endsWith('--outbox')) return 'outbox';
  if (/--\d+--[A-Za-z]+$/.test(databaseName)) return /_rxdb_internal$/.test(databaseName) ? 'other' : 'records';
  if (/[0-9a-f]{40}$/.test(databaseName)) return 'replicationMeta';
  return 'other';
}

function count(databaseName: string, kind: Kind) {
  const entry = (counts[storeKind(databaseName)] ??= { reads: 0, writes: 0 });
  entry[kind] += 1;
}

function wrap(proto: object, method: string, kind: Kind, databaseOf: (self: never) => string) {
  const target = proto as Record<string, unknown>;
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (this: never, ...args: unknown[]) {
    count(databaseOf(this), kind);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}

export function countIdbOps(): void {
  const storeDb = (store: IDBObjectStore) => store.transaction.db.name;
  const indexDb = (index: IDBIndex) => index.objectStore.transaction.db.name;
  for (const method of READS) {
    wrap(IDBObjectStore.prototype, method, 'reads', storeDb);
    wrap(IDBIndex.prototype, method, 'reads', indexDb);
  }
  for (const method of WRITES) wrap(IDBObjectStore.prototype, method, 'writes', storeDb);
}

/** The counts since the last call (the first call after `countIdbOps` starts the window). */
export function takeIdbOps(): IdbOps {
  const taken = counts;
  counts = {};
  return taken;
}

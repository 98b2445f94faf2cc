/**
 * The outbox: which local changes have not reached the sync server yet.
 *
 * RxDB knows this internally but does not expose a count, and the user must
 * always see what is waiting (BRIEF §6). So operations record every write here
 * *before* writing the document (a crash in between leaves a harmless extra
 * entry, never a silent unsynced change), and the push handler removes an
 * entry once the server has incorporated that exact version.
 *
 * Entries live in a small device-only RxDB collection (never replicated): it
 * survives reloads, is shared by all tabs through RxDB's multi-instance events,
 * and stays cheap at tens of thousands of entries because every write is a
 * bulk write and the in-memory `PendingIndex` is updated incrementally.
 */
import { BehaviorSubject, map, type Observable, type Subscription } from 'rxjs';
import type { RxCollection, RxJsonSchema } from 'rxdb';

export interface OutboxEntry {
  /** `${collection}:${docId}` */
  id: string;
  collectionName: string;
  docId: string;
  /** The `updatedAt` of the local version waiting to be pushed. */
  updatedAt: string;
  /**
   * Set when the server refused this version for good (invalid or not
   * allowed): it is set aside, kept on the device and shown to the user, and
   * no longer blocks the collection's other changes. The next local edit
   * replaces the entry and so tries again.
   */
  rejectedReason?: string;
  rejectedAt?: string;
}

export type OutboxCollection = RxCollection<OutboxEntry>;

export const OUTBOX_COLLECTION = 'outbox';

export const OUTBOX_SCHEMA: RxJsonSchema<OutboxEntry> = {
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 140 },
    collectionName: { type: 'string', maxLength: 40 },
    docId: { type: 'string', maxLength: 64 },
    updatedAt: { type: 'string', maxLength: 40 },
    rejectedReason: { type: 'string', maxLength: 1000 },
    rejectedAt: { type: 'string', maxLength: 40 },
  },
  required: ['id', 'collectionName', 'docId', 'updatedAt'],
  additionalProperties: false,
};

/** Largest single bulk write; bounds memory and keeps the UI thread responsive. */
const WRITE_CHUNK = 2000;

export interface PendingChange {
  collection: string;
  id: string;
  updatedAt: string;
}

export function outboxKey(collection: string, docId: string): string {
  return `${collection}:${docId}`;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// `collectionName`, not `collection`: RxDocument has an own `collection` property, and a
// top-level field of that name makes RxDB fail to build documents.

/** Records local versions as waiting to sync. A later version replaces an earlier one. */
export async function markPending(
  outbox: OutboxCollection,
  changes: readonly PendingChange[],
): Promise<void> {
  const entries = changes.map((c) => ({
    id: outboxKey(c.collection, c.id),
    collectionName: c.collection,
    docId: c.id,
    updatedAt: c.updatedAt,
  }));
  for (const chunk of chunks(entries, WRITE_CHUNK)) {
    const result = await outbox.bulkUpsert(chunk);
    if (result.error.length > 0) {
      throw new Error(`Could not record ${result.error.length} change(s) in the outbox`);
    }
  }
}

/**
 * Removes the entries of versions the server has incorporated. An entry whose
 * `updatedAt` differs was edited again locally after that push and stays. The
 * removal is revision-checked, so an edit racing with it (another tab) wins.
 */
export async function acknowledgeSynced(
  outbox: OutboxCollection,
  collection: string,
  versions: readonly { id: string; updatedAt: unknown }[],
): Promise<number> {
  let removed = 0;
  for (const chunk of chunks(versions, WRITE_CHUNK)) {
    const pushedAt = new Map(chunk.map((v) => [outboxKey(collection, v.id), v.updatedAt]));
    const found = await outbox.findByIds([...pushedAt.keys()]).exec();
    const acknowledged = [...found.values()].filter((entry) => pushedAt.get(entry.id) === entry.updatedAt);
    if (acknowledged.length === 0) continue;
    // Conflict errors (409) mean a newer local edit landed in between: it stays pending.
    const result = await outbox.bulkRemove(acknowledged);
    removed += result.success.length;
  }
  return removed;
}

/** How much of the server's reason is kept; the rest is in the server's log. */
const MAX_REASON_LENGTH = 1000;

/**
 * Sets a version the server refused aside: its entry stays (the change is
 * still only on this device) and records why. An entry edited again since
 * that push is left alone; its newer version will be tried.
 */
export async function setAside(
  outbox: OutboxCollection,
  collection: string,
  version: { id: string; updatedAt: unknown },
  reason: string,
  at = new Date().toISOString(),
): Promise<void> {
  const key = outboxKey(collection, version.id);
  const entry = await outbox.findOne(key).exec();
  const updatedAt = typeof version.updatedAt === 'string' ? version.updatedAt : '';
  if (entry && entry.updatedAt !== updatedAt) return;
  const rejectedReason = reason.slice(0, MAX_REASON_LENGTH);
  if (entry) await entry.incrementalPatch({ rejectedReason, rejectedAt: at });
  else
    await outbox.upsert({
      id: key,
      collectionName: collection,
      docId: version.id,
      updatedAt,
      rejectedReason,
      rejectedAt: at,
    });
}

export interface RejectedRecord {
  collection: string;
  id: string;
  reason: string;
  at: string;
}

/** The versions set aside, kept current (for the sync status). */
export function rejectedRecords$(outbox: OutboxCollection): Observable<RejectedRecord[]> {
  return outbox.find({ selector: { rejectedReason: { $exists: true } } }).$.pipe(
    map((entries) =>
      entries.map((e) => ({
        collection: e.collectionName,
        id: e.docId,
        reason: e.rejectedReason ?? '',
        at: e.rejectedAt ?? '',
      })),
    ),
  );
}

/**
 * An in-memory copy of the outbox keys, so "is this record pending?" is a Set
 * lookup and the count needs no query. Loaded once, then kept current from the
 * collection's change events (which include other tabs' writes).
 */
export class PendingIndex {
  private readonly keys = new Set<string>();
  private readonly count$ = new BehaviorSubject<number>(0);
  private readonly subscription: Subscription;
  /** Resolves when the initial load is done. */
  readonly ready: Promise<void>;

  constructor(outbox: OutboxCollection) {
    let loaded = false;
    const buffered: { op: 'add' | 'delete'; key: string }[] = [];
    const apply = (op: 'add' | 'delete', key: string) => {
      if (op === 'add') this.keys.add(key);
      else this.keys.delete(key);
    };
    // Subscribe before loading so nothing written during the load is missed.
    this.subscription = outbox.$.subscribe((event) => {
      const op = event.operation === 'DELETE' ? 'delete' : 'add';
      if (!loaded) buffered.push({ op, key: event.documentId });
      else {
        apply(op, event.documentId);
        this.count$.next(this.keys.size);
      }
    });
    this.ready = outbox
      .find()
      .exec()
      .then((entries) => {
        for (const entry of entries) this.keys.add(entry.id);
        for (const { op, key } of buffered) apply(op, key);
        loaded = true;
        this.count$.next(this.keys.size);
      });
  }

  has(collection: string, docId: string): boolean {
    return this.keys.has(outboxKey(collection, docId));
  }

  get size(): number {
    return this.keys.size;
  }

  /** Emits the pending count on every change. */
  get changes$(): Observable<number> {
    return this.count$.asObservable();
  }

  close(): void {
    this.subscription.unsubscribe();
    this.count$.complete();
  }
}

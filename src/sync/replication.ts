/**
 * Replication of every synced collection with the sync server, over the HTTP
 * protocol in protocol.ts: one RxDB replication per collection, pulled by
 * server sequence checkpoint, pushed as {assumedMasterState, newDocumentState}
 * rows, woken by the server's change stream.
 *
 * Failures never throw into the app: RxDB retries after `retryTime`, and the
 * status store shows the error and whether the server was reached. After a
 * successful push, the outbox forgets the versions the server incorporated.
 */
import { replicateRxCollection } from 'rxdb/plugins/replication';
import type { RxError, RxReplicationWriteToMasterRow, RxTypeError, WithDeleted } from 'rxdb';
import { combineLatest, type Observable, type Subscription } from 'rxjs';
import { COLLECTIONS, type CollectionName } from '../domain/collections';
import { DEVICE_REVOKED } from '../domain/devices';
import { openCollections, syncedCollection, type WaystationDatabase } from '../db/database';
import type { DocumentTypes } from '../db/types';
import { acknowledgeSynced, setAside } from '../db/outbox';
import { replicationIdentifier } from '../db/replicationMeta';
import {
  checkpointSchema,
  MAX_PUSH_ROWS,
  MAX_SNAPSHOT_LIMIT,
  pullUrl,
  SCHEMA_VERSION_HEADER,
  snapshotUrl,
  type ApiError,
  type Checkpoint,
  type PullResponse,
  type PushRow,
  type WireDocument,
} from './protocol';
import { resyncSignals, sharedChangeFeed, type ChangeSignal } from './changeStream';
import { pushSettingAside, ServerError } from './setAside';
import { reportError, reportReceived, reportRequest, reportSyncing, resetReceived } from './syncStatusStore';
import { protocolFetch } from './protocolFetch';
import { saveBootstrapCheckpoint, writeBootstrapPage } from './bootstrapWrite';

export interface SyncOptions {
  /** Origin of the sync server, e.g. "https://waystation.example.org" ("" for same origin). */
  baseUrl: string;
  deviceId: string;
  /** Extra headers for every request (the session's Authorization). Called per request so tokens can rotate. */
  getHeaders?: () => Record<string, string>;
  /**
   * The collections to replicate (default: all). The app passes only those the
   * user's roles may read, so a driver's device never opens the others.
   */
  collections?: readonly CollectionName[];
  /** Called once when the server answers 401 (session expired or revoked); the app stops sync. */
  onUnauthorized?: () => void;
  /**
   * Called instead when the 401 says an administrator revoked this device
   * (`device_revoked`): sync keeps running so the outbox can still be pushed.
   */
  onDeviceRevoked?: () => void;
  /** Delay before a failed request is retried (RxDB skips it when the browser comes online). */
  retryTimeMs?: number;
  /**
   * A collection that has never pulled starts from the server's snapshot pages
   * (default); false pulls it page by page from the start, as before (the
   * bootstrap test compares the two).
   */
  snapshot?: boolean;
  /** Documents per snapshot page (default SNAPSHOT_PAGE_SIZE; at most MAX_SNAPSHOT_LIMIT). */
  snapshotPageSize?: number;
  /** Resync period while the change stream is down. */
  fallbackIntervalMs?: number;
  fetch?: typeof fetch;
}

/** The part of RxDB's replication state this module uses, independent of the document type. */
export interface CollectionReplication {
  readonly active$: Observable<boolean>;
  readonly error$: Observable<RxError | RxTypeError>;
  /** Where RxDB keeps the server's versions, once this tab replicates (db/replicationMeta.ts). */
  readonly metaInstance?: unknown;
  cancel(): Promise<unknown>;
  reSync(): void;
  awaitInSync(): Promise<unknown>;
}

export interface SyncHandle {
  /** Stops replicating (local data and checkpoints stay; startSync resumes). */
  stop(): Promise<void>;
  /** Pulls now, e.g. from a "sync now" button. */
  reSync(): void;
  /** Resolves when every collection has pushed and pulled everything known so far. */
  awaitInSync(): Promise<void>;
  readonly replications: ReadonlyMap<CollectionName, CollectionReplication>;
}

/**
 * 500 documents (~0.5 MB of JSON) keep a pull page well under a second on a
 * phone while a fresh device's first sync of 100,000 records takes 200 round
 * trips instead of 500 (bench/README.md); the server allows up to 1000.
 */
export const PULL_BATCH_SIZE = 500;
/**
 * 250 rows a push request. The server's limit (MAX_PUSH_ROWS, 500) would halve
 * the round trips, but leaves only 8 KB per row under the 4 MB body limit for
 * the record and its assumed state, where a call with long notes can be
 * larger, and the device does not split a push the server answers 413.
 */
export const PUSH_BATCH_SIZE = Math.min(250, MAX_PUSH_ROWS);
/**
 * Rows RxDB hands the push handler at once, sent as concurrent requests of
 * PUSH_BATCH_SIZE. RxDB's upstream runs one push at a time per collection
 * (each waits for the previous one's meta writes), so an offline backlog went
 * up one request at a time, each a round trip plus the device's writes
 * (bench/README.md, "Push"); four requests in flight cut the round trips a
 * backlog waits for by four.
 */
export const PUSH_ROWS_PER_CALL = 4 * PUSH_BATCH_SIZE;
/**
 * A fresh device's first pull of a collection asks for snapshot pages of this
 * size (bench/README.md, "Bootstrap from a snapshot"). Each page is written
 * straight into the store and RxDB's replication meta (bootstrapWrite.ts),
 * rows as RxDB's downstream would write them for documents new to the device;
 * the pages are the pull's own (same order, scoping, fields and checkpoint),
 * so the device ends exactly as a completed pull leaves it, and ordinary
 * replication continues from the last page's checkpoint.
 */
export const SNAPSHOT_PAGE_SIZE = MAX_SNAPSHOT_LIMIT;

async function readError(response: Response, options: SyncOptions): Promise<ServerError> {
  let message = `${response.status} ${response.statusText}`;
  let body: Partial<ApiError> | undefined;
  try {
    body = (await response.json()) as Partial<ApiError>;
    if (typeof body.message === 'string') message = `${body.error ?? response.status}: ${body.message}`;
  } catch {
    // not JSON (a proxy's error page): keep the status line
  }
  if (response.status === 401) {
    if (body?.error === DEVICE_REVOKED && options.onDeviceRevoked) options.onDeviceRevoked();
    else options.onUnauthorized?.();
  }
  return new ServerError(response.status, message, body);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs one request and reports its outcome to the status store; rethrows so RxDB retries. */
async function tracked<T>(collection: string, kind: 'pull' | 'push', request: () => Promise<T>): Promise<T> {
  try {
    const result = await request();
    reportRequest({ ok: true, kind });
    return result;
  } catch (error) {
    reportRequest({
      ok: false,
      error: `${collection}: ${describe(error)}`,
      reachedServer: error instanceof ServerError,
    });
    throw error;
  }
}

/**
 * The server validated every document against the same zod schema before
 * storing it, so the envelope is checked here and the documents are trusted.
 */
function parsePullResponse<D>(
  collection: CollectionName,
  body: unknown,
): { documents: WithDeleted<D>[]; checkpoint: Checkpoint; remaining: number | undefined } {
  const value = body as Partial<PullResponse> | null;
  if (!value || !Array.isArray(value.documents)) throw new Error('Malformed pull response');
  const remaining = typeof value.remaining === 'number' && value.remaining >= 0 ? value.remaining : undefined;
  return {
    documents: value.documents as unknown as WithDeleted<D>[],
    checkpoint: checkpointSchema.parse(value.checkpoint),
    remaining,
  };
}

function replicateCollection<K extends CollectionName>(
  db: WaystationDatabase,
  name: K,
  options: SyncOptions,
  changes: Observable<ChangeSignal>,
) {
  type Doc = DocumentTypes[K];
  const doFetch = options.fetch ?? protocolFetch;
  const headers = () => ({ 'X-Device-Id': options.deviceId, ...options.getHeaders?.() });
  const collection = syncedCollection(db, name);
  // The first pull of this session asks how much remains, and progress is reported until it has all arrived.
  let counting: 'ask' | 'follow' | 'off' = 'ask';
  // Decided at this session's first pull: a collection without a checkpoint bootstraps from snapshot pages
  // (and, once it has one, a new session continues with ordinary pulls).
  let bootstrap: 'undecided' | 'on' | 'off' = options.snapshot === false ? 'off' : 'undecided';

  const replication = replicateRxCollection<Doc, Checkpoint>({
    // The server URL is part of the id so pointing a device at another server starts from scratch.
    replicationIdentifier: replicationIdentifier(name, options.baseUrl),
    collection,
    live: true,
    retryTime: options.retryTimeMs ?? 5000,
    waitForLeadership: true,
    pull: {
      batchSize: PULL_BATCH_SIZE,
      handler: (checkpoint, batchSize) =>
        tracked(name, 'pull', async () => {
          if (bootstrap === 'undecided') bootstrap = checkpoint ? 'off' : 'on';
          if (bootstrap === 'on') {
            const written = await snapshotPages(checkpoint ?? undefined);
            if (written) return written;
          }
          const first = counting === 'ask';
          const response = await doFetch(
            pullUrl(options.baseUrl, name, checkpoint ?? undefined, batchSize, { count: first }),
            {
              headers: headers(),
              cache: 'no-store',
            },
          );
          if (!response.ok) throw await readError(response, options);
          const page = parsePullResponse<Doc>(name, await response.json());
          if (counting !== 'off') {
            const last = page.documents.length < batchSize;
            reportReceived(name, {
              documents: page.documents.length,
              ...(first
                ? { remaining: page.remaining ?? 0, resumed: checkpoint !== undefined && checkpoint !== null }
                : {}),
              last,
            });
            counting = last ? 'off' : 'follow';
          }
          return { documents: page.documents, checkpoint: page.checkpoint };
        }),
      stream$: resyncSignals(changes, name),
    },
    push: {
      batchSize: PUSH_ROWS_PER_CALL,
      handler: (rows: RxReplicationWriteToMasterRow<Doc>[]) =>
        tracked(name, 'push', async () => {
          const requests: RxReplicationWriteToMasterRow<Doc>[][] = [];
          for (let i = 0; i < rows.length; i += PUSH_BATCH_SIZE)
            requests.push(rows.slice(i, i + PUSH_BATCH_SIZE));
          // Every request is answered (or fails) before RxDB hears of any failure and retries the whole call.
          const outcomes = await Promise.allSettled(
            requests.map((part) =>
              // A version the server refuses for good is set aside (setAside.ts) instead of jamming the rest.
              pushSettingAside(part, sendPush, (row, reason) =>
                setAside(
                  db.outbox,
                  name,
                  { id: row.newDocumentState.id, updatedAt: row.newDocumentState.updatedAt },
                  reason,
                ),
              ),
            ),
          );
          const failed = outcomes.find((outcome) => outcome.status === 'rejected');
          if (failed) throw failed.reason;
          return outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? outcome.value : []));
        }),
    },
  });
  return replication;

  /**
   * A fresh collection's bootstrap: snapshot pages (each says how many
   * documents remain) until none remain, each page written straight into the
   * store and RxDB's replication meta (bootstrapWrite.ts), then the pull
   * checkpoint saved. Documents the device already held are returned to
   * RxDB's downstream with the last checkpoint, which it saves once it has
   * written them. Undefined when the server has no snapshot route (it pulls
   * page by page instead).
   */
  async function snapshotPages(
    from: Checkpoint | undefined,
  ): Promise<{ documents: WithDeleted<Doc>[]; checkpoint: Checkpoint } | undefined> {
    const deferred: WithDeleted<Doc>[] = [];
    let received = 0;
    let checkpoint = from;
    const fetchPage = async (at: Checkpoint | undefined) => {
      const response = await doFetch(
        snapshotUrl(options.baseUrl, name, at, options.snapshotPageSize ?? SNAPSHOT_PAGE_SIZE, {
          count: true,
        }),
        { headers: headers(), cache: 'no-store' },
      );
      // A server from before snapshots (or a proxy that does not pass the route).
      if (response.status === 404) return undefined;
      if (!response.ok) throw await readError(response, options);
      return parsePullResponse<Doc>(name, await response.json());
    };
    let next = fetchPage(from);
    for (;;) {
      const page = await next;
      if (!page) {
        bootstrap = 'off';
        return checkpoint === from ? undefined : finish(checkpoint!);
      }
      // `remaining` is an upper bound where the role filters documents out: an empty page also ends it.
      const last = page.documents.length === 0 || (page.remaining ?? 0) === 0;
      if (!last) {
        // The next page is on its way while this one is written (a failure surfaces when it is awaited).
        next = fetchPage(page.checkpoint);
        next.catch(() => undefined);
      }
      deferred.push(...(await writeBootstrapPage(replication, page.documents)));
      received += page.documents.length;
      checkpoint = page.checkpoint;
      if (counting !== 'off') {
        const first = counting === 'ask';
        reportReceived(name, {
          documents: page.documents.length,
          remaining: page.remaining ?? 0,
          ...(first ? { resumed: from !== undefined } : {}),
          last,
        });
        counting = last ? 'off' : 'follow';
      }
      if (last) {
        // Ordinary pulls continue from here: this checkpoint is a pull's own.
        bootstrap = 'off';
        return finish(checkpoint);
      }
    }

    async function finish(at: Checkpoint) {
      if (deferred.length > 0) return { documents: deferred, checkpoint: at };
      // Like a pull that received nothing, an empty collection keeps no checkpoint.
      if (received > 0) await saveBootstrapCheckpoint(replication, at);
      return { documents: [], checkpoint: at };
    }
  }

  async function sendPush(batch: readonly RxReplicationWriteToMasterRow<Doc>[]): Promise<WithDeleted<Doc>[]> {
    const body: PushRow[] = batch.map((row) => ({
      assumedMasterState: row.assumedMasterState ? (row.assumedMasterState as WireDocument) : null,
      newDocumentState: row.newDocumentState as WireDocument,
    }));
    const response = await doFetch(`${options.baseUrl}/api/sync/${name}/push`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [SCHEMA_VERSION_HEADER]: String(COLLECTIONS[name].version),
        ...headers(),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await readError(response, options);
    const returned: unknown = await response.json();
    if (!Array.isArray(returned)) throw new Error('Malformed push response');
    // Every row of a 2xx answer was incorporated: applied as sent, or merged
    // (a returned row), with clashes kept as conflict documents.
    await acknowledgeSynced(
      db.outbox,
      name,
      batch.map((row) => ({ id: row.newDocumentState.id, updatedAt: row.newDocumentState.updatedAt })),
    );
    return returned as unknown as WithDeleted<Doc>[];
  }
}

/** Starts live replication of the given synced collections (default: every collection the device opened). */
export function startSync(db: WaystationDatabase, options: SyncOptions): SyncHandle {
  const replications = new Map<CollectionName, CollectionReplication>();
  const subscriptions: Subscription[] = [];
  const doFetch = options.fetch ?? protocolFetch;
  // One change stream for all collections: a browser allows only six connections per server.
  const changes = sharedChangeFeed({
    url: `${options.baseUrl}/api/sync/stream`,
    getHeaders: () => ({ 'X-Device-Id': options.deviceId, ...options.getHeaders?.() }),
    fetch: doFetch,
    ...(options.fallbackIntervalMs ? { fallbackIntervalMs: options.fallbackIntervalMs } : {}),
  });
  for (const name of options.collections ?? openCollections(db)) {
    const replication = replicateCollection(db, name, options, changes);
    replications.set(name, replication);
    // RxDB reports errors here instead of throwing; they already reached the store
    // through `tracked`, except those of the device side (e.g. a failed local write).
    subscriptions.push(
      replication.error$.subscribe((error) => {
        // Failed requests (RC_PULL/RC_PUSH) were already reported, with the server's own message.
        if (!['RC_PULL', 'RC_PUSH'].includes(error.code)) reportError(`${name}: ${describe(error)}`);
      }),
    );
  }
  subscriptions.push(
    combineLatest([...replications.values()].map((r) => r.active$)).subscribe((active) =>
      reportSyncing(active.some(Boolean)),
    ),
  );

  return {
    replications,
    async stop() {
      for (const subscription of subscriptions) subscription.unsubscribe();
      await Promise.all([...replications.values()].map((r) => r.cancel()));
      reportSyncing(false);
      resetReceived();
    },
    reSync() {
      for (const replication of replications.values()) replication.reSync();
    },
    async awaitInSync() {
      await Promise.all([...replications.values()].map((r) => r.awaitInSync()));
    },
  };
}

/**
 * What the user sees about sync: online or not, how many changes wait, when
 * the device last reached the server, and whether a given record is still
 * only on this device. One store for the app, fed by the outbox (pending)
 * and by the replication (everything else); components read it through
 * useSyncStatus.
 */
import { create } from '../state';
import { rejectedRecords$, type OutboxCollection, type PendingIndex, type RejectedRecord } from '../db/outbox';

export interface SyncStatus {
  /** The browser believes it has a network (navigator.onLine). */
  networkOnline: boolean;
  /** Whether the last request reached the server; undefined before the first one. */
  serverReachable: boolean | undefined;
  /** networkOnline and the server answered the last request (or none was made yet). */
  online: boolean;
  /** Local changes not yet accepted by the server. */
  pendingCount: number;
  /**
   * Whether pendingCount comes from this device's outbox. Before the device
   * store is open (or while it is locked) the count is unknown, and the app
   * must not claim that everything is synced.
   */
  pendingKnown: boolean;
  /** ISO time of the last successful pull or push. */
  lastSyncedAt: string | undefined;
  /** ISO time of the last successful pull, and of the last successful push (the device's health report). */
  lastPulledAt: string | undefined;
  lastPushedAt: string | undefined;
  /** A pull or push is in flight. */
  syncing: boolean;
  /** The most recent sync failure, cleared by the next success. */
  lastError: string | undefined;
  /** True while the record has a local change the server has not accepted yet. */
  isPending: (collection: string, id: string) => boolean;
  /** Changes the server refused for good: kept on the device, set aside so the rest syncs. */
  rejected: RejectedRecord[];
  /** Records arriving in the first pull of this session (a device's first sync, or one resumed); undefined when none. */
  receiving: ReceivingProgress | undefined;
}

export interface ReceivingProgress {
  received: number;
  total: number;
  /** The device had a checkpoint: it picked up where an interrupted sync stopped. */
  resumed: boolean;
  done: boolean;
}

const notPending = () => false;

function initialNetworkOnline(): boolean {
  return typeof navigator === 'undefined' ? true : navigator.onLine;
}

function derive(state: Pick<SyncStatus, 'networkOnline' | 'serverReachable'>) {
  return { online: state.networkOnline && state.serverReachable !== false };
}

export const syncStatusStore = create<SyncStatus>()(() => ({
  networkOnline: initialNetworkOnline(),
  serverReachable: undefined,
  online: initialNetworkOnline(),
  pendingCount: 0,
  pendingKnown: false,
  lastSyncedAt: undefined,
  lastPulledAt: undefined,
  lastPushedAt: undefined,
  syncing: false,
  lastError: undefined,
  isPending: notPending,
  rejected: [],
  receiving: undefined,
}));

function update(patch: Partial<Omit<SyncStatus, 'online'>>) {
  syncStatusStore.setState((state) => {
    const next = { ...state, ...patch };
    return { ...patch, ...derive(next) };
  });
}

/** Called by the replication after every request. */
export function reportRequest(
  outcome: { ok: true; kind?: 'pull' | 'push' } | { ok: false; error: string; reachedServer: boolean },
) {
  if (outcome.ok) {
    const at = new Date().toISOString();
    update({
      serverReachable: true,
      lastSyncedAt: at,
      lastError: undefined,
      ...(outcome.kind === 'pull' ? { lastPulledAt: at } : outcome.kind === 'push' ? { lastPushedAt: at } : {}),
    });
  } else {
    update({ serverReachable: outcome.reachedServer, lastError: outcome.error });
  }
}

export function reportSyncing(syncing: boolean) {
  if (syncStatusStore.getState().syncing !== syncing) update({ syncing });
}

export function reportError(error: string) {
  update({ lastError: error });
}

/**
 * Mirrors the device's outbox into the store. A fresh `isPending` function on
 * every change makes components that select it re-render.
 * Returns the function that disconnects.
 */
export function connectPendingIndex(index: PendingIndex): () => void {
  const subscription = index.changes$.subscribe((count) => {
    update({ pendingCount: count, pendingKnown: true, isPending: (collection, id) => index.has(collection, id) });
  });
  return () => {
    subscription.unsubscribe();
    update({ pendingCount: 0, pendingKnown: false, isPending: notPending });
  };
}

/** Mirrors the changes set aside (see setAside.ts) into the store. Returns the function that disconnects. */
export function connectRejected(outbox: OutboxCollection): () => void {
  const subscription = rejectedRecords$(outbox).subscribe((rejected) => update({ rejected }));
  return () => {
    subscription.unsubscribe();
    update({ rejected: [] });
  };
}

/** Follows navigator.onLine. Returns the function that stops listening. */
export function watchNetwork(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window): () => void {
  const onOnline = () => update({ networkOnline: true });
  const onOffline = () => update({ networkOnline: false });
  target.addEventListener('online', onOnline);
  target.addEventListener('offline', onOffline);
  return () => {
    target.removeEventListener('online', onOnline);
    target.removeEventListener('offline', onOffline);
  };
}

// --- First-sync progress ------------------------------------------------------

/** How long "all records received" stays on screen. */
export const RECEIVED_NOTICE_MS = 10_000;

const receivingByCollection = new Map<string, ReceivingProgress>();
let clearReceiving: ReturnType<typeof setTimeout> | undefined;

/**
 * Called by the replication for each page of a collection's first pull of
 * the session: the first page carries the server's count of what remains
 * (`remaining`), later pages only add what arrived. Progress is the sum over
 * the collections; it shows while anything is coming, then briefly as done.
 */
export function reportReceived(
  collection: string,
  page: { documents: number; remaining?: number; resumed?: boolean; last: boolean },
) {
  const before = receivingByCollection.get(collection);
  const received = (before?.received ?? 0) + page.documents;
  const total = page.remaining !== undefined ? received + page.remaining : Math.max(before?.total ?? 0, received);
  receivingByCollection.set(collection, {
    received,
    total,
    resumed: before?.resumed ?? page.resumed ?? false,
    done: page.last || received >= total,
  });
  const all = [...receivingByCollection.values()];
  const sum: ReceivingProgress = {
    received: all.reduce((n, c) => n + c.received, 0),
    total: all.reduce((n, c) => n + c.total, 0),
    resumed: all.some((c) => c.resumed && c.total > 0),
    done: all.every((c) => c.done),
  };
  if (clearReceiving) clearTimeout(clearReceiving);
  clearReceiving = undefined;
  if (sum.total === 0) {
    if (syncStatusStore.getState().receiving) update({ receiving: undefined });
    return;
  }
  update({ receiving: sum });
  if (sum.done) clearReceiving = setTimeout(() => update({ receiving: undefined }), RECEIVED_NOTICE_MS);
}

/** Forgets first-sync progress (sync stopped: a new session starts counting again). */
export function resetReceived() {
  receivingByCollection.clear();
  if (clearReceiving) clearTimeout(clearReceiving);
  clearReceiving = undefined;
  update({ receiving: undefined });
}

/**
 * Keeps the verifiers in step with people and sensitive records after their
 * pushes are answered (issue 18). A verifier is derived data: salted, slow
 * hashes (PBKDF2, ~1.25 ms of CPU each) of answers the records already hold.
 * Hashing them inside a push made the device wait for every date of birth it
 * sent to be hashed before its outbox could empty: on the bench's 2-core
 * machine most of an offline backlog's upload (bench/README.md, "Verifiers
 * after the push"). Now a push is answered once its records are committed,
 * and this follower reads the two collections' changes in server-sequence
 * order from its cursor, hashes what they need, and writes the verifiers.
 *
 * - Durable: the cursor moves only after a page's verifiers are committed,
 *   so a crash in between re-reads the page at the next start (writing again
 *   only what differs).
 * - Current: the hashes are made from the page as read, outside the store's
 *   writer; inside the transaction each subject is read again and its
 *   verifier made from the versions found then (a value changed meanwhile is
 *   hashed there), so a verifier never comes from a superseded or erased value.
 * - Timely: every push of people or sensitive records kicks it (in-process);
 *   an interval catches what another server process committed. Helpline
 *   devices hear of the new verifiers through the change notifier, as of any
 *   change. What a helpline agent sees lags the family's record by the time
 *   to hash it, as it already lagged by the time for their device to pull it.
 * - First start on a store written by an earlier release (cursor 0): every
 *   person and sensitive record is read once and their verifiers checked.
 * - Several server processes on one database each run one, kicked by their
 *   own writes; two that read the same page at once hash it twice and write
 *   the same verifiers (correct, and rare: the other process's interval).
 */
import { availableParallelism } from 'node:os';
import type { Store } from '../store/types';
import type { ChangeNotifier } from './changes';
import { HASH_THREADS, prehashVerifierAnswers, verifierWrites, VERIFIERS_COLLECTION } from './verifiers';

const FOLLOWED = ['people', 'sensitive'] as const;
const PAGE = 500;
const DEFAULT_INTERVAL_MS = 15_000;
/**
 * While this process committed a write this recently, the follower hashes on
 * one core fewer than the machine has (at least one), so pushes being
 * answered keep a core: on the bench's two cores, 500 hashes started at once
 * took both from 200 devices' pushes (bench/README.md, "The follower gives
 * way to pushes"); once writes pause, it fills Node's thread pool to catch up.
 */
const BUSY_WINDOW_MS = 500;

/** The follower's cursor per collection, kept beside the message scheduler's (one table of change readers). */
export function verifierCursorName(collection: (typeof FOLLOWED)[number]): string {
  return `verifiers:${collection}`;
}

export interface VerifierFollowerDeps {
  store: Store;
  notifier?: ChangeNotifier;
  now?: () => string;
  /** How often it looks for changes it was not told of (another process's pushes). */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

export class VerifierFollower {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastWriteAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly deps: VerifierFollowerDeps) {}

  /** A write of this process was committed (any collection): the follower gives way to the writers for a moment. */
  noteWrite(): void {
    this.lastWriteAt = performance.now();
  }

  /** How many hashes may run at once now. */
  private readonly lanes = (): number => {
    if (performance.now() - this.lastWriteAt < BUSY_WINDOW_MS) return Math.max(1, availableParallelism() - 1);
    return HASH_THREADS;
  };

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.deps.intervalMs ?? DEFAULT_INTERVAL_MS);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Reads what changed since the cursor, now or right after the round under way. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.catchUp()
      .catch((error: unknown) => this.deps.onError?.(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Resolves once every change committed before the call has its verifier (or the follower stopped). */
  async settle(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  private async catchUp(): Promise<void> {
    for (const collection of FOLLOWED) {
      while (!this.stopped && (await this.followPage(collection)) === PAGE);
    }
  }

  /** One page of a collection's changes after the cursor; returns how many records it read. */
  private async followPage(collection: (typeof FOLLOWED)[number]): Promise<number> {
    const { store } = this.deps;
    const cursorName = verifierCursorName(collection);
    const cursor = await store.messages.cursor(cursorName);
    const page = await store.pull(collection, cursor, PAGE);
    if (page.documents.length === 0) return 0;
    const hashes = await prehashVerifierAnswers(
      collection,
      page.documents.map((stored) => stored.doc),
      this.lanes,
    );
    const now = (this.deps.now ?? (() => new Date().toISOString()))();
    const written = await store.transaction(async (tx) => {
      const ids = [...new Set(page.documents.map((stored) => stored.id))];
      const current = await tx.getDocuments(collection, ids);
      const latest = new Map(ids.map((id) => [id, current.get(id)?.doc ?? { id, _deleted: true }] as const));
      const writes = await verifierWrites(tx, collection, latest, now, hashes);
      const items = writes.map((doc) => ({
        collection: VERIFIERS_COLLECTION,
        doc,
        siteId: String(doc.siteId ?? ''),
      }));
      const seqs = await tx.putDocuments(items);
      return items.map((item, index) => [item.siteId, seqs[index] ?? 0] as const);
    });
    await store.messages.setCursor(cursorName, page.lastSeq);
    const bySite = new Map<string, number>();
    for (const [siteId, seq] of written) bySite.set(siteId, Math.max(seq, bySite.get(siteId) ?? 0));
    for (const [siteId, seq] of bySite) this.deps.notifier?.publish(VERIFIERS_COLLECTION, seq, siteId);
    return page.documents.length;
  }
}

/** The notifier this process's writers publish to: a change of people or sensitive records also kicks the follower. */
export function kickingVerifiers(notifier: ChangeNotifier, follower: VerifierFollower): ChangeNotifier {
  const followed: readonly string[] = FOLLOWED;
  return {
    publish: (collection, seq, siteId) => {
      notifier.publish(collection, seq, siteId);
      if (collection !== VERIFIERS_COLLECTION) follower.noteWrite();
      if (followed.includes(collection)) follower.kick();
    },
    subscribe: (listener) => notifier.subscribe(listener),
    publishAccountChange: (userId) => notifier.publishAccountChange(userId),
    subscribeAccountChanges: (listener) => notifier.subscribeAccountChanges(listener),
  };
}

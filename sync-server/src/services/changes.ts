/**
 * Tells open change streams that a collection moved forward, and that an
 * account changed. The in-memory notifier reaches streams in this process
 * only; with several sync-server processes on one PostgreSQL database an
 * implementation over LISTEN/NOTIFY takes its place behind the same interface.
 *
 * A change notice carries no document data: a listener reacts by pulling
 * from its checkpoint, so a lost or duplicated notice costs a round trip,
 * never a record. It does carry the site of the write, because even "site B
 * wrote a call at sequence 812" is news a site-A device may not hear: a
 * stream announces only notices of the user's sites (routes/stream.ts).
 *
 * An account notice says that a user's sessions, state, roles or sites
 * changed (disabled, password reset, signed out, edited by an admin): their
 * open streams check their session at once instead of at the next heartbeat.
 */
export interface ChangeNotice {
  collection: string;
  /** The highest sequence number committed to `collection` for `siteId`. */
  seq: number;
  siteId: string;
}

export type ChangeListener = (notice: ChangeNotice) => void;
export type AccountListener = (userId: string) => void;

export interface ChangeNotifier {
  /** Call after commit. */
  publish(collection: string, seq: number, siteId: string): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: ChangeListener): () => void;
  /** Call after the account change committed. */
  publishAccountChange(userId: string): void;
  /** Returns the function that unsubscribes. */
  subscribeAccountChanges(listener: AccountListener): () => void;
}

/** Calls every listener, so one broken stream does not keep the others from hearing. */
export function deliverAll<T>(listeners: ReadonlySet<(value: T) => void>, value: T, onError: (error: unknown) => void) {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      onError(error);
    }
  }
}

export class InMemoryChangeNotifier implements ChangeNotifier {
  private readonly listeners = new Set<ChangeListener>();
  private readonly accountListeners = new Set<AccountListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  publish(collection: string, seq: number, siteId: string): void {
    deliverAll(this.listeners, { collection, seq, siteId }, this.onListenerError);
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  publishAccountChange(userId: string): void {
    deliverAll(this.accountListeners, userId, this.onListenerError);
  }

  subscribeAccountChanges(listener: AccountListener): () => void {
    this.accountListeners.add(listener);
    return () => {
      this.accountListeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

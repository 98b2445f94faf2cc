/**
 * Tells open change streams that a collection moved forward. The in-memory
 * notifier reaches streams in this process only; with several sync-server
 * processes on one PostgreSQL database an implementation over LISTEN/NOTIFY
 * takes its place behind the same interface.
 *
 * A notification carries no document data: a listener reacts by pulling from
 * its checkpoint, so a lost or duplicated notification costs a round trip,
 * never a record.
 */
import type { StreamEvent } from '../../../src/sync/protocol';

export type ChangeListener = (event: StreamEvent) => void;

export interface ChangeNotifier {
  /** `seq` is the highest sequence number committed to `collection`. Call after commit. */
  publish(collection: string, seq: number): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: ChangeListener): () => void;
}

export class InMemoryChangeNotifier implements ChangeNotifier {
  private readonly listeners = new Set<ChangeListener>();

  constructor(private readonly onListenerError: (error: unknown) => void = () => undefined) {}

  publish(collection: string, seq: number): void {
    for (const listener of [...this.listeners]) {
      // One broken stream must not keep the others from hearing about the change.
      try {
        listener({ collection, seq });
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }
}

/**
 * The server's change notifications (GET /api/sync/stream, SSE: one
 * connection for every collection, since a browser allows only six per
 * server) turned into RxDB's pull-stream signal per collection: 'RESYNC'
 * means "pull from your checkpoint now". Notifications carry no documents,
 * so a missed or doubled one costs a round trip, never a record.
 *
 * Read with fetch() and a ReadableStream rather than EventSource: Node 20 has
 * no EventSource, and EventSource cannot send auth headers.
 *
 * While the stream is down the device would hear of nothing, so it
 * reconnects with exponential backoff, and meanwhile asks for a resync
 * periodically and as soon as the browser says it is online again.
 */
import { Observable, filter, map, share } from 'rxjs';
import { STREAM_EVENT_CHANGE, type StreamEvent } from './protocol';
import { protocolFetch } from './protocolFetch';

export type ResyncSignal = 'RESYNC';

/** A reason to pull: one collection changed, or (no collection) anything may have. */
export interface ChangeSignal {
  collection?: string;
}

export interface ChangeStreamOptions {
  url: string;
  getHeaders?: () => Record<string, string>;
  /** Told whether the stream is connected; feeds the sync status. */
  onConnectionChange?: (connected: boolean) => void;
  /** First reconnect delay; doubles up to maxBackoffMs. */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How often to resync while the stream is down. */
  fallbackIntervalMs?: number;
  fetch?: typeof fetch;
}

interface SseEvent {
  event: string;
  data: string;
}

/** Incremental parser for the text/event-stream format (only `event` and `data` matter here). */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const out: SseEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      if (line === '') {
        if (this.data.length > 0) out.push({ event: this.event || 'message', data: this.data.join('\n') });
        this.event = '';
        this.data = [];
        continue;
      }
      if (line.startsWith(':')) continue; // comment / heartbeat
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') this.event = value;
      else if (field === 'data') this.data.push(value);
    }
    return out;
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Emits 'RESYNC' when the stream (re)connects, on every change event, and
 * while disconnected every `fallbackIntervalMs` and on the window's `online`
 * event. Unsubscribing closes the connection.
 */
export function changeStream(options: ChangeStreamOptions): Observable<ChangeSignal> {
  const initialBackoff = options.initialBackoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const fallbackInterval = options.fallbackIntervalMs ?? 30_000;
  const doFetch = options.fetch ?? protocolFetch;

  const everything: ChangeSignal = {};
  return new Observable<ChangeSignal>((subscriber) => {
    const lifetime = new AbortController();
    let connected = false;
    let wakeUp = new AbortController();

    const setConnected = (value: boolean) => {
      if (connected === value) return;
      connected = value;
      options.onConnectionChange?.(value);
    };

    const fallback = setInterval(() => {
      if (!connected) subscriber.next(everything);
    }, fallbackInterval);
    const onOnline = () => {
      subscriber.next(everything);
      wakeUp.abort(); // reconnect now instead of at the end of the backoff
    };
    const win = typeof window === 'undefined' ? undefined : window;
    win?.addEventListener('online', onOnline);

    async function readOnce(): Promise<void> {
      const response = await doFetch(options.url, {
        headers: { Accept: 'text/event-stream', ...options.getHeaders?.() },
        signal: lifetime.signal,
        cache: 'no-store',
      });
      if (!response.ok || !response.body) throw new Error(`Change stream answered ${response.status}`);
      setConnected(true);
      // Whatever changed while we were not listening is fetched by this pull.
      subscriber.next(everything);
      const parser = new SseParser();
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          for (const event of parser.push(value)) {
            if (event.event === STREAM_EVENT_CHANGE) subscriber.next(signalOf(event.data));
          }
        }
      } finally {
        reader.releaseLock();
      }
    }

    async function run(): Promise<void> {
      let backoff = initialBackoff;
      while (!lifetime.signal.aborted) {
        const openedAt = Date.now();
        try {
          await readOnce();
        } catch {
          // Expected while offline or when the server restarts; the status store hears it via setConnected.
        }
        setConnected(false);
        if (lifetime.signal.aborted) return;
        // A stream that stayed up for a while earns a fresh, short backoff.
        if (Date.now() - openedAt > maxBackoff) backoff = initialBackoff;
        wakeUp = new AbortController();
        const delay = backoff * (0.75 + Math.random() * 0.5); // jitter: do not reconnect in lockstep
        await sleep(delay, AbortSignal.any([lifetime.signal, wakeUp.signal]));
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
    void run();

    return () => {
      lifetime.abort();
      clearInterval(fallback);
      win?.removeEventListener('online', onOnline);
    };
  });
}

function signalOf(data: string): ChangeSignal {
  try {
    const event = JSON.parse(data) as Partial<StreamEvent>;
    return typeof event.collection === 'string' ? { collection: event.collection } : {};
  } catch {
    return {}; // unreadable: pulling everything is always safe
  }
}

/** One connection shared by every subscriber; it opens with the first and closes with the last. */
export function sharedChangeFeed(options: ChangeStreamOptions): Observable<ChangeSignal> {
  return changeStream(options).pipe(share());
}

/** The pull-now signals of one collection out of a shared feed. */
export function resyncSignals(feed: Observable<ChangeSignal>, collection: string): Observable<ResyncSignal> {
  return feed.pipe(
    filter((signal) => signal.collection === undefined || signal.collection === collection),
    map((): ResyncSignal => 'RESYNC'),
  );
}

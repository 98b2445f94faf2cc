/**
 * The sync protocol over real HTTP, as a device speaks it: the SyncServer of
 * tests/sync/syncModel.ts (for SimulatedDevice), and a reader of the change
 * stream that resolves when a given event arrives.
 */
import { MAX_PULL_LIMIT, pullUrl, STREAM_EVENT_CHANGE, type StreamEvent } from '../../src/sync/protocol';
import type { Checkpoint, PullResponse, PushRow, WireDocument } from '../../src/sync/protocol';
import type { SyncServer } from '../sync/syncModel';

export type Headers = Record<string, string>;

export function httpSyncServer(url: string, headers: Headers): SyncServer {
  return {
    async push(collection: string, rows: PushRow[]): Promise<WireDocument[]> {
      const response = await fetch(`${url}/api/sync/${collection}/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(rows),
      });
      if (!response.ok)
        throw new Error(`push ${collection} to ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as WireDocument[];
    },
    async pull(collection: string, checkpoint: Checkpoint | undefined, limit: number): Promise<PullResponse> {
      const response = await fetch(pullUrl(url, collection, checkpoint, limit), { headers });
      if (!response.ok)
        throw new Error(`pull ${collection} from ${url}: ${response.status} ${await response.text()}`);
      return (await response.json()) as PullResponse;
    },
  };
}

/** Every current document of a collection on the server, by id. */
export async function serverDocuments(
  server: SyncServer,
  collection: string,
): Promise<Map<string, WireDocument>> {
  const documents = new Map<string, WireDocument>();
  let checkpoint: Checkpoint | undefined;
  for (;;) {
    const page = await server.pull(collection, checkpoint, MAX_PULL_LIMIT);
    for (const doc of page.documents) documents.set(doc.id, doc);
    if (page.documents.length === 0) return documents;
    checkpoint = page.checkpoint;
  }
}

export interface ChangeStream {
  /** Resolves with the first event (already received or still to come) that `matches`; rejects after `timeoutMs`. */
  next(matches: (event: StreamEvent) => boolean, timeoutMs: number): Promise<StreamEvent>;
  close(): Promise<void>;
}

/** Subscribes to GET /api/sync/:collection/stream; resolves once the server confirmed the subscription. */
export async function openChangeStream(
  url: string,
  collection: string,
  headers: Headers,
): Promise<ChangeStream> {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/sync/${collection}/stream`, {
    headers,
    signal: controller.signal,
  });
  if (!response.ok || !response.body) throw new Error(`stream ${collection} on ${url}: ${response.status}`);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  let text = '';
  let connected = false;
  let ended = false;

  const reading = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = text.indexOf('\n\n')) >= 0) {
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          if (block.includes(': connected')) connected = true;
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event === STREAM_EVENT_CHANGE && data) events.push(JSON.parse(data) as StreamEvent);
        }
        for (const wake of [...waiters]) wake();
      }
    } catch {
      // Aborted by close().
    } finally {
      ended = true;
      for (const wake of [...waiters]) wake();
    }
  })();

  const waitFor = <T>(found: () => T | undefined, timeoutMs: number, what: string) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const value = found();
        if (value !== undefined) return done(() => resolve(value));
        if (ended) done(() => reject(new Error(`stream ended before ${what}`)));
      };
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${what} within ${timeoutMs} ms`))),
        timeoutMs,
      );
      const done = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  await waitFor(() => (connected ? true : undefined), 10_000, 'subscription');
  return {
    next: (matches, timeoutMs) => waitFor(() => events.find(matches), timeoutMs, 'matching change event'),
    async close() {
      controller.abort();
      await reader.cancel().catch(() => undefined);
      await reading;
    },
  };
}

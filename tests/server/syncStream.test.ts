/**
 * The change stream (Server-Sent Events) tells a device to pull as soon as
 * someone else's push commits, and lets go of everything when it closes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { get, type ClientRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../sync-server/src/app';
import { InMemoryChangeNotifier } from '../../sync-server/src/services/changes';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import { householdDoc, personDoc, pullPage, pushRows, startTestServer } from '../helpers/testServer';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Reads SSE text from a response until `predicate` holds on everything read so far. */
async function readUntil(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  predicate: (text: string) => boolean,
  seen = { text: '' },
) {
  const decoder = new TextDecoder();
  while (!predicate(seen.text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended; got: ${seen.text}`);
    seen.text += decoder.decode(value, { stream: true });
  }
  return seen.text;
}

async function openStream(url: string, collection: string) {
  const controller = new AbortController();
  const response = await fetch(`${url}/api/sync/${collection}/stream`, { signal: controller.signal });
  const reader = response.body!.getReader();
  cleanups.push(async () => {
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });
  return { response, reader };
}

describe('change stream', () => {
  it('emits a change event for its collection when a push commits', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const { response, reader } = await openStream(server.url, 'people');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const seen = { text: '' };
    await readUntil(reader, (text) => text.includes(': connected'), seen);

    // A change elsewhere is not announced on this stream...
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h1') },
    ]);
    // ...a change here is.
    await pushRows(server.url, 'people', [
      { assumedMasterState: null, newDocumentState: personDoc('p1', 'h1') },
    ]);
    const text = await readUntil(reader, (all) => all.includes('event: change'), seen);

    const { checkpoint } = await pullPage(server.url, 'people');
    const data = /event: change\ndata: (.*)\n\n/.exec(text)?.[1];
    expect(JSON.parse(data ?? 'null')).toEqual({ collection: 'people', seq: checkpoint.seq });
    expect(text.match(/event: change/g)).toHaveLength(1);
  });

  it('sends heartbeats and unsubscribes when the device disconnects', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'waystation-stream-'));
    const store = openSqliteStore(join(dir, 'db.sqlite'));
    await store.migrate();
    const notifier = new InMemoryChangeNotifier();
    const app = buildApp({ store, notifier, streamHeartbeatMs: 50 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    cleanups.push(async () => {
      await app.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    // node:http rather than fetch: undici opens a spare connection after an abort, which would
    // only slow down app.close() in this test.
    const heartbeats = await new Promise<{ text: string; request: ClientRequest }>((resolve, reject) => {
      const request = get(`${url}/api/sync/households/stream`, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes(': heartbeat')) resolve({ text, request });
        });
      });
      request.on('error', reject);
    });
    expect(heartbeats.text).toContain(': heartbeat');
    expect(notifier.listenerCount).toBe(1);

    heartbeats.request.destroy();
    await expect.poll(() => notifier.listenerCount).toBe(0);
  });

  it('does not keep the server from closing', async () => {
    const server = await startTestServer();
    const { reader } = await openStream(server.url, 'households');
    await readUntil(reader, (text) => text.includes(': connected'));
    await server.close();
  });
});

/**
 * The change stream (Server-Sent Events) tells a device to pull as soon as
 * someone else's push commits, and lets go of everything when it closes.
 */
import { get, type ClientRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { InMemoryChangeNotifier } from '../../sync-server/src/services/changes';
import {
  authFetch,
  createUser,
  householdDoc,
  personDoc,
  pullPage,
  pushRows,
  startTestServer,
  type Client,
} from '../helpers/testServer';

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

/** `collection` undefined: the combined stream of every collection the user may read. */
async function openStream(client: Client, collection?: string) {
  const controller = new AbortController();
  const path = collection ? `/api/sync/${collection}/stream` : '/api/sync/stream';
  const response = await authFetch(client, path, { signal: controller.signal });
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
    const { response, reader } = await openStream(server, 'people');
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

  it('the combined stream announces every collection the user may read, and only those', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const driver = await createUser(server, { roles: ['driver'], siteIds: ['site-a'] });
    const streams = { coordinator: await openStream(server), driver: await openStream(driver) };
    const seen = { coordinator: { text: '' }, driver: { text: '' } };
    await readUntil(streams.coordinator.reader, (text) => text.includes(': connected'), seen.coordinator);
    await readUntil(streams.driver.reader, (text) => text.includes(': connected'), seen.driver);

    await pushRows(server.url, 'people', [
      { assumedMasterState: null, newDocumentState: personDoc('p1', 'h1') },
    ]);
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h1') },
    ]);

    const events = (text: string) =>
      [...text.matchAll(/event: change\ndata: (.*)\n\n/g)].map(
        (m) => (JSON.parse(m[1]!) as { collection: string }).collection,
      );
    const coordinatorText = await readUntil(
      streams.coordinator.reader,
      (all) => events(all).length >= 2,
      seen.coordinator,
    );
    expect(events(coordinatorText)).toEqual(['people', 'households']);
    // The driver may read households but not people: one event, and never the people one.
    const driverText = await readUntil(streams.driver.reader, (all) => events(all).length >= 1, seen.driver);
    expect(events(driverText)).toEqual(['households']);
  });

  it('sends heartbeats and unsubscribes when the device disconnects', async () => {
    const notifier = new InMemoryChangeNotifier();
    const server = await startTestServer({ notifier, streamHeartbeatMs: 50 });
    cleanups.push(() => server.close());

    // node:http rather than fetch: undici opens a spare connection after an abort, which would
    // only slow down app.close() in this test.
    const heartbeats = await new Promise<{ text: string; request: ClientRequest }>((resolve, reject) => {
      const request = get(
        `${server.url}/api/sync/households/stream`,
        { headers: server.authHeaders },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            text += chunk;
            if (text.includes(': heartbeat')) resolve({ text, request });
          });
        },
      );
      request.on('error', reject);
    });
    expect(heartbeats.text).toContain(': heartbeat');
    expect(notifier.listenerCount).toBe(1);

    heartbeats.request.destroy();
    await expect.poll(() => notifier.listenerCount).toBe(0);
  });

  it('closes within a heartbeat once the session is ended elsewhere, and the device is then refused', async () => {
    const notifier = new InMemoryChangeNotifier();
    const server = await startTestServer({ notifier, streamHeartbeatMs: 50 });
    cleanups.push(() => server.close());
    const volunteer = await createUser(server, { roles: ['volunteer'] });
    const { reader } = await openStream(volunteer);
    const seen = { text: '' };
    // Heartbeats come and the stream stays open while the session lives.
    await readUntil(reader, (text) => text.split(': heartbeat').length > 3, seen);
    expect(notifier.listenerCount).toBe(1);

    // An admin disables the account (every session revoked) while the stream is open.
    await server.store.transaction((tx) =>
      tx.revokeUserSessions(volunteer.user.id, new Date().toISOString()),
    );
    await expect(readUntil(reader, () => false, seen)).rejects.toThrow(/stream ended/);
    await expect.poll(() => notifier.listenerCount).toBe(0);
    expect((await authFetch(volunteer, '/api/sync/stream')).status).toBe(401);
  });

  it('announces to a device only the writes of its own sites', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    // The default coordinator works in site-a and site-1; this volunteer in site-1 only.
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-1'] });
    const { reader } = await openStream(volunteer);
    const seen = { text: '' };
    await readUntil(reader, (text) => text.includes(': connected'), seen);

    // A write in site-a alone is not the volunteer's business...
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h-a1', { siteId: 'site-a' }) },
    ]);
    // ...and a push writing in both sites is announced with the sequence of the site-1 write,
    // not that of the site-a one committed after it.
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h-1', { siteId: 'site-1' }) },
      { assumedMasterState: null, newDocumentState: householdDoc('h-a2', { siteId: 'site-a' }) },
    ]);
    const text = await readUntil(reader, (all) => all.includes('event: change'), seen);

    const { documents, checkpoint } = await pullPage(volunteer, 'households');
    expect(documents.map((doc) => doc.id)).toEqual(['h-1']);
    const announced = [...text.matchAll(/event: change\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]!) as unknown);
    expect(announced).toEqual([{ collection: 'households', seq: checkpoint.seq }]);
    // Nothing of site-a arrives afterwards either.
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h-a3', { siteId: 'site-a' }) },
    ]);
    await pushRows(volunteer, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h-2', { siteId: 'site-1' }) },
    ]);
    const later = await readUntil(reader, (all) => all.split('event: change').length > 2, seen);
    const { checkpoint: after } = await pullPage(volunteer, 'households', checkpoint);
    expect([...later.matchAll(/event: change\ndata: (.*)\n\n/g)].map((m) => JSON.parse(m[1]!) as unknown)).toEqual([
      { collection: 'households', seq: checkpoint.seq },
      { collection: 'households', seq: after.seq },
    ]);
  });

  // The heartbeat is set far beyond the test's timeout: only the account change itself can close these streams.
  const NO_HEARTBEAT_MS = 10 * 60_000;

  it('closes at once when an admin disables the account, and announces nothing after', async () => {
    const server = await startTestServer({ streamHeartbeatMs: NO_HEARTBEAT_MS });
    cleanups.push(() => server.close());
    const admin = await createUser(server, { roles: ['admin'] });
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });
    const { reader } = await openStream(volunteer);
    const seen = { text: '' };
    await readUntil(reader, (text) => text.includes(': connected'), seen);

    const disabled = await authFetch(admin, `/api/admin/users/${volunteer.user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disabled.status).toBe(200);
    // Writes right after the disabling reach no one on that account's stream.
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h-after', { siteId: 'site-a' }) },
    ]);
    await expect(readUntil(reader, () => false, seen)).rejects.toThrow(/stream ended/);
    expect(seen.text).not.toContain('event: change');
    expect((await authFetch(volunteer, '/api/sync/stream')).status).toBe(401);
  });

  it('closes at once when its session signs out or the password is reset, and keeps other sessions open', async () => {
    const server = await startTestServer({ streamHeartbeatMs: NO_HEARTBEAT_MS });
    cleanups.push(() => server.close());
    const admin = await createUser(server, { roles: ['admin'] });
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });
    const tablet = await openStream(volunteer);
    const tabletSeen = { text: '' };
    await readUntil(tablet.reader, (text) => text.includes(': connected'), tabletSeen);
    const other = await openStream(server);
    const otherSeen = { text: '' };
    await readUntil(other.reader, (text) => text.includes(': connected'), otherSeen);

    expect((await authFetch(volunteer, '/api/auth/logout', { method: 'POST' })).status).toBe(204);
    await expect(readUntil(tablet.reader, () => false, tabletSeen)).rejects.toThrow(/stream ended/);

    // Someone else's stream lives on and still hears changes.
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h-x', { siteId: 'site-a' }) },
    ]);
    await readUntil(other.reader, (text) => text.includes('event: change'), otherSeen);

    // A password reset by an admin ends every session of that user, and their streams with them.
    const phone = await createUser(server, { roles: ['driver'], siteIds: ['site-a'] });
    const phoneStream = await openStream(phone);
    const phoneSeen = { text: '' };
    await readUntil(phoneStream.reader, (text) => text.includes(': connected'), phoneSeen);
    const reset = await authFetch(admin, `/api/admin/users/${phone.user.id}/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: 'a brand new password' }),
    });
    expect(reset.status).toBe(200);
    await expect(readUntil(phoneStream.reader, () => false, phoneSeen)).rejects.toThrow(/stream ended/);
  });

  it('does not keep the server from closing', async () => {
    const server = await startTestServer();
    const { reader } = await openStream(server, 'households');
    await readUntil(reader, (text) => text.includes(': connected'));
    await server.close();
  });
});

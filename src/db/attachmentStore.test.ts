/**
 * The device's document store keeps why it holds each document, so the
 * driver's tickets keeper lets go of only what it kept itself (issue 19).
 */
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentStore, attachmentKeyFor, sha256Hex, type StoredContent } from './attachmentStore';

const opened: AttachmentStore[] = [];
let counter = 0;

async function newStore(): Promise<{ store: AttachmentStore; name: string }> {
  counter += 1;
  const name = `attachment-store-test-${counter}`;
  const store = new AttachmentStore(name, await attachmentKeyFor('a database password'));
  opened.push(store);
  return { store, name };
}

async function content(id: string, text: string) {
  const bytes = new Uint8Array(new TextEncoder().encode(text));
  return {
    id,
    bytes,
    sha256: await sha256Hex(bytes),
    mime: 'image/png',
    siteId: 'site-a',
    householdId: 'h1',
  };
}

afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

describe('the device document store', () => {
  it('records why it holds each document', async () => {
    const { store } = await newStore();
    await store.add(await content('added', 'photo'));
    await store.keep(await content('ticket', 'ticket'), 'driverTicket');
    await store.keep(await content('mine', 'letter'), 'person');
    const entries = (await store.entries()).sort((a, b) => a.id.localeCompare(b.id));
    expect(entries).toEqual([
      { id: 'added', waiting: 1, keptFor: 'added' },
      { id: 'mine', waiting: 0, keptFor: 'person' },
      { id: 'ticket', waiting: 0, keptFor: 'driverTicket' },
    ]);
    expect(new TextDecoder().decode((await store.read('ticket'))?.bytes)).toBe('ticket');
  });

  it('a person keeping an automatic copy makes it theirs; the keeper never takes it back', async () => {
    const { store } = await newStore();
    await store.keep(await content('t', 'ticket'), 'driverTicket');
    await store.keep(await content('t', 'ticket'), 'person');
    await store.keep(await content('t', 'ticket'), 'driverTicket');
    expect(await store.entries()).toEqual([{ id: 't', waiting: 0, keptFor: 'person' }]);
  });

  it('lets go of content, never of a document still waiting to upload', async () => {
    const { store } = await newStore();
    await store.add(await content('waiting', 'photo'));
    await store.keep(await content('ticket', 'ticket'), 'driverTicket');
    let changes = 0;
    store.subscribe(() => (changes += 1));
    await store.letGo(['waiting', 'ticket', 'unknown']);
    expect(await store.heldIds()).toEqual(['waiting']);
    expect(await store.read('ticket')).toBeUndefined();
    expect(changes).toBe(1);
  });

  it('reads an entry from an earlier release (no mark) and can mark it', async () => {
    const { store, name } = await newStore();
    await store.keep(await content('old', 'ticket'), 'driverTicket');
    // Remove the mark as an earlier release would have written the entry.
    const raw = new Dexie(name);
    raw.version(3).stores({ contents: 'id, waiting, refused, keptFor' });
    const table = raw.table<StoredContent, string>('contents');
    const written = await table.get('old');
    if (!written) throw new Error('entry missing');
    const { keptFor: _mark, ...earlier } = written;
    await table.put(earlier);
    raw.close();
    expect(await store.entries()).toEqual([{ id: 'old', waiting: 0 }]);
    await store.markKeptFor('old', 'driverTicket');
    expect(await store.entries()).toEqual([{ id: 'old', waiting: 0, keptFor: 'driverTicket' }]);
  });

  it('finds what a person kept, also in a database written before the index', async () => {
    counter += 1;
    const name = `attachment-store-test-${counter}`;
    // The previous release's database: version 2, entries already carrying the mark.
    const earlier = new Dexie(name);
    earlier.version(2).stores({ contents: 'id, waiting, refused' });
    const entry = (id: string, keptFor: StoredContent['keptFor']): StoredContent => ({
      id,
      sha256: 'x',
      mime: 'image/png',
      size: 1,
      iv: new Uint8Array(12),
      data: new ArrayBuffer(1),
      siteId: 'site-a',
      waiting: 0,
      ...(keptFor ? { keptFor } : {}),
      createdAt: '2026-12-01T00:00:00.000Z',
    });
    await earlier
      .table<StoredContent, string>('contents')
      .bulkPut([entry('letter', 'person'), entry('ticket', 'driverTicket'), entry('old', undefined)]);
    earlier.close();

    const store = new AttachmentStore(name, await attachmentKeyFor('a database password'));
    opened.push(store);
    expect(await store.personKeptIds()).toEqual(['letter']);
    await store.keep(await content('ticket', 'ticket'), 'person');
    await store.keep(await content('mine', 'mine'), 'person');
    expect(await store.personKeptIds()).toEqual(['letter', 'mine', 'ticket']);
    await store.letGo(['letter']);
    expect(await store.personKeptIds()).toEqual(['mine', 'ticket']);
  });
});

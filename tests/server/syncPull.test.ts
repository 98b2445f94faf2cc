/**
 * Pull over real HTTP: documents come back in server commit order, page by
 * page, and a device's clock has no say in that order.
 */
import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../src/sync/protocol';
import { authFetch, householdDoc, pullAll, pullPage, pushRows, serverPerTest } from '../helpers/testServer';

const server = serverPerTest();

describe('health and schema', () => {
  it('reports status, version and protocol', async () => {
    const response = await fetch(`${server.url}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      version: expect.any(String),
      protocol: PROTOCOL_VERSION,
    });
  });

  it('serves the JSON Schema of a collection', async () => {
    const response = await authFetch(server, '/api/sync/people/schema');
    expect(response.status).toBe(200);
    const schema = (await response.json()) as {
      type: string;
      properties: Record<string, unknown>;
      required: string[];
    };
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'householdId', 'givenName']));
  });
});

describe('pull', () => {
  it('starts empty and keeps the checkpoint it was given when nothing is new', async () => {
    const epoch = await server.store.epoch();
    expect(await pullPage(server.url, 'households')).toEqual({
      documents: [],
      checkpoint: { seq: 0, epoch },
    });
    expect(await pullPage(server.url, 'households', { seq: 7 })).toEqual({
      documents: [],
      checkpoint: { seq: 7, epoch },
    });
  });

  it('orders by commit, not by the updatedAt a device clock wrote', async () => {
    // Committed first but stamped in the future; committed last but stamped in the past.
    const future = householdDoc('from-the-future', { updatedAt: '2031-01-01T00:00:00.000Z' });
    const present = householdDoc('from-now', { updatedAt: '2025-03-01T10:00:00.000Z' });
    const past = householdDoc('from-the-past', { updatedAt: '1999-12-31T23:59:59.000Z' });
    for (const doc of [future, present, past]) {
      expect(
        (await pushRows(server.url, 'households', [{ assumedMasterState: null, newDocumentState: doc }]))
          .status,
      ).toBe(200);
    }
    const page = await pullPage(server.url, 'households');
    expect(page.documents.map((doc) => doc.id)).toEqual(['from-the-future', 'from-now', 'from-the-past']);
  });

  it('pages with limit and checkpoints without skipping or repeating anything', async () => {
    const ids = Array.from({ length: 7 }, (_, i) => `household-${i}`);
    await pushRows(
      server.url,
      'households',
      ids.map((id) => ({ assumedMasterState: null, newDocumentState: householdDoc(id) })),
    );

    const first = await pullPage(server.url, 'households', undefined, 3);
    expect(first.documents.map((doc) => doc.id)).toEqual(ids.slice(0, 3));
    const second = await pullPage(server.url, 'households', first.checkpoint, 3);
    expect(second.documents.map((doc) => doc.id)).toEqual(ids.slice(3, 6));
    expect(second.checkpoint.seq).toBeGreaterThan(first.checkpoint.seq);
    const third = await pullPage(server.url, 'households', second.checkpoint, 3);
    expect(third.documents.map((doc) => doc.id)).toEqual(ids.slice(6));
    const done = await pullPage(server.url, 'households', third.checkpoint, 3);
    expect(done).toEqual({ documents: [], checkpoint: third.checkpoint });
  });

  it('moves an edited record to the end, so a device at an old checkpoint receives the new version', async () => {
    const first = householdDoc('first');
    const second = householdDoc('second');
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: first },
      { assumedMasterState: null, newDocumentState: second },
    ]);
    const seen = await pullPage(server.url, 'households');
    await pushRows(server.url, 'households', [
      { assumedMasterState: first, newDocumentState: { ...first, contactPhone: '+1 555 0101' } },
    ]);
    const next = await pullPage(server.url, 'households', seen.checkpoint);
    expect(next.documents).toEqual([expect.objectContaining({ id: 'first', contactPhone: '+1 555 0101' })]);
    expect((await pullAll(server.url, 'households')).map((doc) => doc.id)).toEqual(['second', 'first']);
  });

  it('keeps collections apart while sharing one sequence', async () => {
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h') },
    ]);
    expect((await pullPage(server.url, 'people')).documents).toEqual([]);
    expect((await pullPage(server.url, 'households')).documents).toHaveLength(1);
  });

  it('accepts checkpoint=null as "from the beginning", as RxDB sends it', async () => {
    await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h') },
    ]);
    const response = await authFetch(server, '/api/sync/households/pull?checkpoint=null&limit=10');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { documents: unknown[] }).documents).toHaveLength(1);
  });
});

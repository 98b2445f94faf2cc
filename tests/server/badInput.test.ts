/**
 * Every client mistake gets a clear 4xx ApiError and stores nothing; none of
 * them may look like a server failure (5xx).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, MAX_PULL_LIMIT, MAX_PUSH_ROWS, type ApiError } from '../../src/sync/protocol';
import {
  authFetch,
  householdDoc,
  personDoc,
  pullAll,
  pushRows,
  startTestServer,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
let existing: Awaited<ReturnType<typeof pullAll>>;

beforeAll(async () => {
  server = await startTestServer();
  await pushRows(server.url, 'households', [
    { assumedMasterState: null, newDocumentState: householdDoc('h1') },
  ]);
  existing = await pullAll(server.url, 'households');
});
afterAll(async () => {
  await server.close();
});

async function expectError(response: Response, status: number, error: string): Promise<ApiError> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const body = (await response.json()) as ApiError;
  expect(body.error).toBe(error);
  expect(body.message).toEqual(expect.any(String));
  return body;
}

function post(path: string, body: string, contentType = 'application/json') {
  return authFetch(server, path, { method: 'POST', headers: { 'content-type': contentType }, body });
}

async function expectNothingStored() {
  expect(await pullAll(server.url, 'households')).toEqual(existing);
  expect(await pullAll(server.url, 'people')).toEqual([]);
  expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  expect(await server.store.listAudit({ limit: 100 })).toHaveLength(1);
}

describe('bad push bodies', () => {
  it('rejects malformed JSON with 400 invalid_json', async () => {
    await expectError(
      await post('/api/sync/households/push', '[{"assumedMasterState": nul'),
      400,
      'invalid_json',
    );
    await expectNothingStored();
  });

  it('rejects an empty JSON body with 400 invalid_json', async () => {
    await expectError(await post('/api/sync/households/push', ''), 400, 'invalid_json');
  });

  it('rejects a prototype-poisoning body as invalid JSON', async () => {
    await expectError(
      await post('/api/sync/households/push', '[{"__proto__": {"admin": true}}]'),
      400,
      'invalid_json',
    );
  });

  it('rejects a body that is not JSON by content type with 415', async () => {
    const rows = JSON.stringify([{ assumedMasterState: null, newDocumentState: personDoc('p1', 'h1') }]);
    await expectError(await post('/api/sync/people/push', rows, 'text/plain'), 415, 'unsupported_media_type');
    await expectError(
      await post('/api/sync/people/push', '<rows/>', 'application/xml'),
      415,
      'unsupported_media_type',
    );
    await expectNothingStored();
  });

  it('rejects a body over the size limit with 413', async () => {
    const padding = 'x'.repeat(MAX_BODY_BYTES + 1);
    await expectError(
      await post('/api/sync/people/push', JSON.stringify([padding])),
      413,
      'payload_too_large',
    );
    await expectNothingStored();
  });

  it('rejects the whole push when any row is invalid, naming row and field', async () => {
    const good = personDoc('p-good', 'h1');
    const bad = { ...personDoc('p-bad', 'h1'), givenName: '' };
    const result = await pushRows(server.url, 'people', [
      { assumedMasterState: null, newDocumentState: good },
      { assumedMasterState: null, newDocumentState: bad },
    ]);
    expect(result.status).toBe(400);
    const body = result.body as unknown as ApiError;
    expect(body.error).toBe('invalid_document');
    expect(body.issues).toEqual([{ path: '[1].newDocumentState.givenName', message: expect.any(String) }]);
    await expectNothingStored();
  });

  it.each([
    [
      'an unknown field',
      [{ assumedMasterState: null, newDocumentState: { ...personDoc('p1', 'h1'), salary: 1 } }],
    ],
    [
      'a missing _deleted flag',
      [{ assumedMasterState: null, newDocumentState: { ...personDoc('p1', 'h1'), _deleted: undefined } }],
    ],
    [
      'a wrong enum value',
      [{ assumedMasterState: null, newDocumentState: personDoc('p1', 'h1', { sex: 'robot' }) }],
    ],
    [
      'mismatched ids',
      [{ assumedMasterState: personDoc('p2', 'h1'), newDocumentState: personDoc('p1', 'h1') }],
    ],
    [
      'an invalid assumed state',
      [{ assumedMasterState: { id: 'p1' }, newDocumentState: personDoc('p1', 'h1') }],
    ],
    [
      'an unknown row key',
      [{ assumedMasterState: null, newDocumentState: personDoc('p1', 'h1'), extra: true }],
    ],
    ['a body that is not a list', { assumedMasterState: null, newDocumentState: personDoc('p1', 'h1') }],
    ['a row that is not an object', ['p1']],
  ])('rejects %s with 400 invalid_document', async (_name, body) => {
    const body400 = await expectError(
      await post('/api/sync/people/push', JSON.stringify(body)),
      400,
      'invalid_document',
    );
    expect(body400.issues?.length).toBeGreaterThan(0);
    await expectNothingStored();
  });

  it(`rejects more than ${MAX_PUSH_ROWS} rows`, async () => {
    const rows = Array.from({ length: MAX_PUSH_ROWS + 1 }, (_, i) => ({
      assumedMasterState: null,
      newDocumentState: personDoc(`p${i}`, 'h1'),
    }));
    await expectError(await post('/api/sync/people/push', JSON.stringify(rows)), 400, 'invalid_document');
    await expectNothingStored();
  });
});

describe('bad addresses and queries', () => {
  it.each([
    ['GET', '/api/sync/ghosts/pull'],
    ['GET', '/api/sync/ghosts/schema'],
    ['GET', '/api/sync/ghosts/stream'],
    ['GET', '/api/sync/__proto__/pull'],
    ['POST', '/api/sync/ghosts/push'],
  ])('%s %s is 404 unknown_collection', async (method, path) => {
    const init: RequestInit =
      method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '[]' } : {};
    await expectError(await authFetch(server, path, init), 404, 'unknown_collection');
  });

  it.each([
    'checkpoint=%7Bseq',
    'checkpoint=%7B%22seq%22%3A-1%7D',
    'checkpoint=%7B%22seq%22%3A%22a%22%7D',
    'checkpoint=%7B%22seq%22%3A1%2C%22x%22%3A2%7D',
    'checkpoint=42',
    'limit=0',
    'limit=-5',
    'limit=abc',
    'limit=2.5',
    `limit=${MAX_PULL_LIMIT + 1}`,
  ])('pull?%s is 400 invalid_query', async (query) => {
    await expectError(await authFetch(server, `/api/sync/households/pull?${query}`), 400, 'invalid_query');
  });

  it.each([
    ['GET', '/api/nothing-here'],
    ['GET', '/api'],
    ['DELETE', '/api/sync/households/pull'],
    ['GET', '/api/sync/households/push'],
    ['GET', '/no-app-build-served'],
  ])('%s %s is 404 not_found', async (method, path) => {
    await expectError(await authFetch(server, path, { method }), 404, 'not_found');
  });

  it('still stores nothing after all of the above', async () => {
    await expectNothingStored();
  });
});

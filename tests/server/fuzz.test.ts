/**
 * API fuzzing: thousands of generated malformed, oversized, wrongly typed and
 * schema-violating requests against every endpoint, with valid sessions of
 * several roles and with missing, malformed, unknown and ended tokens.
 *
 * Every answer must be a 4xx ApiError ({error, message} as JSON), or a 2xx for
 * the few requests that are harmless reads; never a 5xx, and the store must
 * be exactly as it was (documents, sequence numbers, audit log, users, sites,
 * units). Failed sign-ins legitimately count towards the sign-in throttle,
 * and sessions record when they were last seen; neither is compared.
 *
 * Most requests go through Fastify's inject() (the same routing, parsing,
 * hooks and error handling, without sockets); a slice goes over real HTTP,
 * including raw bytes that are not HTTP at all. Seeded: a failure replays.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES } from '../../src/domain/collections';
import { deriveCall, MAX_ASSIGNMENTS, MAX_CALLBACKS, MAX_VERIFICATION_ATTEMPTS } from '../../src/domain/calls';
import { MAX_STATUS_CHANGES } from '../../src/domain/travel';
import type { Role } from '../../src/domain/access';
import { MAX_BODY_BYTES, MAX_PUSH_ROWS } from '../../src/sync/protocol';
import { buildApp } from '../../sync-server/src/app';
import { DEFAULT_AUTH_SETTINGS, openSession } from '../../sync-server/src/services/auth';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { Store, UserRecord } from '../../sync-server/src/store/types';
import { householdDoc, personDoc, startTestServer } from '../helpers/testServer';

const SEED = 20260419;
const INJECT_RUNS = 10_000;
const HTTP_RUNS = 400;
const SITE = 'site-a';

let dir: string;
let store: Store;
let app: FastifyInstance;
let baseUrl: string;
const tokens: Record<string, string> = {};
let userIds: string[] = [];

async function addUser(id: string, roles: Role[]): Promise<UserRecord> {
  const at = new Date().toISOString();
  const user: UserRecord = {
    id,
    username: id,
    displayName: `Person ${id}`,
    passwordHash: 'no-password',
    roles,
    siteIds: [SITE],
    disabled: false,
    createdAt: at,
    updatedAt: at,
  };
  await store.transaction((tx) => tx.insertUser(user));
  return user;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waystation-fuzz-'));
  store = openSqliteStore(join(dir, 'fuzz.sqlite'));
  await store.migrate();
  const at = new Date().toISOString();
  await store.transaction(async (tx) => {
    for (const id of [SITE, 'site-b']) await tx.putSite({ id, name: id, kind: 'welcome_center', createdAt: at, updatedAt: at });
  });
  const deps = { store, settings: DEFAULT_AUTH_SETTINGS, now: () => new Date() };
  for (const [name, roles] of [
    ['coordinator', ['coordinator']],
    ['admin', ['admin']],
    ['driver', ['driver']],
    ['agent', ['helpline_agent']],
  ] as const) {
    const user = await addUser(`fuzz-${name}`, [...roles]);
    tokens[name] = (await openSession(deps, user, `device-${name}`)).token;
  }
  const ended = await addUser('fuzz-ended', ['coordinator']);
  tokens.ended = (await openSession(deps, ended, 'device-ended')).token;
  await store.revokeSession(
    (await import('node:crypto')).createHash('sha256').update(tokens.ended).digest('hex'),
    at,
  );
  userIds = (await store.listUsers()).map((u) => u.id);

  app = buildApp({ store });
  // Existing records, so pushes and reads have something to collide with.
  const seeded = await app.inject({
    method: 'POST',
    url: '/api/sync/households/push',
    headers: { authorization: `Bearer ${tokens.coordinator}`, 'content-type': 'application/json' },
    payload: JSON.stringify([{ assumedMasterState: null, newDocumentState: householdDoc('h1') }]),
  });
  expect(seeded.statusCode).toBe(200);
  await app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await app?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** Everything a request could have stored: documents with sequence numbers, audit, accounts. */
async function snapshot(): Promise<string> {
  const collections: Record<string, unknown> = {};
  for (const c of [...COLLECTION_NAMES, 'conflicts']) {
    const page = await store.pull(c, 0, 100_000);
    collections[c] = page.documents.map((d) => [d.id, d.seq, d.doc]);
  }
  const users = (await store.listUsers()).map(({ failedLogins: _f, lockedUntil: _l, ...user }) => user);
  return JSON.stringify({
    collections,
    epoch: await store.epoch(),
    audit: await store.listAudit({ limit: 100_000 }),
    users,
    sites: await store.listSites(),
    units: await store.listUnits(),
  });
}

// ---------------------------------------------------------------------------
// Generators

const junkText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '__proto__', 'constructor', 'null', '[]', '{}', '..', 'x'.repeat(5000), '\u0000', '😀'),
);
const segment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...COLLECTION_NAMES, 'conflicts') },
  { weight: 1, arbitrary: junkText.map((s) => encodeURIComponent(s) || '%20') },
  { weight: 1, arbitrary: fc.constantFrom('%2e%2e', '..%2f..', 'households%2Fpush', '%00', '%E0%A4%A') },
);
const idSegment = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...['fuzz-coordinator', 'no-such-id', 'site-a']) },
  { weight: 2, arbitrary: junkText.map((s) => encodeURIComponent(s) || '%20') },
);
const queryString = fc.oneof(
  fc.constant(''),
  fc
    .dictionary(
      fc.constantFrom('checkpoint', 'limit', 'collection', 'recordId', 'userId', 'x', '__proto__'),
      fc.oneof(
        junkText,
        fc.integer().map(String),
        fc.constantFrom('{"seq":-1}', '{"seq":1.5}', '{"seq":"1"}', '{"seq":1,"epoch":"../x"}', 'null', '1e309', '-1', '0', '1001'),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'undefined'),
      ),
      { maxKeys: 3 },
    )
    .map((params) => `?${new URLSearchParams(params).toString()}`),
  fc.constantFrom('?limit=1&limit=2', '?checkpoint=%7B', '?%zz', '?a[b]=c', '?checkpoint[seq]=1'),
);

/** A value of a different JSON type than `value`: never valid where `value` was. */
function wrongType(value: unknown, pick: number): unknown {
  const options: unknown[] =
    typeof value === 'string'
      ? [42, true, null, ['a'], { a: 1 }]
      : typeof value === 'boolean'
        ? ['true', 1, null, {}]
        : typeof value === 'number'
          ? ['1', false, null, []]
          : Array.isArray(value)
            ? ['a', 1, { length: 0 }, null]
            : ['object', 7, [], null];
  return options[pick % options.length];
}

function mutateDoc(doc: Record<string, unknown>, fieldPick: number, typePick: number, mode: number): Record<string, unknown> {
  const keys = Object.keys(doc);
  const key = keys[fieldPick % keys.length]!;
  const copy: Record<string, unknown> = { ...doc };
  switch (mode % 4) {
    case 0:
      copy[key] = wrongType(doc[key], typePick);
      return copy;
    case 1:
      copy.unexpectedField = typePick;
      return copy;
    case 2:
      copy.id = ['', 'x'.repeat(300), 'has space', 5][typePick % 4];
      return copy;
    default:
      copy.updatedAt = ['yesterday', 5, '2025-13-45T99:00:00Z', ''][typePick % 4];
      return copy;
  }
}

const validDocs = [householdDoc('h1'), householdDoc('h-new'), personDoc('p1', 'h1'), householdDoc('h2', { siteId: 'site-b' })];
const badRows = fc
  .tuple(fc.nat(validDocs.length - 1), fc.nat(), fc.nat(), fc.nat(), fc.boolean())
  .map(([docPick, field, type, mode, assumed]) => {
    const doc = validDocs[docPick]!;
    const row = { assumedMasterState: assumed ? doc : null, newDocumentState: mutateDoc(doc, field, type, mode) };
    return [{ assumedMasterState: null, newDocumentState: householdDoc('h-ok') }, row];
  });
const badAccountBodies = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()).map(([which, field, type, mode]) => {
  const valid = [
    { username: 'newuser', displayName: 'New Person', password: 'long enough password', roles: ['volunteer'], siteIds: [SITE] },
    { name: 'New site', kind: 'welcome_center' },
    { name: 'New unit', siteId: SITE, callbackHours: 24 },
    [{ collection: 'households', recordId: 'h1', at: new Date().toISOString() }],
  ][which % 4]!;
  if (Array.isArray(valid)) return [mutateDoc(valid[0]!, field, type, mode % 2 === 1 ? 0 : mode)];
  return mode % 4 === 2 ? { ...valid, roles: 'admin' } : mutateDoc(valid, field, type, mode % 2 === 1 ? 0 : mode);
});
const body = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 2, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 3, arbitrary: badRows.map((rows) => JSON.stringify(rows)) },
  { weight: 2, arbitrary: badAccountBodies.map((b) => JSON.stringify(b)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"admin":true}}',
      '[{"constructor":{"prototype":{"x":1}}}]',
      `[${'['.repeat(2000)}${']'.repeat(2000)}]`,
      JSON.stringify(Array.from({ length: MAX_PUSH_ROWS + 1 }, () => ({}))),
      JSON.stringify({ username: 'a'.repeat(10_000), password: 'b' }),
      '1e999999',
      '"\\ud800"',
      '',
    ),
  },
);

const TOKENS = ['coordinator', 'admin', 'driver', 'agent', 'ended', 'unknown', 'malformed', 'basic', 'none'] as const;
function authorization(kind: (typeof TOKENS)[number]): string | undefined {
  switch (kind) {
    case 'unknown':
      return `Bearer ${'A'.repeat(43)}`;
    case 'malformed':
      return 'Bearer not a token';
    case 'basic':
      return 'Basic YWRtaW46YWRtaW4=';
    case 'none':
      return undefined;
    default:
      return `Bearer ${tokens[kind]}`;
  }
}

interface FuzzRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  token: (typeof TOKENS)[number];
  contentType: string | undefined;
  deviceId: string | undefined;
  payload: string | undefined;
}

const withBody = (method: 'POST' | 'PATCH', path: fc.Arbitrary<string>) =>
  fc.record({ method: fc.constant(method), path, payload: body });
const noBody = (path: fc.Arbitrary<string>) =>
  fc.record({ method: fc.constant('GET' as const), path, payload: fc.constant(undefined) });

const endpoint = fc.oneof(
  noBody(fc.constant('/api/health')),
  withBody('POST', fc.constant('/api/auth/login')),
  noBody(fc.constant('/api/auth/me')),
  noBody(segment.map((c) => `/api/sync/${c}/schema`)),
  { weight: 3, arbitrary: noBody(segment.map((c) => `/api/sync/${c}/pull`)) },
  { weight: 6, arbitrary: withBody('POST', segment.map((c) => `/api/sync/${c}/push`)) },
  withBody('POST', fc.constant('/api/audit/reads')),
  withBody('POST', fc.constant('/api/audit/events')),
  noBody(fc.constant('/api/audit')),
  noBody(fc.constantFrom('/api/admin/users', '/api/admin/sites', '/api/admin/units', '/api/directory')),
  withBody('POST', fc.constantFrom('/api/admin/users', '/api/admin/sites', '/api/admin/units')),
  withBody('PATCH', fc.tuple(fc.constantFrom('users', 'sites', 'units'), idSegment).map(([k, id]) => `/api/admin/${k}/${id}`)),
  withBody('POST', idSegment.map((id) => `/api/admin/users/${id}/password`)),
  fc.record({
    method: fc.constantFrom('PUT' as const, 'DELETE' as const),
    path: fc.constantFrom('/api/sync/households/push', '/api/admin/users', '/api/nope', '/api'),
    payload: fc.option(body, { nil: undefined }),
  }),
);

const request: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    endpoint,
    queryString,
    // Mostly live sessions and JSON, so most requests get past sign-in and parsing to validation.
    fc.oneof({ weight: 3, arbitrary: fc.constantFrom('coordinator', 'admin', 'agent') }, { weight: 2, arbitrary: fc.constantFrom(...TOKENS) }),
    fc.oneof(
      { weight: 4, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', undefined) },
    ),
    fc.option(junkText, { nil: undefined }),
  )
  .map(([e, query, token, contentType, deviceId]) => ({
    method: e.method,
    url: `${e.path}${query}`,
    token,
    contentType: e.payload === undefined ? undefined : contentType,
    deviceId,
    payload: e.payload,
  }));

/** A harmless read or a no-op write may succeed; everything else must be refused. */
function headersOf(r: FuzzRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  const auth = authorization(r.token);
  if (auth) headers.authorization = auth;
  if (r.contentType) headers['content-type'] = r.contentType;
  // Header values must be visible ASCII for a real client; inject is given the same.
  if (r.deviceId) headers['x-device-id'] = encodeURIComponent(r.deviceId).slice(0, 200);
  return headers;
}

interface Tally {
  total: number;
  byStatus: Map<number, number>;
}

function checkAnswer(r: FuzzRequest, status: number, contentType: string | undefined, text: string, tally: Tally) {
  tally.total += 1;
  tally.byStatus.set(status, (tally.byStatus.get(status) ?? 0) + 1);
  const what = `${r.method} ${r.url.slice(0, 200)} (${r.token}, ${r.contentType ?? 'no type'}) → ${status} ${text.slice(0, 300)}`;
  expect(status, what).toBeLessThan(500);
  if (status >= 400) {
    expect(contentType ?? '', what).toMatch(/^application\/json/);
    const parsed = JSON.parse(text) as { error?: unknown; message?: unknown };
    expect(typeof parsed.error, what).toBe('string');
    expect(typeof parsed.message, what).toBe('string');
  }
}

function report(label: string, tally: Tally) {
  const statuses = [...tally.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
  console.log(`${label}: ${tally.total} requests; ${statuses.join(', ')}`);
}

describe('API fuzzing', () => {
  it(`answers ${INJECT_RUNS} generated bad requests (inject) with 4xx errors and stores nothing`, async () => {
    const before = await snapshot();
    const tally: Tally = { total: 0, byStatus: new Map() };
    let sinceCheck = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const response = await app.inject({
          method: r.method,
          url: r.url,
          headers: headersOf(r),
          ...(r.payload === undefined ? {} : { payload: r.payload }),
        });
        const type = response.headers['content-type'];
        checkAnswer(r, response.statusCode, typeof type === 'string' ? type : undefined, response.body, tally);
        // A store check after every write-shaped request would dominate the run; every 250 finds the culprit's neighbourhood.
        if (++sinceCheck >= 250) {
          sinceCheck = 0;
          expect(await snapshot(), `store changed by a request near ${r.method} ${r.url}`).toBe(before);
        }
      }),
      { seed: SEED, numRuns: INJECT_RUNS, endOnFailure: true },
    );
    expect(await snapshot()).toBe(before);
    report('fuzz (inject)', tally);
    expect(tally.total).toBe(INJECT_RUNS);
    expect(userIds.length).toBeGreaterThan(0);
  }, 120_000);

  it('over real HTTP: bad requests, oversized bodies and non-HTTP bytes; the server keeps answering', async () => {
    const before = await snapshot();
    const tally: Tally = { total: 0, byStatus: new Map() };
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const response = await fetch(`${baseUrl}${r.url}`, {
          method: r.method,
          headers: headersOf(r),
          ...(r.payload === undefined ? {} : { body: r.payload }),
        });
        checkAnswer(r, response.status, response.headers.get('content-type') ?? undefined, await response.text(), tally);
      }),
      { seed: SEED + 1, numRuns: HTTP_RUNS, endOnFailure: true },
    );
    // Bodies over the limit, for each kind of endpoint that takes one.
    const oversized = JSON.stringify([{ newDocumentState: { id: 'big', note: 'x'.repeat(MAX_BODY_BYTES) } }]);
    for (const path of ['/api/sync/households/push', '/api/auth/login', '/api/admin/users', '/api/audit/reads']) {
      const r: FuzzRequest = { method: 'POST', url: path, token: 'admin', contentType: 'application/json', deviceId: undefined, payload: oversized };
      const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: headersOf(r), body: oversized });
      checkAnswer(r, response.status, response.headers.get('content-type') ?? undefined, await response.text(), tally);
      expect(response.status).toBe(413);
    }
    // Bytes that are not HTTP, and HTTP that lies about its length: the socket is answered or closed, the server lives.
    for (const raw of ['GARBAGE\r\n\r\n', 'POST /api/sync/households/push HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n[', '\u0000\u0001\u0002', 'GET / HTTP/9.9\r\n\r\n']) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(Number(new URL(baseUrl).port), '127.0.0.1', () => socket.end(raw));
        socket.on('data', () => undefined);
        socket.on('close', () => resolve());
        socket.on('error', () => resolve());
        socket.setTimeout(2000, () => socket.destroy());
      });
    }
    const health = await fetch(`${baseUrl}/api/health`);
    expect(health.status).toBe(200);
    expect(await snapshot()).toBe(before);
    report('fuzz (HTTP)', tally);
  }, 120_000);
});

// ---------------------------------------------------------------------------
// Input limits: text no person typed, maps no person filled, bodies that never end.

const META = {
  siteId: SITE,
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
  updatedBy: 'fuzz-coordinator',
  deviceId: 'device-coordinator',
  _deleted: false,
};

function travelLegDoc(id: string, historyEntries: number): Record<string, unknown> {
  const statusHistory: Record<string, unknown> = {};
  for (let i = 0; i < historyEntries; i += 1) {
    statusHistory[`s${i}`] = { status: i % 2 ? 'ticketed' : 'planned', by: 'fuzz-coordinator', at: '2025-03-01T10:00:00.000Z' };
  }
  return {
    id,
    ...META,
    householdId: 'h1',
    mode: 'bus',
    carrier: 'Greyhound',
    departureAt: '2025-03-02T10:00:00.000Z',
    departurePlace: 'Denver',
    arrivalPlace: 'Chicago',
    bookingReference: 'GH-1',
    seats: 2,
    status: historyEntries % 2 ? 'planned' : 'ticketed',
    statusHistory,
  };
}

function entries(n: number, entry: (i: number) => Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`e${i}`, entry(i)]));
}

function callDoc(id: string, sizes: { attempts?: number; callbacks?: number; assignments?: number }): Record<string, unknown> {
  const at = '2025-03-01T10:00:00.000Z';
  return deriveCall({
    id,
    ...META,
    updatedBy: 'fuzz-agent',
    startedAt: at,
    agentId: 'fuzz-agent',
    callerLanguage: 'so',
    category: 'resettlement' as const,
    summary: 'Asks when the interview is.',
    verification: {
      attempts: entries(sizes.attempts ?? 0, () => ({ at, by: 'fuzz-agent', passed: false, questionIds: [] })) as never,
    },
    outcome: { kind: 'voicemail_followup' as const, callbackDueAt: '2025-03-02T10:00:00.000Z' },
    callbacks: entries(sizes.callbacks ?? 0, () => ({ at, by: 'fuzz-agent', result: 'no_answer_retry' })) as never,
    assignments: entries(sizes.assignments ?? 0, () => ({ unitId: 'u1', at, by: 'fuzz-agent' })) as never,
  }) as unknown as Record<string, unknown>;
}

async function push(token: keyof typeof tokens, collection: string, docs: unknown[], raw?: Buffer) {
  const response = await app.inject({
    method: 'POST',
    url: `/api/sync/${collection}/push`,
    headers: { authorization: `Bearer ${tokens[token]}`, 'content-type': 'application/json' },
    payload: raw ?? JSON.stringify(docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }))),
  });
  return { status: response.statusCode, body: JSON.parse(response.body) as { error?: string; issues?: { path: string }[] } };
}

/** Text that cannot be what a person typed. */
const BAD_TEXT = ['\u0000', 'a\u0000b', '\ud800', 'x\udbff', '\udc00y', '\udfff\ud800', 'ok\ud83d'];

/** Every string-valued field of a document, as paths into it (nested objects included). */
function stringPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
}

function withText(doc: Record<string, unknown>, path: string[], text: string): Record<string, unknown> {
  const copy = structuredClone(doc);
  let target: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
  const last = path.at(-1)!;
  target[last] = `${String(target[last])}${text}`;
  return copy;
}

describe('input limits', () => {
  it('refuses text with NUL characters or lone surrogates anywhere in any body with 400 invalid_text, storing nothing', async () => {
    const before = await snapshot();
    const docs = [householdDoc('h-text'), personDoc('p-text', 'h1'), travelLegDoc('leg-text', 1)];
    const cases = fc.tuple(fc.nat(docs.length - 1), fc.nat(), fc.constantFrom(...BAD_TEXT), fc.boolean());
    await fc.assert(
      fc.asyncProperty(cases, async ([docPick, fieldPick, bad, inKey]) => {
        const doc = docs[docPick]!;
        const paths = stringPaths(doc).filter((path) => path[0] !== 'id');
        const bent = inKey ? { ...doc, [`note${bad}`]: 'x' } : withText(doc, paths[fieldPick % paths.length]!, bad);
        const collection = docPick === 0 ? 'households' : docPick === 1 ? 'people' : 'travelLegs';
        // A good row first: the whole push is refused, not just the bad row.
        const answer = await push('coordinator', collection, [householdDoc('h-fine'), bent].slice(collection === 'households' ? 0 : 1));
        expect(answer.status, JSON.stringify(answer.body)).toBe(400);
        expect(answer.body.error).toBe('invalid_text');
        // Named by row and field, as other refusals, so the device sets that row aside.
        expect(answer.body.issues?.[0]?.path).toMatch(/^\[\d+\]\.newDocumentState\./);
      }),
      { seed: SEED + 2, numRuns: 300 },
    );
    // Sign-in and administration bodies too.
    for (const [token, url, body] of [
      [undefined, '/api/auth/login', { username: 'fuzz-admin\u0000', password: 'whatever password' }],
      ['admin', '/api/admin/users', { username: 'newuser', displayName: 'New \ud800', password: 'long enough password', roles: ['volunteer'], siteIds: [SITE] }],
      ['admin', '/api/admin/sites', { name: 'Site\u0000', kind: 'welcome_center' }],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${tokens[token]}` } : {}) },
        payload: JSON.stringify(body),
      });
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect((JSON.parse(response.body) as { error: string }).error).toBe('invalid_text');
    }
    expect(await snapshot()).toBe(before);
  });

  it('refuses bodies that are not valid UTF-8 with 400 invalid_text, storing nothing (the old parser stored U+FFFD)', async () => {
    const before = await snapshot();
    const json = JSON.stringify([{ assumedMasterState: null, newDocumentState: householdDoc('h-bytes', { familyName: 'MARKER' }) }]);
    const [head, tail] = json.split('MARKER') as [string, string];
    const invalid = [
      [0xff],
      [0xc3], // a lead byte with no continuation
      [0xc0, 0xaf], // an overlong "/"
      [0xed, 0xa0, 0x80], // a surrogate encoded as UTF-8
      [0xf4, 0x90, 0x80, 0x80], // beyond U+10FFFF
      [0x80],
    ];
    for (const bytes of invalid) {
      const raw = Buffer.concat([Buffer.from(`${head}Mensah`), Buffer.from(bytes), Buffer.from(tail)]);
      const answer = await push('coordinator', 'households', [], raw);
      expect(answer.status, `bytes ${bytes.join(',')}`).toBe(400);
      expect(answer.body.error).toBe('invalid_text');
    }
    // Over real HTTP as well.
    const response = await fetch(`${baseUrl}/api/sync/households/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.coordinator}`, 'content-type': 'application/json; charset=utf-8' },
      body: Buffer.concat([Buffer.from(head), Buffer.from([0xfe, 0xff]), Buffer.from(tail)]),
    });
    expect(response.status).toBe(400);
    expect(await snapshot()).toBe(before);
  });

  it('refuses maps and lists larger than a person could fill, storing nothing', async () => {
    const before = await snapshot();
    const oversized: [keyof typeof tokens, string, Record<string, unknown>, string][] = [
      ['coordinator', 'travelLegs', travelLegDoc('leg-huge', 10_000), 'statusHistory'],
      ['coordinator', 'travelLegs', travelLegDoc('leg-over', MAX_STATUS_CHANGES + 1), 'statusHistory'],
      ['agent', 'calls', callDoc('call-attempts', { attempts: MAX_VERIFICATION_ATTEMPTS + 1 }), 'verification.attempts'],
      ['agent', 'calls', callDoc('call-callbacks', { callbacks: MAX_CALLBACKS + 1 }), 'callbacks'],
      ['agent', 'calls', callDoc('call-assignments', { assignments: MAX_ASSIGNMENTS + 1 }), 'assignments'],
      ['coordinator', 'people', personDoc('p-langs', 'h1', { languages: Array.from({ length: 11 }, () => 'en') }), 'languages'],
    ];
    for (const [token, collection, doc, field] of oversized) {
      const answer = await push(token, collection, [doc]);
      expect(answer.status, `${collection} ${field}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(400);
      expect(answer.body.error).toBe('invalid_document');
      expect(answer.body.issues?.map((issue) => issue.path)).toContain(`[0].newDocumentState.${field}`);
    }
    expect(await snapshot()).toBe(before);
  });

  it('cuts a request whose body never completes once the request timeout passes, and keeps serving', async () => {
    const server = await startTestServer({ requestTimeoutMs: 500 });
    try {
      const port = Number(new URL(server.url).port);
      const answer = await new Promise<string>((resolve, reject) => {
        let received = '';
        const socket = net.connect(port, '127.0.0.1', () => {
          // Headers promise 10,000 bytes; 20 come, then nothing.
          socket.write(
            'POST /api/sync/households/push HTTP/1.1\r\nHost: x\r\n' +
              `Authorization: Bearer ${server.token}\r\nContent-Type: application/json\r\n` +
              'Content-Length: 10000\r\n\r\n[{"assumedMasterSta',
          );
        });
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (received += chunk));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
      expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
      expect(await server.store.pull('households', 0, 10)).toMatchObject({ documents: [] });
    } finally {
      await server.close();
    }
  });

  // Last: it stores. The limits leave room for what a real record holds.
  it('accepts maps at their limits', async () => {
    expect((await push('coordinator', 'travelLegs', [travelLegDoc('leg-full', MAX_STATUS_CHANGES)])).status).toBe(200);
    const full = callDoc('call-full', {
      attempts: MAX_VERIFICATION_ATTEMPTS,
      callbacks: MAX_CALLBACKS,
      assignments: MAX_ASSIGNMENTS,
    });
    const answer = await push('agent', 'calls', [full]);
    expect(answer.status, JSON.stringify(answer.body).slice(0, 300)).toBe(200);
  });
});

/**
 * The server's log (pino, JSON lines) records every rejected request with its
 * status and reason code, and never what people typed: no bodies, no names,
 * no passwords, no tokens.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../sync-server/src/app';
import { DEFAULT_AUTH_SETTINGS, openSession } from '../../sync-server/src/services/auth';
import { openSqliteStore } from '../../sync-server/src/store/sqlite';
import type { Store } from '../../sync-server/src/store/types';
import { householdDoc } from '../helpers/testServer';

const FAMILY_NAME = 'Zyzzmowska';
const SPONSOR_PHONE = '+1 303 555 0199';
const PASSWORD = 'correct horse battery staple';

let dir: string;
let store: Store;
let app: FastifyInstance;
let token: string;
const lines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waystation-log-'));
  store = openSqliteStore(join(dir, 'log.sqlite'));
  await store.migrate();
  const at = new Date().toISOString();
  const user = {
    id: 'u1',
    username: 'logger',
    displayName: 'Log Tester',
    passwordHash: 'no-password',
    roles: ['coordinator'],
    siteIds: ['site-a'],
    disabled: false,
    createdAt: at,
    updatedAt: at,
  };
  await store.transaction(async (tx) => {
    await tx.putSite({ id: 'site-a', name: 'Site A', kind: 'welcome_center', createdAt: at, updatedAt: at });
    await tx.insertUser(user);
  });
  token = (await openSession({ store, settings: DEFAULT_AUTH_SETTINGS, now: () => new Date() }, user, 'tablet-1')).token;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  // As main.ts configures it (level from LOG_LEVEL), with the lines captured.
  app = buildApp({ store, logger: { level: 'info', stream } });
  await app.ready();
});

afterAll(async () => {
  await app.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('server logs', () => {
  it('log a rejected push as JSON with its reason code, without the names, phone or token in it', async () => {
    const bad = householdDoc('h-log', {
      familyName: FAMILY_NAME,
      sponsor: { name: FAMILY_NAME, phone: SPONSOR_PHONE },
      arrivalDate: 'not a date',
    });
    const push = await app.inject({
      method: 'POST',
      url: '/api/sync/households/push',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify([{ assumedMasterState: null, newDocumentState: bad }]),
    });
    expect(push.statusCode).toBe(400);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: FAMILY_NAME, password: PASSWORD }),
    });
    expect(login.statusCode).toBe(401);
    const noSession = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer nope' } });
    expect(noSession.statusCode).toBe(401);

    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const rejected = entries.filter((e) => e.msg === 'request rejected');
    expect(rejected.map((e) => [e.status, e.reason])).toEqual([
      [400, 'invalid_document'],
      [401, 'invalid_credentials'],
      [401, 'unauthorized'],
    ]);
    expect(rejected[0]?.issues).toEqual(['[0].newDocumentState.arrivalDate']);
    const all = lines.join('\n');
    for (const secret of [FAMILY_NAME, SPONSOR_PHONE, '303 555', PASSWORD, token]) expect(all).not.toContain(secret);
  });
});

/**
 * Sign-in over real HTTP: a token opens every API route, and a missing,
 * malformed, tampered, expired or revoked one opens none (401). Disabling a
 * user shuts their sessions at once. Failed sign-ins lock an account and
 * throttle an address, with the state in the database.
 */
import { describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/sync/protocol';
import type { LoginResponse, MeResponse } from '../../src/domain/accounts';
import { hashToken } from '../../sync-server/src/services/auth';
import {
  authFetch,
  createUser,
  householdDoc,
  pushRows,
  readJson,
  serversClosedAfterEach,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

const PASSWORD = 'correct horse battery';

function login(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

async function expect401(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer');
  const body = (await response.json()) as ApiError;
  expect(body.error).toBe('unauthorized');
  expect(body.message).toEqual(expect.any(String));
}

function get(path: string, token?: string) {
  return fetch(`${server.url}${path}`, token === undefined ? {} : { headers: { authorization: token } });
}

describe('sign-in', () => {
  it('returns a token, its expiry and the user; the token opens the API and is stored only as a hash', async () => {
    server = await startServer();
    const amina = await createUser(server, {
      username: 'Amina',
      password: PASSWORD,
      roles: ['volunteer'],
      siteIds: ['site-a'],
    });
    const response = await login({ username: 'amina', password: PASSWORD, deviceId: 'tablet-7' });
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as LoginResponse;
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(11.9 * 3600_000);
    expect(body.user).toEqual({
      id: amina.user.id,
      username: 'Amina',
      displayName: amina.user.displayName,
      roles: ['volunteer'],
      siteIds: ['site-a'],
    });
    expect(await server.store.findSession(body.token)).toBeUndefined();
    expect(await server.store.findSession(hashToken(body.token))).toMatchObject({
      userId: amina.user.id,
      deviceId: 'tablet-7',
    });

    const me = await readJson<MeResponse>(await get('/api/auth/me', `Bearer ${body.token}`));
    expect(me).toMatchObject({ status: 200, body: { user: body.user, expiresAt: body.expiresAt } });
    expect(JSON.stringify(await server.store.listAudit({ limit: 100 }))).not.toContain(PASSWORD);
  });

  it('answers a wrong password and an unknown user the same way', async () => {
    server = await startServer();
    await createUser(server, { username: 'amina', password: PASSWORD, roles: ['volunteer'] });
    const wrongPassword = await login({ username: 'amina', password: 'not the password' });
    const unknownUser = await login({ username: 'nobody', password: 'not the password' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(await wrongPassword.json()).toEqual(await unknownUser.json());
  });

  it('refuses a disabled account with the same answer', async () => {
    server = await startServer();
    await createUser(server, { username: 'gone', password: PASSWORD, roles: ['volunteer'], disabled: true });
    const response = await login({ username: 'gone', password: PASSWORD });
    expect(response.status).toBe(401);
    expect(((await response.json()) as ApiError).error).toBe('invalid_credentials');
  });

  it('rejects a malformed sign-in body with 400', async () => {
    server = await startServer();
    const response = await login({ username: 'x' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiError).error).toBe('invalid_body');
  });
});

describe('every API route needs a live session', () => {
  const protectedRoutes: [string, string][] = [
    ['GET', '/api/auth/me'],
    ['POST', '/api/auth/logout'],
    ['POST', '/api/auth/password'],
    ['GET', '/api/sync/households/pull'],
    ['POST', '/api/sync/households/push'],
    ['GET', '/api/sync/households/stream'],
    ['GET', '/api/sync/households/schema'],
    ['GET', '/api/audit'],
    ['POST', '/api/audit/reads'],
    ['GET', '/api/admin/users'],
    ['GET', '/api/directory'],
  ];

  it.each(protectedRoutes)('%s %s is 401 without a token', async (method, path) => {
    server = await startServer();
    const init: RequestInit =
      method === 'POST' ? { method, headers: { 'content-type': 'application/json' }, body: '[]' } : {};
    await expect401(await fetch(`${server.url}${path}`, init));
  });

  it('leaves health and sign-in open', async () => {
    server = await startServer();
    expect((await get('/api/health')).status).toBe(200);
    expect((await login({ username: 'a', password: 'b' })).status).toBe(401);
  });

  it.each([
    ['a malformed header', (token: string) => `Token ${token}`],
    ['a bare token', (token: string) => token],
    ['a tampered token', (token: string) => `Bearer ${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`],
    ['an unknown token', () => `Bearer ${'x'.repeat(43)}`],
    ['a token with junk after it', (token: string) => `Bearer ${token} extra`],
  ])('is 401 with %s', async (_name, header) => {
    server = await startServer();
    expect((await get('/api/auth/me', `Bearer ${server.token}`)).status).toBe(200);
    await expect401(await get('/api/auth/me', header(server.token)));
  });

  it('is 401 once the session expires', async () => {
    let now = Date.parse('2026-03-01T08:00:00.000Z');
    server = await startServer({ clock: () => new Date(now), auth: { sessionTtlMs: 60 * 60 * 1000 } });
    const bearer = `Bearer ${server.token}`;
    now += 59 * 60 * 1000;
    expect((await get('/api/sync/households/pull', bearer)).status).toBe(200);
    now += 60 * 1000;
    await expect401(await get('/api/sync/households/pull', bearer));
  });

  it('is 401 after sign-out, for that session only', async () => {
    server = await startServer();
    const other = await createUser(server, { roles: ['coordinator'] });
    const out = await authFetch(server, '/api/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    await expect401(await get('/api/auth/me', `Bearer ${server.token}`));
    expect((await authFetch(other, '/api/auth/me')).status).toBe(200);
    expect((await server.store.listAudit({ limit: 10 })).map((entry) => entry.action)).toContain('logout');
  });

  it('is 401 at once for every session of a user an admin disables', async () => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'] });
    const driver = await createUser(server, { roles: ['driver'] });
    const secondDevice = await createUser(server, { roles: ['volunteer'] });
    expect((await authFetch(driver, '/api/sync/households/pull')).status).toBe(200);

    const disable = await authFetch(admin, `/api/admin/users/${driver.user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disabled: true }),
    });
    expect(disable.status).toBe(200);
    await expect401(await authFetch(driver, '/api/sync/households/pull'));
    const session = await server.store.findSession(hashToken(driver.token));
    expect(session?.revokedAt).toEqual(expect.any(String));
    expect((await authFetch(secondDevice, '/api/auth/me')).status).toBe(200);
  });

  it('records pushes as the signed-in user, whatever the document claims', async () => {
    server = await startServer();
    const volunteer = await createUser(server, {
      roles: ['volunteer'],
      siteIds: ['site-a'],
      deviceId: 'tablet-9',
    });
    const result = await pushRows(volunteer, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h1', { updatedBy: 'someone-else' }) },
    ]);
    expect(result.status).toBe(200);
    const [entry] = await server.store.listAudit({ recordId: 'h1', limit: 1 });
    expect(entry).toMatchObject({
      userId: volunteer.user.id,
      deviceId: 'tablet-9',
      action: 'create',
      siteId: 'site-a',
    });
  });
});

describe('failed sign-ins', () => {
  it('locks an account after 5 failures in 15 minutes, for 15 minutes, even for the right password', async () => {
    let now = Date.parse('2026-03-01T08:00:00.000Z');
    server = await startServer({ clock: () => new Date(now) });
    await createUser(server, { username: 'amina', password: PASSWORD, roles: ['volunteer'] });
    for (let i = 0; i < 5; i++) {
      expect((await login({ username: 'amina', password: `wrong ${i}` })).status).toBe(401);
      now += 60_000;
    }
    const locked = await login({ username: 'AMINA', password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await locked.json()) as ApiError;
    expect(body.error).toBe('locked');
    expect(body.message).toMatch(/Try again in \d+ minutes? \(at 2026-03-01T08:19:00.000Z\)/);

    const [user] = await server.store
      .listUsers()
      .then((users) => users.filter((u) => u.username === 'amina'));
    expect(user).toMatchObject({ failedLogins: 5, lockedUntil: '2026-03-01T08:19:00.000Z' });

    now = Date.parse('2026-03-01T08:19:01.000Z');
    expect((await login({ username: 'amina', password: PASSWORD })).status).toBe(200);
    // Success clears the count.
    expect(await server.store.getThrottle('user', 'amina')).toBeUndefined();
  });

  it('locks unknown usernames the same way, so a lock-out does not reveal who has an account', async () => {
    server = await startServer();
    for (let i = 0; i < 5; i++) await login({ username: 'ghost', password: 'wrong password' });
    expect((await login({ username: 'ghost', password: 'wrong password' })).status).toBe(429);
  });

  it('forgets failures older than the window', async () => {
    let now = Date.parse('2026-03-01T08:00:00.000Z');
    server = await startServer({ clock: () => new Date(now) });
    await createUser(server, { username: 'amina', password: PASSWORD, roles: ['volunteer'] });
    for (let i = 0; i < 4; i++) await login({ username: 'amina', password: 'wrong password' });
    now += 16 * 60_000;
    await login({ username: 'amina', password: 'wrong password' });
    expect((await login({ username: 'amina', password: PASSWORD })).status).toBe(200);
  });

  it('throttles one address after 20 failures across usernames', async () => {
    server = await startServer({ auth: { ipMaxFailures: 20 } });
    await createUser(server, { username: 'amina', password: PASSWORD, roles: ['volunteer'] });
    for (let i = 0; i < 20; i++) {
      expect((await login({ username: `guess${i}`, password: 'wrong password' })).status).toBe(401);
    }
    const blocked = await login({ username: 'amina', password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as ApiError).error).toBe('rate_limited');
  });

  it('shares the lock between server processes on one database', async () => {
    server = await startServer();
    for (let i = 0; i < 5; i++) {
      await server.store.recordLoginFailure('user', 'amina', {
        nowMs: Date.now(),
        windowMs: server.auth.windowMs,
        maxFailures: server.auth.userMaxFailures,
        lockMs: server.auth.lockMs,
      });
    }
    expect((await login({ username: 'amina', password: 'anything at all' })).status).toBe(429);
  });
});

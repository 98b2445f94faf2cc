/**
 * The admin API, the directory, the audit log and first start, over real
 * HTTP: admins manage users, sites and units (others get 403), each change is
 * audited without secrets, coordinators read their sites' history, and a new
 * database gets an admin who can sign in.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AdminUser, DirectoryResponse, LoginResponse, Site, Unit } from '../../src/domain/accounts';
import type { ApiError } from '../../src/sync/protocol';
import { bootstrap, bootstrapNotice, DEFAULT_SITES } from '../../sync-server/src/services/bootstrap';
import type { AuditEntry } from '../../sync-server/src/store/types';
import {
  authFetch,
  createUser,
  edited,
  householdDoc,
  pushRows,
  readJson,
  serversClosedAfterEach,
  type Client,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

function send(client: Client, method: string, path: string, body?: unknown) {
  return authFetch(client, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

function login(username: string, password: string) {
  return fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
}

describe('admin API', () => {
  it('creates a user who can sign in, edits them and resets their password, auditing each step', async () => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'] });
    const created = await readJson<{ user: AdminUser }>(
      await send(admin, 'POST', '/api/admin/users', {
        username: 'Hodan',
        displayName: 'Hodan A.',
        password: 'first password 1',
        roles: ['helpline_agent'],
        siteIds: ['site-1'],
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      username: 'Hodan',
      roles: ['helpline_agent'],
      disabled: false,
      failedLogins: 0,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/password|argon2/i);
    const id = created.body.user.id;

    const taken = await send(admin, 'POST', '/api/admin/users', {
      username: 'hodan',
      displayName: 'x',
      password: 'first password 1',
      roles: ['driver'],
      siteIds: [],
    });
    expect(taken.status).toBe(409);

    expect((await login('hodan', 'first password 1')).status).toBe(200);

    const patched = await readJson<{ user: AdminUser }>(
      await send(admin, 'PATCH', `/api/admin/users/${id}`, {
        roles: ['case_officer'],
        displayName: 'Hodan Ali',
      }),
    );
    expect(patched.body.user).toMatchObject({ roles: ['case_officer'], displayName: 'Hodan Ali' });

    expect(
      (await send(admin, 'POST', `/api/admin/users/${id}/password`, { password: 'second password 2' }))
        .status,
    ).toBe(200);
    expect((await login('hodan', 'first password 1')).status).toBe(401);
    expect((await login('hodan', 'second password 2')).status).toBe(200);

    const audit = await server.store.listAudit({ recordId: id, limit: 10 });
    expect(audit.map((entry) => entry.action)).toEqual([
      'admin.password_reset',
      'admin.user_update',
      'admin.user_create',
    ]);
    expect(audit.every((entry) => entry.userId === admin.user.id)).toBe(true);
    expect(audit[1]?.details).toEqual({
      changes: { displayName: ['Hodan A.', 'Hodan Ali'], roles: [['helpline_agent'], ['case_officer']] },
    });
    const everything = JSON.stringify(await server.store.listAudit({ limit: 1000 }));
    expect(everything).not.toContain('first password 1');
    expect(everything).not.toContain('second password 2');
    expect(everything).not.toContain('argon2');
  });

  it('manages sites and units with their call-back times', async () => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'] });
    const site = await readJson<{ site: Site }>(
      await send(admin, 'POST', '/api/admin/sites', {
        id: 'nairobi',
        name: 'Nairobi Helpline',
        kind: 'helpline_office',
      }),
    );
    expect(site.status).toBe(201);
    const unit = await readJson<{ unit: Unit }>(
      await send(admin, 'POST', '/api/admin/units', {
        name: 'Resettlement',
        siteId: 'nairobi',
        callbackHours: 48,
      }),
    );
    expect(unit.status).toBe(201);
    const changed = await readJson<{ unit: Unit }>(
      await send(admin, 'PATCH', `/api/admin/units/${unit.body.unit.id}`, { callbackHours: 24 }),
    );
    expect(changed.body.unit.callbackHours).toBe(24);
    expect((await send(admin, 'PATCH', '/api/admin/sites/nairobi', { name: 'Nairobi Office' })).status).toBe(
      200,
    );
    const units = await readJson<{ units: Unit[] }>(await send(admin, 'GET', '/api/admin/units'));
    expect(units.body.units).toEqual([expect.objectContaining({ name: 'Resettlement', callbackHours: 24 })]);
    expect(
      (await send(admin, 'POST', '/api/admin/units', { name: 'X', siteId: 'nowhere', callbackHours: 4 }))
        .status,
    ).toBe(404);
  });

  it.each([
    [
      'POST',
      '/api/admin/users',
      { username: 'a b', displayName: '', password: 'short', roles: ['king'], siteIds: [] },
    ],
    [
      'POST',
      '/api/admin/users',
      {
        username: 'ok',
        displayName: 'Ok',
        password: 'long enough 1',
        roles: ['driver'],
        siteIds: ['nowhere'],
      },
    ],
    ['POST', '/api/admin/sites', { name: 'X', kind: 'castle' }],
    ['POST', '/api/admin/units', { name: 'X', siteId: 'site-a', callbackHours: -1 }],
    ['PATCH', '/api/admin/users/nobody', { displayName: 'X' }],
    ['PATCH', '/api/admin/users/whoever', { password: 'not here' }],
  ])('%s %s with a bad body is a 4xx that changes nothing', async (method, path, body) => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'] });
    const before = await server.store.listAudit({ limit: 1000 });
    const response = await send(admin, method, path, body);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(((await response.json()) as ApiError).message).toEqual(expect.any(String));
    expect(await server.store.listAudit({ limit: 1000 })).toHaveLength(before.length);
  });

  it('keeps an admin from locking themselves out', async () => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'] });
    expect((await send(admin, 'PATCH', `/api/admin/users/${admin.user.id}`, { disabled: true })).status).toBe(
      409,
    );
    expect(
      (await send(admin, 'PATCH', `/api/admin/users/${admin.user.id}`, { roles: ['driver'] })).status,
    ).toBe(409);
  });

  it('is 403 for every other role', async () => {
    server = await startServer();
    for (const role of [
      'volunteer',
      'driver',
      'caseworker',
      'helpline_agent',
      'case_officer',
      'coordinator',
    ] as const) {
      const user = await createUser(server, { roles: [role] });
      for (const [method, path] of [
        ['GET', '/api/admin/users'],
        ['POST', '/api/admin/users'],
        ['PATCH', `/api/admin/users/${user.user.id}`],
        ['GET', '/api/admin/sites'],
        ['POST', '/api/admin/units'],
      ] as const) {
        const response = await send(user, method, path, method === 'GET' ? undefined : {});
        expect(response.status, `${role} ${method} ${path}`).toBe(403);
      }
    }
  });
});

describe('directory', () => {
  it('lists the caller’s sites, their units and active colleagues, nothing of other sites', async () => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'] });
    await send(admin, 'POST', '/api/admin/units', {
      id: 'unit-1',
      name: 'Protection',
      siteId: 'site-1',
      callbackHours: 24,
    });
    await send(admin, 'POST', '/api/admin/units', {
      id: 'unit-b',
      name: 'Elsewhere',
      siteId: 'site-b',
      callbackHours: 24,
    });
    const agent = await createUser(server, {
      roles: ['helpline_agent'],
      siteIds: ['site-1'],
      displayName: 'Agent',
      unitId: 'unit-1',
    });
    await createUser(server, { roles: ['driver'], siteIds: ['site-b'], displayName: 'Far away' });
    await createUser(server, { roles: ['driver'], siteIds: ['site-1'], displayName: 'Gone', disabled: true });
    const { body } = await readJson<DirectoryResponse>(await authFetch(agent, '/api/directory'));
    expect(body.sites.map((s) => s.id)).toEqual(['site-1']);
    expect(body.units.map((u) => u.id)).toEqual(['unit-1']);
    const names = body.users.map((u) => u.displayName);
    expect(names).toContain('Agent');
    expect(names).not.toContain('Far away');
    expect(names).not.toContain('Gone');
    expect(body.users.find((u) => u.displayName === 'Agent')).toEqual({
      id: agent.user.id,
      displayName: 'Agent',
      roles: ['helpline_agent'],
      unitId: 'unit-1',
    });
  });
});

describe('audit log', () => {
  it('records who changed which fields from which device, and each reported sensitive read', async () => {
    server = await startServer();
    const worker = await createUser(server, {
      roles: ['caseworker'],
      siteIds: ['site-a'],
      deviceId: 'laptop-3',
    });
    const original = householdDoc('h1');
    await pushRows(worker, 'households', [{ assumedMasterState: null, newDocumentState: original }]);
    await pushRows(worker, 'households', [
      { assumedMasterState: original, newDocumentState: edited(original, { contactPhone: '+1 555 0123' }) },
    ]);
    const reads = await send(worker, 'POST', '/api/audit/reads', [
      { collection: 'households', recordId: 'h1', at: '2025-03-02T09:00:00.000Z' },
      { collection: 'sensitive', recordId: 'not-synced-yet', at: '2025-03-02T09:01:00.000Z' },
    ]);
    expect(reads.status).toBe(200);
    expect(await reads.json()).toEqual({ recorded: 2 });

    const coordinator = await createUser(server, { roles: ['coordinator'], siteIds: ['site-a'] });
    const { status, body } = await readJson<{ entries: AuditEntry[] }>(
      await authFetch(coordinator, '/api/audit?collection=households&recordId=h1'),
    );
    expect(status).toBe(200);
    expect(body.entries.map((e) => e.action)).toEqual(['read', 'change', 'create']);
    expect(body.entries[1]).toMatchObject({
      userId: worker.user.id,
      deviceId: 'laptop-3',
      siteId: 'site-a',
      details: { contactPhone: [null, '+1 555 0123'] },
    });
    expect(body.entries[0]).toMatchObject({
      userId: worker.user.id,
      deviceId: 'laptop-3',
      at: '2025-03-02T09:00:00.000Z',
    });

    const driver = await createUser(server, { roles: ['driver'], siteIds: ['site-a'] });
    expect(
      (
        await send(driver, 'POST', '/api/audit/reads', [
          { collection: 'sensitive', recordId: 'x', at: '2025-03-02T09:00:00.000Z' },
        ])
      ).status,
    ).toBe(403);
    expect((await authFetch(worker, '/api/audit')).status).toBe(403);
    expect((await authFetch(driver, '/api/audit')).status).toBe(403);
    expect((await authFetch(coordinator, '/api/audit?limit=0')).status).toBe(400);
  });

  it('shows a coordinator only their sites’ entries; an admin sees all', async () => {
    server = await startServer();
    const siteA = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });
    const siteB = await createUser(server, { roles: ['volunteer'], siteIds: ['site-b'] });
    await pushRows(siteA, 'households', [{ assumedMasterState: null, newDocumentState: householdDoc('ha') }]);
    await pushRows(siteB, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('hb', { siteId: 'site-b' }) },
    ]);
    const coordinator = await createUser(server, { roles: ['coordinator'], siteIds: ['site-a'] });
    const admin = await createUser(server, { roles: ['admin'] });
    const seen = async (client: Client) =>
      (
        await readJson<{ entries: AuditEntry[] }>(await authFetch(client, '/api/audit?collection=households'))
      ).body.entries.map((e) => e.recordId);
    expect(await seen(coordinator)).toEqual(['ha']);
    expect((await seen(admin)).sort()).toEqual(['ha', 'hb']);
  });
});

describe('first start', () => {
  it('creates the default sites and an admin with the configured password, once', async () => {
    server = await startServer();
    // The test server's own users exist; bootstrap is for an empty database.
    expect(await bootstrap(server.store, { adminPassword: 'configured pass 1' })).toEqual({ created: false });
  });

  it('with WAYSTATION_ADMIN_PASSWORD: admin signs in with it and nothing secret is printed', async () => {
    server = await startServer();
    const store = server.store;
    await withEmptyUsers(async () => {
      const result = await bootstrap(store, { adminPassword: 'configured pass 1' });
      expect(result).toMatchObject({ created: true, username: 'admin', generated: false });
      expect(bootstrapNotice(result)).not.toContain('configured pass 1');
    });
    const response = await login('admin', 'configured pass 1');
    expect(response.status).toBe(200);
    const body = (await response.json()) as LoginResponse;
    expect(body.user.roles).toEqual(['admin']);
    expect(body.user.siteIds.length).toBeGreaterThan(0);
    expect(await bootstrap(store, {})).toEqual({ created: false });
  });

  it('without it: a random strong password, shown once in a box, that signs in', async () => {
    server = await startServer();
    let password = '';
    await withEmptyUsers(async () => {
      const result = await bootstrap(server.store, {});
      if (!result.created) throw new Error('admin not created');
      expect(result.generated).toBe(true);
      password = result.password;
      expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
      const notice = bootstrapNotice(result) ?? '';
      expect(notice).toContain(`Sign in as admin with password ${password}`);
      expect(notice).toMatch(/^\+-+\+$/m);
    });
    expect((await login('admin', password)).status).toBe(200);
  });

  it('on a database without sites creates a welcome center and a helpline office', async () => {
    const { openSqliteStore } = await import('../../sync-server/src/store/sqlite');
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'waystation-boot-'));
    const store = openSqliteStore(join(dir, 'db.sqlite'));
    await store.migrate();
    try {
      const result = await bootstrap(store, { adminPassword: 'configured pass 1' });
      expect(result).toMatchObject({ created: true, siteIds: DEFAULT_SITES.map((s) => s.id) });
      expect((await store.listSites()).map((s) => s.kind).sort()).toEqual([
        'helpline_office',
        'welcome_center',
      ]);
      expect((await store.getUser('admin'))?.siteIds).toEqual(DEFAULT_SITES.map((s) => s.id));
    } finally {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
    server = await startServer();
  });
});

/** Runs `fn` while the store reports no users, as on a fresh database (the test server made some). */
async function withEmptyUsers(fn: () => Promise<void>) {
  const spy = vi.spyOn(server.store, 'countUsers').mockResolvedValue(0);
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
}

/**
 * Issue 15 item 9: a password someone else chose (first start, an admin's new
 * user or reset) only lets its holder choose their own; until then every other
 * API answers 403 password_change_required.
 */
describe('a password someone else chose must be changed at first sign-in', () => {
  async function signIn(username: string, password: string): Promise<LoginResponse & Client> {
    const response = await login(username, password);
    expect(response.status).toBe(200);
    const body = (await response.json()) as LoginResponse;
    return { ...body, url: server.url };
  }

  function changePassword(client: Client, currentPassword: string, newPassword: string) {
    return send(client, 'POST', '/api/auth/password', { currentPassword, newPassword });
  }

  /** Every kind of API a device uses: all refused while the password is someone else's. */
  async function expectApiRefused(client: Client) {
    const attempts = [
      send(client, 'GET', '/api/sync/households/pull?limit=10').then((r) => readJson<ApiError>(r)),
      pushRows(client, 'households', [
        { newDocumentState: householdDoc('hh-must-change'), assumedMasterState: null },
      ]),
      send(client, 'GET', '/api/sync/stream').then((r) => readJson<ApiError>(r)),
      send(client, 'GET', '/api/sync/households/stream').then((r) => readJson<ApiError>(r)),
      send(client, 'GET', '/api/directory').then((r) => readJson<ApiError>(r)),
      send(client, 'GET', '/api/admin/users').then((r) => readJson<ApiError>(r)),
      send(client, 'GET', '/api/audit').then((r) => readJson<ApiError>(r)),
    ];
    for (const result of await Promise.all(attempts)) {
      expect(result.status).toBe(403);
      expect(result.body).toMatchObject({
        error: 'password_change_required',
        message: expect.stringMatching(/choose your own/),
      });
    }
  }

  it('the first admin (generated or configured password) must change it; then everything works', async () => {
    server = await startServer();
    let generated = '';
    await withEmptyUsers(async () => {
      const result = await bootstrap(server.store, {});
      if (!result.created) throw new Error('admin not created');
      generated = result.password;
    });
    const admin = await signIn('admin', generated);
    expect(admin.mustChangePassword).toBe(true);
    await expectApiRefused(admin);
    const me = await readJson<{ mustChangePassword?: boolean }>(await send(admin, 'GET', '/api/auth/me'));
    expect(me).toMatchObject({ status: 200, body: { mustChangePassword: true } });

    expect((await changePassword(admin, generated, 'my own admin phrase')).status).toBe(204);
    expect((await send(admin, 'GET', '/api/admin/users')).status).toBe(200);
    expect((await send(admin, 'GET', '/api/directory')).status).toBe(200);
    expect((await send(admin, 'GET', '/api/audit')).status).toBe(200);
    const again = await signIn('admin', 'my own admin phrase');
    expect(again.mustChangePassword).toBeUndefined();
    expect((await login('admin', generated)).status).toBe(401);
    expect((await server.store.getUser('admin'))?.mustChangePassword).toBeUndefined();
  });

  it('a user an admin creates or resets must change it; bad changes are refused and change nothing', async () => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'] });
    const created = await readJson<{ user: AdminUser }>(
      await send(admin, 'POST', '/api/admin/users', {
        username: 'zawadi',
        displayName: 'Zawadi',
        password: 'from the admin 1',
        roles: ['volunteer'],
        siteIds: ['site-1'],
      }),
    );
    expect(created.status).toBe(201);
    const zawadi = await signIn('zawadi', 'from the admin 1');
    expect(zawadi.mustChangePassword).toBe(true);
    await expectApiRefused(zawadi);

    // Refused, nothing changed: too short, same as before, wrong current password, malformed.
    const tooShort = await readJson<ApiError>(await changePassword(zawadi, 'from the admin 1', 'short'));
    expect(tooShort).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
    expect(tooShort.body.issues?.[0]?.path).toBe('newPassword');
    const same = await readJson<ApiError>(
      await changePassword(zawadi, 'from the admin 1', 'from the admin 1'),
    );
    expect(same).toMatchObject({ status: 400, body: { error: 'invalid_body' } });
    const wrong = await readJson<ApiError>(
      await changePassword(zawadi, 'not the password', 'her own phrase 1'),
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
    expect(
      (await send(zawadi, 'POST', '/api/auth/password', { newPassword: 'her own phrase 1' })).status,
    ).toBe(400);
    expect((await login('zawadi', 'her own phrase 1')).status).toBe(401);
    expect((await server.store.getUser(created.body.user.id))?.mustChangePassword).toBe(true);
    await expectApiRefused(zawadi);

    // Another session of hers ends when she changes it; this one goes on.
    const otherDevice = await signIn('zawadi', 'from the admin 1');
    expect((await changePassword(zawadi, 'from the admin 1', 'her own phrase 1')).status).toBe(204);
    expect((await send(otherDevice, 'GET', '/api/auth/me')).status).toBe(401);
    expect((await send(zawadi, 'GET', '/api/sync/households/pull?limit=10')).status).toBe(200);
    const pushed = await pushRows(zawadi, 'households', [
      { newDocumentState: householdDoc('hh-after-change', { siteId: 'site-1' }), assumedMasterState: null },
    ]);
    expect(pushed.status).toBe(200);
    expect((await signIn('zawadi', 'her own phrase 1')).mustChangePassword).toBeUndefined();
    expect((await login('zawadi', 'from the admin 1')).status).toBe(401);
    const audit = await server.store.listAudit({ limit: 100 });
    expect(
      audit.some((entry) => entry.action === 'password_change' && entry.userId === created.body.user.id),
    ).toBe(true);
    expect(JSON.stringify(audit)).not.toContain('her own phrase 1');

    // An admin's reset flags her again.
    expect(
      (
        await send(admin, 'POST', `/api/admin/users/${created.body.user.id}/password`, {
          password: 'reset by admin 1',
        })
      ).status,
    ).toBe(200);
    const reset = await signIn('zawadi', 'reset by admin 1');
    expect(reset.mustChangePassword).toBe(true);
    await expectApiRefused(reset);
  });

  it('test users stored directly (as the test helpers do) are not flagged', async () => {
    server = await startServer();
    const user = await createUser(server, { roles: ['volunteer'], password: 'a test password' });
    expect((await server.store.getUser(user.user.id))?.mustChangePassword).toBeUndefined();
    expect((await send(user, 'GET', '/api/sync/households/pull?limit=10')).status).toBe(200);
  });
});

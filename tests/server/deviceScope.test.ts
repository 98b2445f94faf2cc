/**
 * Device scope over time (issue 21 item 1), over real HTTP, on SQLite and
 * PostgreSQL: an administrator sets how long a site's volunteers keep a
 * family after it departed; once the server's clock passes that, a fresh
 * volunteer device no longer receives it, one that pulls on gets a tombstone
 * without content for a newer version, the coordinator keeps receiving it and
 * the server keeps it. Bad input and other roles change nothing.
 */
import { describe, expect, it } from 'vitest';
import { deriveCall } from '../../src/domain/calls';
import type { DeviceScopeSettings, MyDeviceScope } from '../../src/domain/deviceScope';
import type { ApiError } from '../../src/sync/protocol';
import { serverStores } from '../helpers/serverStores';
import {
  authFetch,
  createUser,
  edited,
  householdDoc,
  personDoc,
  pullAll,
  pullPage,
  pushRows,
  readJson,
  serversClosedAfterEach,
  type Client,
  type Doc,
} from '../helpers/testServer';

function callDoc(id: string, overrides: Record<string, unknown>): Doc {
  return deriveCall({
    id,
    siteId: 'site-a',
    createdAt: DEPARTED_AT,
    updatedAt: DEPARTED_AT,
    updatedBy: 'agent-a',
    deviceId: 'desk-1',
    startedAt: DEPARTED_AT,
    agentId: 'agent-a',
    callerLanguage: 'so',
    category: 'case_status',
    summary: 'Asks about the status of the RSD interview.',
    verification: { attempts: {} },
    callbacks: {},
    assignments: {},
    verificationStatus: 'unverified',
    status: 'open',
    dueAt: '',
    assignedUnitId: '',
    assignedTo: '',
    _deleted: false,
    ...overrides,
  } as Parameters<typeof deriveCall>[0]) as unknown as Doc;
}

const DAY = 86_400_000;
const DEPARTED_AT = '2025-03-01T10:00:00.000Z';
const stores = serverStores();
const startServer = serversClosedAfterEach();

function send(client: Client, method: string, path: string, body?: unknown) {
  return authFetch(client, path, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}


describe.each(stores)('device scope on %s', (_name, openStore) => {
  it('follows the administrator’s rule: a departed family leaves a volunteer’s pulls after the window, not the coordinator’s', async () => {
    let clock = Date.parse(DEPARTED_AT) + DAY;
    const store = await openStore();
    const server = await startServer({
      clock: () => new Date(clock),
      auth: { sessionTtlMs: 365 * DAY },
      ...(store ? { store } : {}),
    });
    const admin = await createUser(server, { roles: ['admin'], siteIds: ['site-a'] });
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });

    const set = await readJson<DeviceScopeSettings>(
      await send(admin, 'PUT', '/api/admin/device-scope', { siteId: 'site-a', keepDays: { volunteer: 14 } }),
    );
    expect(set.status).toBe(200);
    expect(set.body.sites.find((s) => s.siteId === 'site-a')?.keepDays.volunteer).toBe(14);
    expect(set.body.sites.find((s) => s.siteId === 'site-a')?.keepDays.coordinator).toBeNull();
    expect(JSON.stringify(await server.store.listAudit({ recordId: 'site-a', limit: 10 }))).toContain(
      'admin.device_scope',
    );

    const active = householdDoc('h-departed');
    const staying = householdDoc('h-staying');
    expect(
      (await pushRows(server, 'households', [active, staying].map((d) => ({ assumedMasterState: null, newDocumentState: d })))).status,
    ).toBe(200);
    expect(
      (await pushRows(server, 'people', [{ assumedMasterState: null, newDocumentState: personDoc('p-departed', 'h-departed') }]))
        .status,
    ).toBe(200);

    // While the family is here the volunteer's device receives it.
    const early = await pullPage(volunteer, 'households');
    expect(early.documents.map((d) => d.id).sort()).toEqual(['h-departed', 'h-staying']);
    expect((await pullAll(volunteer, 'people')).map((d) => d.id)).toEqual(['p-departed']);

    // The family departs; the volunteer's device is offline for the next two weeks.
    const departed = edited(active, { status: 'departed' }, { userId: server.user.id, deviceId: 'test-device', at: DEPARTED_AT });
    expect((await pushRows(server, 'households', [{ assumedMasterState: active, newDocumentState: departed }])).status).toBe(200);
    clock = Date.parse(DEPARTED_AT) + 15 * DAY;
    const mine = await readJson<MyDeviceScope>(await send(volunteer, 'GET', '/api/device-scope'));
    expect(mine.body).toEqual({ now: new Date(clock).toISOString(), sites: [{ siteId: 'site-a', keepDays: 14 }] });

    // A volunteer's device pulling from the start no longer receives the family, its people included,
    // nor tombstones of it, however its first pass is paged.
    expect((await pullAll(volunteer, 'households')).map((d) => d.id)).toEqual(['h-staying']);
    expect((await pullAll(volunteer, 'households', 1)).map((d) => d.id)).toEqual(['h-staying']);
    expect(await pullAll(volunteer, 'people')).toEqual([]);
    // The coordinator's does, and the server keeps it.
    expect((await pullAll(server, 'households')).map((d) => d.id).sort()).toEqual(['h-departed', 'h-staying']);
    expect((await pullAll(server, 'people')).map((d) => d.id)).toEqual(['p-departed']);
    expect((await server.store.getDocument('households', 'h-departed'))?.doc._deleted).toBe(false);

    // The device that held the family pulls on from its checkpoint: the departure reaches it as a
    // tombstone without content, which removes the version it holds; the server still keeps the family.
    const onward = await pullPage(volunteer, 'households', early.checkpoint);
    expect(onward.documents).toHaveLength(1);
    const tombstone = onward.documents[0]!;
    expect(tombstone).toMatchObject({ id: 'h-departed', _deleted: true, deviceId: 'device-scope', siteId: 'site-a' });
    expect(JSON.stringify(tombstone)).not.toContain('Mensah');
    expect(JSON.stringify(tombstone)).not.toContain('555');
    expect((await server.store.getDocument('households', 'h-departed'))?.doc._deleted).toBe(false);

    // A correction after the departure counts as the family's last change: the window starts again.
    const corrected = edited(departed, { contactPhone: '+1 303 555 0199' }, {
      userId: server.user.id,
      deviceId: 'test-device',
      at: new Date(clock).toISOString(),
    });
    expect((await pushRows(server, 'households', [{ assumedMasterState: departed, newDocumentState: corrected }])).status).toBe(200);
    expect((await pullAll(volunteer, 'households')).map((d) => d.id).sort()).toEqual(['h-departed', 'h-staying']);
    clock += 15 * DAY;
    expect((await pullAll(volunteer, 'households')).map((d) => d.id)).toEqual(['h-staying']);

    // Keeping everything again brings the family back to a volunteer's fresh pull.
    expect(
      (await send(admin, 'PUT', '/api/admin/device-scope', { siteId: 'site-a', keepDays: { volunteer: null } })).status,
    ).toBe(200);
    expect((await pullAll(volunteer, 'households')).map((d) => d.id).sort()).toEqual(['h-departed', 'h-staying']);
  });

  it('lets a closed call leave a helpline agent’s pulls after 30 days by default, not a case officer’s', async () => {
    let clock = Date.parse(DEPARTED_AT) + DAY;
    const store = await openStore();
    const server = await startServer({ clock: () => new Date(clock), auth: { sessionTtlMs: 365 * DAY }, ...(store ? { store } : {}) });
    const agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'] });
    const officer = await createUser(server, { roles: ['case_officer'], siteIds: ['site-a'] });
    const closed = callDoc('call-closed', { outcome: { kind: 'resolved_on_call' } });
    const open = callDoc('call-open', {});
    expect(closed.status).toBe('closed');
    const pushed = await pushRows(agent, 'calls', [closed, open].map((d) => ({ assumedMasterState: null, newDocumentState: d })));
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    expect((await pullAll(agent, 'calls')).map((d) => d.id).sort()).toEqual(['call-closed', 'call-open']);

    clock = Date.parse(DEPARTED_AT) + 31 * DAY;
    expect((await pullAll(agent, 'calls')).map((d) => d.id)).toEqual(['call-open']);
    expect((await pullAll(officer, 'calls')).map((d) => d.id).sort()).toEqual(['call-closed', 'call-open']);
  });

  it('refuses bad rules with a clear 400 and other roles with 403, changing nothing', async () => {
    const store = await openStore();
    const server = await startServer(store ? { store } : {});
    const admin = await createUser(server, { roles: ['admin'], siteIds: ['site-a'] });
    const coordinator = await createUser(server, { roles: ['coordinator'], siteIds: ['site-a'] });
    const auditBefore = (await server.store.listAudit({ limit: 1000 })).length;
    for (const body of [
      { siteId: 'site-a', keepDays: { volunteer: -1 } },
      { siteId: 'site-a', keepDays: { volunteer: 2.5 } },
      { siteId: 'site-a', keepDays: { pilot: 3 } },
      { siteId: 'no-such-site', keepDays: { volunteer: 3 } },
    ]) {
      const refused = await readJson<ApiError>(await send(admin, 'PUT', '/api/admin/device-scope', body));
      expect(refused.status).toBe(400);
      expect(refused.body.message).toEqual(expect.any(String));
    }
    expect((await send(coordinator, 'PUT', '/api/admin/device-scope', { siteId: 'site-a', keepDays: { volunteer: 1 } })).status).toBe(403);
    expect((await send(coordinator, 'GET', '/api/admin/device-scope')).status).toBe(403);
    expect(await server.store.deviceScopeRules()).toEqual([]);
    expect((await server.store.listAudit({ limit: 1000 })).length).toBe(auditBefore);
    const settings = await readJson<DeviceScopeSettings>(await send(admin, 'GET', '/api/admin/device-scope'));
    expect(settings.body.sites.find((s) => s.siteId === 'site-a')?.keepDays.volunteer).toBe(14);
  });
});

/**
 * Call-back promises an administrator sets (issue 16 item 7), over real HTTP:
 * a site's office hours and a unit's promise basis are stored, audited and
 * given to every device in the directory; bad input is refused and changes
 * nothing; units and sites stored before keep today's behaviour. Both stores
 * keep the new fields (the PostgreSQL round trip below).
 */
import { describe, expect, it } from 'vitest';
import type { DirectoryResponse, Site, Unit } from '../../src/domain/accounts';
import type { OfficeHours } from '../../src/domain/callbackDue';
import type { ApiError } from '../../src/sync/protocol';
import { openPostgresStore } from '../../sync-server/src/store/postgres';
import { createTestPostgres } from '../helpers/postgres';
import {
  authFetch,
  createUser,
  readJson,
  serversClosedAfterEach,
  type Client,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer | undefined;
const startServer = serversClosedAfterEach();

function send(client: Client, method: string, path: string, body?: unknown) {
  return authFetch(client, path, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

const KAMPALA: OfficeHours = {
  timeZone: 'Africa/Kampala',
  days: {
    '1': { start: '08:00', end: '17:00' },
    '2': { start: '08:00', end: '17:00' },
    '6': { start: '09:00', end: '13:00' },
  },
  holidays: ['2026-10-09'],
};

describe('call-back promises set by an administrator', () => {
  it('stores a site’s office hours and a unit’s promise in working days; the directory gives them to devices', async () => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'], siteIds: ['kampala'] });
    expect(
      (
        await send(admin, 'POST', '/api/admin/sites', {
          id: 'kampala',
          name: 'Kampala',
          kind: 'helpline_office',
        })
      ).status,
    ).toBe(201);
    const created = await readJson<{ unit: Unit }>(
      await send(admin, 'POST', '/api/admin/units', {
        name: 'Resettlement',
        siteId: 'kampala',
        callbackHours: 48,
      }),
    );
    // A unit created without a basis promises working hours, as every unit did before.
    expect(created.body.unit).toMatchObject({ callbackHours: 48, callbackBasis: 'working_hours' });

    const site = await readJson<{ site: Site }>(
      await send(admin, 'PATCH', '/api/admin/sites/kampala', { officeHours: KAMPALA }),
    );
    expect(site.status).toBe(200);
    expect(site.body.site.officeHours).toEqual(KAMPALA);
    const unit = await readJson<{ unit: Unit }>(
      await send(admin, 'PATCH', `/api/admin/units/${created.body.unit.id}`, {
        callbackHours: 2,
        callbackBasis: 'working_days',
      }),
    );
    expect(unit.body.unit).toMatchObject({ callbackHours: 2, callbackBasis: 'working_days' });

    const directory = await readJson<DirectoryResponse>(await send(admin, 'GET', '/api/directory'));
    expect(directory.body.sites.find((s) => s.id === 'kampala')?.officeHours).toEqual(KAMPALA);
    expect(directory.body.units).toEqual([
      expect.objectContaining({ callbackHours: 2, callbackBasis: 'working_days' }),
    ]);

    const audit = await server.store.listAudit({ recordId: created.body.unit.id, limit: 10 });
    expect(JSON.stringify(audit)).toContain('callbackBasis');

    // Back to the built-in office hours.
    const reset = await readJson<{ site: Site }>(
      await send(admin, 'PATCH', '/api/admin/sites/kampala', { officeHours: null }),
    );
    expect(reset.body.site.officeHours).toBeUndefined();
  });

  it.each([
    ['a promise basis that does not exist', 'unit', { callbackBasis: 'fortnights' }],
    ['part of a working day', 'unit', { callbackHours: 1.5, callbackBasis: 'working_days' }],
    ['more working days than make sense', 'unit', { callbackHours: 90, callbackBasis: 'working_days' }],
    ['an unknown time zone', 'site', { officeHours: { ...KAMPALA, timeZone: 'Africa/Atlantis' } }],
    [
      'a day that ends before it starts',
      'site',
      { officeHours: { ...KAMPALA, days: { '1': { start: '17:00', end: '08:00' } } } },
    ],
    ['a holiday that is not a date', 'site', { officeHours: { ...KAMPALA, holidays: ['next Friday'] } }],
    [
      'a weekday that does not exist',
      'site',
      { officeHours: { ...KAMPALA, days: { '8': { start: '08:00', end: '17:00' } } } },
    ],
  ])('refuses %s with a 400 that says why, and changes nothing', async (_label, target, body) => {
    server = await startServer();
    const admin = await createUser(server, { roles: ['admin'], siteIds: ['kampala'] });
    await send(admin, 'POST', '/api/admin/sites', {
      id: 'kampala',
      name: 'Kampala',
      kind: 'helpline_office',
    });
    const unit = await readJson<{ unit: Unit }>(
      await send(admin, 'POST', '/api/admin/units', {
        name: 'Protection',
        siteId: 'kampala',
        callbackHours: 24,
      }),
    );
    const auditBefore = await server.store.listAudit({ limit: 1000 });
    const path = target === 'unit' ? `/api/admin/units/${unit.body.unit.id}` : '/api/admin/sites/kampala';
    const response = await send(admin, 'PATCH', path, body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ApiError).message).toEqual(expect.any(String));
    expect(await server.store.listAudit({ limit: 1000 })).toHaveLength(auditBefore.length);
    expect(await server.store.getUnit(unit.body.unit.id)).toMatchObject({
      callbackHours: 24,
      callbackBasis: 'working_hours',
    });
    expect((await server.store.getSite('kampala'))?.officeHours).toBeUndefined();
  });

  it('is refused to anyone but an administrator', async () => {
    server = await startServer();
    const agent = await createUser(server, {
      roles: ['helpline_agent', 'case_officer'],
      siteIds: ['site-1'],
    });
    expect((await send(agent, 'PATCH', '/api/admin/sites/site-1', { officeHours: KAMPALA })).status).toBe(
      403,
    );
  });
});

describe('the PostgreSQL store', () => {
  it('keeps a site’s office hours and a unit’s promise basis; older rows read as working hours', async () => {
    const pg = await createTestPostgres();
    const store = await openPostgresStore(pg.connectionString, { schema: pg.schema });
    try {
      await store.migrate();
      const at = new Date().toISOString();
      await store.transaction(async (tx) => {
        await tx.putSite({
          id: 'kampala',
          name: 'Kampala',
          kind: 'helpline_office',
          officeHours: KAMPALA,
          createdAt: at,
          updatedAt: at,
        });
        await tx.putUnit({
          id: 'u1',
          name: 'RSD',
          siteId: 'kampala',
          callbackHours: 2,
          callbackBasis: 'working_days',
          createdAt: at,
          updatedAt: at,
        });
        await tx.putUnit({
          id: 'u2',
          name: 'Data',
          siteId: 'kampala',
          callbackHours: 48,
          createdAt: at,
          updatedAt: at,
        });
      });
      expect((await store.getSite('kampala'))?.officeHours).toEqual(KAMPALA);
      expect(await store.getUnit('u1')).toMatchObject({ callbackHours: 2, callbackBasis: 'working_days' });
      expect(await store.getUnit('u2')).toMatchObject({ callbackHours: 48, callbackBasis: 'working_hours' });
    } finally {
      await store.close();
      await pg.drop();
    }
  });
});

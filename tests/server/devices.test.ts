/**
 * Device sync health over HTTP (issue 21 item 5): a device's report is
 * validated and kept per person per device, administrators list devices with
 * those needing attention first, and revoking a device ends its sessions: the
 * device may still push what it holds and say it wiped itself, nothing else.
 */
import { describe, expect, it } from 'vitest';
import type { DeviceListResponse, DeviceReport } from '../../src/domain/devices';
import type { ApiError } from '../../src/sync/protocol';
import {
  authFetch,
  createUser,
  householdDoc,
  readJson,
  serversClosedAfterEach,
  type Client,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

const NOW = new Date('2026-03-10T12:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 60 * 60 * 1000).toISOString();

function report(overrides: Partial<DeviceReport> = {}): DeviceReport {
  return {
    appVersion: '0.1.0+abc1234',
    schemaVersions: { households: 0, people: 1 },
    deviceName: 'Chrome on Android',
    lastPullAt: daysAgo(0),
    lastPushAt: daysAgo(0),
    pendingCount: 0,
    setAsideCount: 0,
    storageUsedBytes: 1_200_000,
    storageQuotaBytes: 50_000_000,
    storagePersisted: true,
    ...overrides,
  };
}

function send(
  client: Client,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return authFetch(client, path, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function devicesOf(admin: Client, query = '') {
  return readJson<DeviceListResponse>(await send(admin, 'GET', `/api/admin/devices${query}`));
}

describe('device sync health', () => {
  it('keeps a valid report per person per device and refuses a bad one without changing anything', async () => {
    server = await startServer({ clock: () => NOW });
    const admin = await createUser(server, { roles: ['admin'] });
    const volunteer = await createUser(server, {
      roles: ['volunteer'],
      deviceId: 'tablet-7',
      username: 'amani',
    });

    expect((await send(volunteer, 'POST', '/api/devices/report', report({ pendingCount: 3 }))).status).toBe(
      204,
    );

    for (const bad of [
      { ...report(), pendingCount: -1 },
      { ...report(), appVersion: 'x'.repeat(65) },
      { ...report(), deviceName: 'y'.repeat(81) },
      { ...report(), surprise: true },
      { ...report(), schemaVersions: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`c${i}`, 0])) },
      { ...report(), lastPullAt: 'yesterday' },
    ]) {
      const refused = await readJson<ApiError>(await send(volunteer, 'POST', '/api/devices/report', bad));
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('invalid_body');
    }

    const listed = await devicesOf(admin);
    expect(listed.status).toBe(200);
    expect(listed.body.devices).toHaveLength(1);
    expect(listed.body.devices[0]).toMatchObject({
      userId: volunteer.user.id,
      deviceId: 'tablet-7',
      username: 'amani',
      siteIds: ['site-a', 'site-1'],
      lastSeenAt: NOW.toISOString(),
      report: { pendingCount: 3, appVersion: '0.1.0+abc1234', deviceName: 'Chrome on Android' },
    });
  });

  it('names each device as the person named it at PIN setup, the browser beside it', async () => {
    server = await startServer({ clock: () => NOW });
    const admin = await createUser(server, { roles: ['admin'], deviceId: 'admin-desk' });
    const volunteer = await createUser(server, { roles: ['volunteer'], deviceId: 'front-desk-2' });
    const unnamed = await createUser(server, { roles: ['volunteer'], deviceId: 'van-phone' });
    expect((await send(volunteer, 'PUT', '/api/device', { name: 'Front desk tablet 2' })).status).toBe(200);
    await send(volunteer, 'POST', '/api/devices/report', report({ deviceName: 'Chrome on Android' }));
    await send(unnamed, 'POST', '/api/devices/report', report({ deviceName: 'Safari on iOS' }));

    const byDevice = new Map((await devicesOf(admin)).body.devices.map((d) => [d.deviceId, d]));
    expect(byDevice.get('front-desk-2')).toMatchObject({ name: 'Front desk tablet 2', report: { deviceName: 'Chrome on Android' } });
    expect(byDevice.get('van-phone')?.name).toBeUndefined();
  });

  it('lists devices not synced for N days or holding set-aside records first', async () => {
    server = await startServer({ clock: () => NOW });
    const admin = await createUser(server, { roles: ['admin'] });
    const fresh = await createUser(server, { roles: ['volunteer'], username: 'fresh', deviceId: 'd-fresh' });
    const setAside = await createUser(server, {
      roles: ['volunteer'],
      username: 'setaside',
      deviceId: 'd-aside',
    });
    const old = await createUser(server, { roles: ['driver'], username: 'old', deviceId: 'd-old' });
    const fairlyOld = await createUser(server, {
      roles: ['caseworker'],
      username: 'fairlyold',
      deviceId: 'd-2days',
    });

    await send(fresh, 'POST', '/api/devices/report', report({ pendingCount: 1 }));
    await send(
      setAside,
      'POST',
      '/api/devices/report',
      report({ setAsideCount: 2, lastPullAt: daysAgo(1), lastPushAt: daysAgo(1) }),
    );
    await send(
      old,
      'POST',
      '/api/devices/report',
      report({ lastPullAt: daysAgo(10), lastPushAt: daysAgo(12) }),
    );
    await send(
      fairlyOld,
      'POST',
      '/api/devices/report',
      report({ lastPullAt: daysAgo(2), lastPushAt: daysAgo(2) }),
    );

    const byDefault = await devicesOf(admin);
    expect(byDefault.body.staleDays).toBe(3);
    expect(byDefault.body.devices.map((d) => d.username)).toEqual(['old', 'setaside', 'fairlyold', 'fresh']);
    expect(byDefault.body.devices.map((d) => d.needsAttention)).toEqual([true, true, false, false]);
    expect(byDefault.body.devices[0]).toMatchObject({ stale: true, lastSyncAt: daysAgo(10) });

    // With one day, the two-day-old device needs attention too.
    const oneDay = await devicesOf(admin, '?staleDays=1');
    expect(oneDay.body.devices.map((d) => d.username)).toEqual(['old', 'fairlyold', 'setaside', 'fresh']);
    expect((await devicesOf(admin, '?staleDays=0')).status).toBe(400);
  });

  it('refuses the devices table and revocation to anyone but an administrator', async () => {
    server = await startServer({ clock: () => NOW });
    const coordinator = await createUser(server, { roles: ['coordinator'] });
    const volunteer = await createUser(server, { roles: ['volunteer'], deviceId: 'tablet-1' });
    expect((await devicesOf(coordinator)).status).toBe(403);
    const revoke = await send(coordinator, 'POST', '/api/admin/devices/revoke', {
      userId: volunteer.user.id,
      deviceId: 'tablet-1',
    });
    expect(revoke.status).toBe(403);
    // The volunteer still syncs.
    expect((await send(volunteer, 'GET', '/api/sync/households/pull')).status).toBe(200);
  });

  it('revoking ends the sessions on that device: it may push what it holds and say it wiped, nothing else', async () => {
    server = await startServer({ clock: () => NOW });
    const admin = await createUser(server, { roles: ['admin'] });
    const volunteer = await createUser(server, {
      roles: ['volunteer'],
      deviceId: 'tablet-9',
      username: 'baraka',
    });
    // The same person on another device keeps working.
    const elsewhere = await createUser(server, { roles: ['volunteer'], deviceId: 'phone-2' });
    await send(volunteer, 'POST', '/api/devices/report', report({ pendingCount: 1 }));

    const missing = await send(admin, 'POST', '/api/admin/devices/revoke', {
      userId: 'nobody',
      deviceId: 'tablet-9',
    });
    expect(missing.status).toBe(404);
    const badBody = await send(admin, 'POST', '/api/admin/devices/revoke', { userId: volunteer.user.id });
    expect(badBody.status).toBe(400);

    const revoked = await readJson<{ sessionsEnded: number }>(
      await send(admin, 'POST', '/api/admin/devices/revoke', {
        userId: volunteer.user.id,
        deviceId: 'tablet-9',
      }),
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body.sessionsEnded).toBe(1);

    for (const [method, path] of [
      ['GET', '/api/sync/households/pull'],
      ['GET', '/api/auth/me'],
      ['GET', '/api/directory'],
    ] as const) {
      const answer = await readJson<ApiError>(await send(volunteer, method, path));
      expect(answer.status, path).toBe(401);
      expect(answer.body.error, path).toBe('device_revoked');
    }
    const reportAfter = await readJson<ApiError>(
      await send(volunteer, 'POST', '/api/devices/report', report()),
    );
    expect(reportAfter.body.error).toBe('device_revoked');

    // What the device still holds reaches the server.
    const family = householdDoc('hh-revoked-1', { familyName: 'Otieno' });
    const pushed = await send(volunteer, 'POST', '/api/sync/households/push', [
      { assumedMasterState: null, newDocumentState: family },
    ]);
    expect(pushed.status).toBe(200);
    expect((await server.store.getDocument('households', 'hh-revoked-1'))?.doc.familyName).toBe('Otieno');

    expect((await send(volunteer, 'POST', '/api/devices/wiped')).status).toBe(204);
    const afterWipe = await readJson<ApiError>(
      await send(volunteer, 'POST', '/api/sync/households/push', [
        { assumedMasterState: null, newDocumentState: householdDoc('hh-revoked-2') },
      ]),
    );
    expect(afterWipe.status).toBe(401);
    expect(afterWipe.body.error).toBe('device_revoked');
    expect(await server.store.getDocument('households', 'hh-revoked-2')).toBeUndefined();

    expect((await send(elsewhere, 'GET', '/api/sync/households/pull')).status).toBe(200);
    // A device that was not revoked cannot claim to be wiped.
    expect((await send(elsewhere, 'POST', '/api/devices/wiped')).status).toBe(400);

    const listed = await devicesOf(admin);
    expect(listed.body.devices[0]).toMatchObject({
      deviceId: 'tablet-9',
      revokedAt: NOW.toISOString(),
      wipedAt: NOW.toISOString(),
    });

    const audit = await server.store.listAudit({ limit: 50 });
    expect(audit.find((entry) => entry.action === 'admin.device_revoke')).toMatchObject({
      userId: admin.user.id,
      recordId: volunteer.user.id,
      details: { device: 'tablet-9', sessionsEnded: 1 },
    });
    expect(audit.find((entry) => entry.action === 'device_wiped')).toMatchObject({
      userId: volunteer.user.id,
      deviceId: 'tablet-9',
    });
  });
});

/**
 * Two clients that sign in without naming a device (no `deviceId` in the
 * sign-in body, no X-Device-Id header: two API integrations, two scripts)
 * are two devices. The server must never take one's stale push for the
 * other's continuation (push.ts, sentKeyOf): a different-field edit merges,
 * a same-field edit is a conflict.
 */
import { describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../src/domain/accounts';
import {
  createUser,
  edited,
  householdDoc,
  pullAll,
  pushRows,
  serverPerTest,
  type Client,
  type Doc,
} from '../helpers/testServer';

const PASSWORD = 'two integrations, one account';

const server = serverPerTest();

/** Signs in over HTTP without any device id, as an API integration would. */
async function signInWithoutDevice(username: string): Promise<Client> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as LoginResponse;
  return { url: server.url, token: body.token };
}

/** A push with no X-Device-Id header at all. */
async function pushWithoutDevice(
  client: Client,
  rows: { assumedMasterState: Doc | null; newDocumentState: Doc }[],
) {
  const response = await fetch(`${client.url}/api/sync/households/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${client.token}` },
    body: JSON.stringify(rows),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Doc[];
}

async function twoSessions(): Promise<[Client, Client]> {
  await createUser(server, {
    username: 'integration',
    password: PASSWORD,
    roles: ['volunteer'],
    siteIds: ['site-a'],
  });
  return [await signInWithoutDevice('integration'), await signInWithoutDevice('integration')];
}

const byFirst = { userId: 'integration', deviceId: 'api', at: '2025-03-01T11:00:00.000Z' };
const bySecond = { userId: 'integration', deviceId: 'api', at: '2025-03-01T11:05:00.000Z' };

describe('sessions without a device id', () => {
  it("merge a second session's stale push of another field instead of reverting the first's", async () => {
    const [first, second] = await twoSessions();
    const household = householdDoc('h1');
    await pushWithoutDevice(first, [{ assumedMasterState: null, newDocumentState: household }]);

    // Both read v1. The first changes the phone; the second, still on v1, changes the city.
    const phone = edited(household, { contactPhone: '+1 555 0101' }, byFirst);
    await pushWithoutDevice(first, [{ assumedMasterState: household, newDocumentState: phone }]);
    const city = edited(household, { destination: { city: 'Boston', country: 'US' } }, bySecond);
    const answer = await pushWithoutDevice(second, [
      { assumedMasterState: household, newDocumentState: city },
    ]);

    const stored = (await pullAll(server.url, 'households')).find((doc) => doc.id === 'h1');
    expect(stored).toMatchObject({
      contactPhone: '+1 555 0101',
      destination: { city: 'Boston', country: 'US' },
    });
    expect(answer).toEqual([stored]);
    expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  });

  it("turn a second session's stale push of the same field into a conflict", async () => {
    const [first, second] = await twoSessions();
    const household = householdDoc('h1');
    await pushWithoutDevice(first, [{ assumedMasterState: null, newDocumentState: household }]);

    const mine = edited(household, { contactPhone: '+1 555 0101' }, byFirst);
    await pushWithoutDevice(first, [{ assumedMasterState: household, newDocumentState: mine }]);
    const theirs = edited(household, { contactPhone: '+1 555 0202' }, bySecond);
    await pushWithoutDevice(second, [{ assumedMasterState: household, newDocumentState: theirs }]);

    const stored = (await pullAll(server.url, 'households')).find((doc) => doc.id === 'h1');
    expect(stored?.contactPhone).toBe('+1 555 0101');
    const conflicts = await pullAll(server.url, 'conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      recordId: 'h1',
      field: 'contactPhone',
      kept: { valueJson: '"+1 555 0101"' },
      rejected: { valueJson: '"+1 555 0202"' },
    });
  });

  it('still treat a session as one device: its own push whose answer was lost is not a clash', async () => {
    const [first] = await twoSessions();
    const household = householdDoc('h1');
    await pushWithoutDevice(first, [{ assumedMasterState: null, newDocumentState: household }]);
    const v2 = edited(household, { contactPhone: '+1 555 0101' }, byFirst);
    await pushWithoutDevice(first, [{ assumedMasterState: household, newDocumentState: v2 }]);
    // The answer was lost: the client still believes v1 is the server's and builds v3 on its own v2.
    const v3 = edited(v2, { contactPhone: '+1 555 0303' }, byFirst);
    await pushWithoutDevice(first, [{ assumedMasterState: household, newDocumentState: v3 }]);

    expect((await pullAll(server.url, 'households')).find((doc) => doc.id === 'h1')?.contactPhone).toBe(
      '+1 555 0303',
    );
    expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  });

  it('name a session-specific device in the audit log, never a shared "unknown"', async () => {
    const [first, second] = await twoSessions();
    await pushWithoutDevice(first, [{ assumedMasterState: null, newDocumentState: householdDoc('h1') }]);
    await pushWithoutDevice(second, [{ assumedMasterState: null, newDocumentState: householdDoc('h2') }]);
    const audit = await server.store.listAudit({ collection: 'households', limit: 10 });
    const devices = new Set(audit.map((entry) => entry.deviceId));
    expect(devices.size).toBe(2);
    for (const device of devices) expect(device).toMatch(/^session:[0-9a-f]{16}$/);
  });
});

describe('sessions that name a device', () => {
  it('are that device, named at sign-in or by X-Device-Id', async () => {
    const result = await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: null, newDocumentState: householdDoc('h1') }],
      'tablet-9',
    );
    expect(result.status).toBe(200);

    await createUser(server, {
      username: 'integration',
      password: PASSWORD,
      roles: ['volunteer'],
      siteIds: ['site-a'],
    });
    const unnamed = await signInWithoutDevice('integration');
    const response = await fetch(`${server.url}/api/sync/households/push`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${unnamed.token}`,
        'x-device-id': 'kiosk-3',
      },
      body: JSON.stringify([{ assumedMasterState: null, newDocumentState: householdDoc('h2') }]),
    });
    expect(response.status).toBe(200);

    const audit = await server.store.listAudit({ collection: 'households', limit: 10 });
    expect(new Map(audit.map((entry) => [entry.recordId, entry.deviceId]))).toEqual(
      new Map([
        ['h1', 'tablet-9'],
        ['h2', 'kiosk-3'],
      ]),
    );
  });
});

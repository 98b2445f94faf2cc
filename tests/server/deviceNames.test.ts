/**
 * A device named at PIN setup ("Front desk tablet 2"): PUT /api/device names
 * the session's device, and every audit entry read back carries that name
 * beside the device id, so history and audit screens can show it.
 */
import { describe, expect, it } from 'vitest';
import {
  authFetch,
  createUser,
  householdDoc,
  pushRows,
  readJson,
  serverPerTest,
} from '../helpers/testServer';

const server = serverPerTest();

interface AuditAnswer {
  entries: { action: string; deviceId: string; deviceName?: string }[];
}

const putName = (client: Parameters<typeof authFetch>[0], body: unknown) =>
  authFetch(client, '/api/device', {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('device names', () => {
  it('are stored for the session’s device and come back with its audit entries', async () => {
    const volunteer = await createUser(server, { roles: ['volunteer'], deviceId: 'dev-front-2' });
    const named = await readJson<{ deviceId: string; name: string }>(
      await putName(volunteer, { name: '  Front desk tablet 2 ' }),
    );
    expect(named).toMatchObject({
      status: 200,
      body: { deviceId: 'dev-front-2', name: 'Front desk tablet 2' },
    });

    await pushRows(volunteer, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h-named') },
    ]);
    const audit = await readJson<AuditAnswer>(await authFetch(server.url, '/api/audit?recordId=h-named'));
    expect(audit.status).toBe(200);
    expect(audit.body.entries).toEqual([
      expect.objectContaining({
        action: 'create',
        deviceId: 'dev-front-2',
        deviceName: 'Front desk tablet 2',
      }),
    ]);

    // Renamed later: the latest name is the one shown.
    await putName(volunteer, { name: 'Intake laptop' });
    const again = await readJson<AuditAnswer>(await authFetch(server.url, '/api/audit?recordId=h-named'));
    expect(again.body.entries[0]?.deviceName).toBe('Intake laptop');
  });

  it('refuses an empty, over-long or extra-field name and changes nothing', async () => {
    const volunteer = await createUser(server, { roles: ['volunteer'], deviceId: 'dev-x' });
    await putName(volunteer, { name: 'Van phone' });
    for (const body of [{ name: '   ' }, { name: 'x'.repeat(61) }, { name: 'ok', deviceId: 'other' }, {}]) {
      const answer = await putName(volunteer, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    expect(await server.store.deviceNames(['dev-x', 'other'])).toEqual(new Map([['dev-x', 'Van phone']]));
  });

  it('needs a session', async () => {
    const response = await fetch(`${server.url}/api/device`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Anonymous' }),
    });
    expect(response.status).toBe(401);
  });
});

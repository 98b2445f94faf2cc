/**
 * POST /api/audit/events over real HTTP: the helpline's verification
 * attempts reach the audit log (overrides go through the supervisor's own
 * sign-off: tests/server/helplineVerification.test.ts) under the reporting session's
 * user and device; other actions, bad bodies and roles that take no calls
 * are refused and record nothing.
 */
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../sync-server/src/store/types';
import {
  authFetch,
  createUser,
  householdDoc,
  pushRows,
  readJson,
  serversClosedAfterEach,
  type Client,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

function post(client: Client, body: unknown) {
  return authFetch(client, '/api/audit/events', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('helpline audit events', () => {
  it('records each verification attempt with its number, who, which device and the site', async () => {
    server = await startServer();
    await pushRows(server, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h1') },
    ]);
    const agent = await createUser(server, {
      roles: ['helpline_agent'],
      siteIds: ['site-a'],
      deviceId: 'desk-4',
    });
    const response = await post(agent, [
      {
        action: 'helpline.verification_attempt',
        callId: 'call-1',
        householdId: 'h1',
        at: '2025-05-14T06:01:00.000Z',
        passed: false,
        attempt: 1,
        questionIds: ['dateOfBirth', 'householdSize'],
      },
      {
        action: 'helpline.verification_attempt',
        callId: 'call-1',
        householdId: 'h1',
        at: '2025-05-14T06:02:00.000Z',
        passed: true,
        attempt: 2,
        questionIds: ['dateOfBirth', 'householdSize'],
      },
    ]);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ recorded: 2 });

    const { body } = await readJson<{ entries: AuditEntry[] }>(
      await authFetch(server, '/api/audit?collection=calls&recordId=call-1'),
    );
    expect(body.entries.map((e) => e.action)).toEqual([
      'helpline.verification_attempt',
      'helpline.verification_attempt',
    ]);
    expect(body.entries[1]).toMatchObject({
      userId: agent.user.id,
      deviceId: 'desk-4',
      siteId: 'site-a',
      at: '2025-05-14T06:01:00.000Z',
      details: {
        householdId: 'h1',
        passed: false,
        attempt: 1,
        questionIds: ['dateOfBirth', 'householdSize'],
      },
    });
    expect(body.entries[0]).toMatchObject({ details: { passed: true, attempt: 2 } });
  });

  it('refuses unknown actions, an override without a real reason, and roles that take no calls — recording nothing', async () => {
    server = await startServer();
    const agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'] });
    const at = '2025-05-14T06:01:00.000Z';
    expect((await post(agent, [{ action: 'login', callId: 'c', at }])).status).toBe(400);
    expect(
      (await post(agent, [{ action: 'helpline.verification_override', callId: 'c', at, reason: 'ok' }]))
        .status,
    ).toBe(400);
    expect((await post(agent, [])).status).toBe(400);
    const driver = await createUser(server, { roles: ['driver'], siteIds: ['site-a'] });
    expect(
      (
        await post(driver, [
          { action: 'helpline.verification_attempt', callId: 'c', at, passed: true, questionIds: [] },
        ])
      ).status,
    ).toBe(403);
    const { body } = await readJson<{ entries: AuditEntry[] }>(
      await authFetch(server, '/api/audit?collection=calls'),
    );
    expect(body.entries).toEqual([]);
  });

  it('refuses an event about a household in another site', async () => {
    server = await startServer();
    await pushRows(server, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('h1') },
    ]);
    const agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-b'] });
    const response = await post(agent, [
      {
        action: 'helpline.verification_attempt',
        callId: 'c1',
        householdId: 'h1',
        at: '2025-05-14T06:01:00.000Z',
        passed: true,
        questionIds: [],
      },
    ]);
    expect(response.status).toBe(403);
  });
});

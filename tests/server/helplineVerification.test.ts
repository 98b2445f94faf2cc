/**
 * Caller verification as a gate, over real HTTP (issue 16 item 4):
 *  - a helpline agent's device never receives a family's date of birth or
 *    document numbers: its pull of people lacks them, sensitive records are
 *    not replicated to it, and it receives salted hashes of the normalised
 *    answers instead (the same hashes the browser computes);
 *  - an override needs a second person with a supervisor right, who signs
 *    it with their own password on the agent's device; the server checks it
 *    like a sign-in (same throttle) and records the override under the
 *    supervisor's name.
 */
import { describe, expect, it } from 'vitest';
import { hashAnswer } from '../../src/domain/verifiers';
import type { AuditEntry } from '../../sync-server/src/store/types';
import {
  authFetch,
  createUser,
  householdDoc,
  personDoc,
  pullAll,
  pushRows,
  readJson,
  serversClosedAfterEach,
  type Client,
  type Doc,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
const startServer = serversClosedAfterEach();

const DOB = '1990-04-03';
const DOCUMENT = 'KAK-20-123456';

async function seedFamily(target: TestServer) {
  await pushRows(target, 'households', [{ assumedMasterState: null, newDocumentState: householdDoc('h1') }]);
  await pushRows(target, 'people', [
    { assumedMasterState: null, newDocumentState: personDoc('p1', 'h1', { dateOfBirth: DOB }) },
    {
      assumedMasterState: null,
      newDocumentState: personDoc('p2', 'h1', {
        givenName: 'Esi',
        relationship: 'child',
        dateOfBirth: '2015-01-09',
      }),
    },
  ]);
  const sensitive = (id: string, subjectType: 'household' | 'person', value: string): Doc => ({
    id,
    siteId: 'site-a',
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    updatedBy: 'volunteer-1',
    deviceId: 'tablet-1',
    _deleted: false,
    subjectType,
    householdId: 'h1',
    identifiers: [{ type: 'unhcr', value }],
    medicalFlags: [],
  });
  const result = await pushRows(target, 'sensitive', [
    { assumedMasterState: null, newDocumentState: sensitive('h1', 'household', DOCUMENT) },
    { assumedMasterState: null, newDocumentState: sensitive('p1', 'person', 'A 123 456 789') },
  ]);
  expect(result.status).toBe(200);
  // The verifiers are written after the push (verifierFollower.ts).
  await target.verifiers.settle();
}

function overrideRequest(client: Client, body: Record<string, unknown>) {
  return authFetch(client, '/api/helpline/verification-override', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      callId: 'call-1',
      householdId: 'h1',
      reason: 'Caller lost all papers; known to the unit',
      ...body,
    }),
  });
}

describe("a helpline agent's device holds no identity details", () => {
  it('pulls people without dates of birth, no sensitive records, and salted hashes of the answers', async () => {
    server = await startServer();
    await seedFamily(server);
    const agent = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'] });

    const people = await pullAll(agent, 'people');
    expect(people.map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    for (const person of people) expect(person).not.toHaveProperty('dateOfBirth');

    const refused = await authFetch(agent, '/api/sync/sensitive/pull?limit=10');
    expect(refused.status).toBe(403);

    const verifiers = await pullAll(agent, 'verifiers');
    const text = JSON.stringify(verifiers);
    for (const secret of [DOB, '19900403', 'KAK20123456', DOCUMENT, 'A123456789', '2015-01-09']) {
      expect(text).not.toContain(secret);
    }
    const head = verifiers.find((v) => v.id === 'p1');
    const family = verifiers.find((v) => v.id === 'h1');
    // The browser computes the same hash (WebCrypto PBKDF2) from what the caller says, normalised.
    expect(head?.dateOfBirth).toBe(await hashAnswer('dateOfBirth', DOB, 'h1'));
    expect(head?.identifiers).toEqual([await hashAnswer('identifier', 'A123456789', 'h1')]);
    expect(family?.identifiers).toEqual([await hashAnswer('identifier', 'KAK20123456', 'h1')]);
    // Salted per household: the same date in another family hashes differently.
    expect(await hashAnswer('dateOfBirth', DOB, 'h2')).not.toBe(head?.dateOfBirth);

    // The coordinator still reads the values (nothing is lost for those who may see them).
    const full = await pullAll(server, 'people');
    expect(full.find((p) => p.id === 'p1')?.dateOfBirth).toBe(DOB);
  });

  it('refuses a push of verifiers from any device: only the server writes them', async () => {
    server = await startServer();
    const result = await pushRows(server, 'verifiers', [
      {
        assumedMasterState: null,
        newDocumentState: {
          id: 'p9',
          siteId: 'site-a',
          createdAt: '2025-03-01T10:00:00.000Z',
          updatedAt: '2025-03-01T10:00:00.000Z',
          updatedBy: 'x',
          deviceId: 'x',
          _deleted: false,
          householdId: 'h9',
          subjectType: 'person',
          identifiers: [],
        },
      },
    ]);
    expect(result.status).toBe(403);
  });
});

describe('POST /api/helpline/verification-override', () => {
  async function setUp() {
    server = await startServer({ auth: { userMaxFailures: 3 } });
    await seedFamily(server);
    const agent = await createUser(server, {
      roles: ['helpline_agent'],
      siteIds: ['site-a'],
      username: 'agent.amina',
      password: 'agent-password-1',
      deviceId: 'desk-4',
    });
    const coordinator = await createUser(server, {
      roles: ['coordinator'],
      siteIds: ['site-a'],
      username: 'coord.omar',
      displayName: 'Omar Coordinator',
      password: 'coordinator-password-1',
    });
    const volunteer = await createUser(server, {
      roles: ['volunteer'],
      siteIds: ['site-a'],
      username: 'vol.ben',
      password: 'volunteer-password-1',
    });
    return { agent, coordinator, volunteer };
  }

  async function overridesOf(callId: string): Promise<AuditEntry[]> {
    const { body } = await readJson<{ entries: AuditEntry[] }>(
      await authFetch(server, `/api/audit?collection=calls&recordId=${callId}`),
    );
    return body.entries.filter((entry) => entry.action === 'helpline.verification_override');
  }

  it("refuses the agent's own credentials, a non-supervisor role and a wrong password; nothing is recorded", async () => {
    const { agent, volunteer } = await setUp();
    const own = await readJson<{ error: string }>(
      await overrideRequest(agent, { username: 'agent.amina', password: 'agent-password-1' }),
    );
    expect(own.status).toBe(403);

    const notSupervisor = await readJson<{ error: string }>(
      await overrideRequest(agent, { username: 'vol.ben', password: 'volunteer-password-1' }),
    );
    expect(notSupervisor.status).toBe(403);
    expect(volunteer.user.roles).toEqual(['volunteer']);

    const wrong = await readJson<{ error: string }>(
      await overrideRequest(agent, { username: 'coord.omar', password: 'not-the-password' }),
    );
    expect(wrong).toMatchObject({ status: 401, body: { error: 'invalid_credentials' } });
    expect(await overridesOf('call-1')).toEqual([]);
  });

  it('throttles wrong supervisor passwords like sign-in: after the limit even the right one waits', async () => {
    const { agent } = await setUp();
    for (let i = 0; i < 3; i += 1) {
      const wrong = await overrideRequest(agent, { username: 'coord.omar', password: `guess-${i}` });
      expect(wrong.status).toBe(401);
    }
    const locked = await readJson<{ error: string }>(
      await overrideRequest(agent, { username: 'coord.omar', password: 'coordinator-password-1' }),
    );
    expect(locked).toMatchObject({ status: 429, body: { error: 'locked' } });
    // The same throttle as sign-in: the coordinator's own sign-in is locked too.
    const signIn = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'coord.omar', password: 'coordinator-password-1' }),
    });
    expect(signIn.status).toBe(429);
    expect(await overridesOf('call-1')).toEqual([]);
  });

  it("accepts a coordinator's password and records the override under the coordinator's name", async () => {
    const { agent, coordinator } = await setUp();
    const approved = await readJson<{ approvedBy: string; approvedByName: string; at: string }>(
      await overrideRequest(agent, { username: 'coord.omar', password: 'coordinator-password-1' }),
    );
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      approvedBy: coordinator.user.id,
      approvedByName: 'Omar Coordinator',
    });
    const [entry, ...more] = await overridesOf('call-1');
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      userId: coordinator.user.id,
      siteId: 'site-a',
      details: {
        householdId: 'h1',
        agentId: agent.user.id,
        supervisorName: 'Omar Coordinator',
        reason: 'Caller lost all papers; known to the unit',
      },
    });
  });

  it('no longer takes an override reported by the agent alone through the audit events', async () => {
    const { agent } = await setUp();
    const response = await authFetch(agent, '/api/audit/events', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([
        {
          action: 'helpline.verification_override',
          callId: 'call-1',
          householdId: 'h1',
          at: '2025-05-14T06:02:00.000Z',
          reason: 'I know this caller, trust me',
        },
      ]),
    });
    expect(response.status).toBe(400);
    expect(await overridesOf('call-1')).toEqual([]);
  });
});

/**
 * Variant objects over real HTTP. A call's outcome is one of three variants
 * (resolved on the call | escalated to a unit | voicemail follow-up); two
 * offline edits of it used to merge field by field into
 * {kind: voicemail_followup, unitId: …}, which no variant allows, was stored
 * unvalidated, and then made every later edit of the call a 400. Now a
 * variant object is one value: two different edits of it are a clash of the
 * whole object, and whatever the server stores passes the schema.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, COLLECTIONS } from '../../src/domain/collections';
import { deriveCall } from '../../src/domain/calls';
import { variantPaths } from '../../src/domain/variants';
import { wireSchema } from '../../sync-server/src/services/wireSchema';
import {
  createUser,
  edited,
  pullAll,
  pushRows,
  startTestServer,
  type Client,
  type Doc,
  type TestServer,
} from '../helpers/testServer';

/** Every collection with a variant object, and the paths this file proves merge as one value. */
const COVERED = { calls: ['outcome'] };

let server: TestServer;
let agentA: Client;
let agentB: Client;
/** Call conflicts go to the helpline's case officers, who resolve them (README: who resolves what). */
let officer: Client;
beforeEach(async () => {
  server = await startTestServer();
  agentA = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'], deviceId: 'desk-1' });
  agentB = await createUser(server, { roles: ['helpline_agent'], siteIds: ['site-a'], deviceId: 'desk-2' });
  officer = await createUser(server, { roles: ['case_officer'], siteIds: ['site-a'], deviceId: 'officer-1' });
});
afterEach(async () => {
  await server.close();
});

const deskA = { userId: 'agent-a', deviceId: 'desk-1', at: '2025-05-14T07:00:00.000Z' };
const deskB = { userId: 'agent-b', deviceId: 'desk-2', at: '2025-05-14T07:05:00.000Z' };

function callDoc(id: string, overrides: Record<string, unknown> = {}): Doc {
  return deriveCall({
    id,
    siteId: 'site-a',
    createdAt: '2025-05-14T06:00:00.000Z',
    updatedAt: '2025-05-14T06:05:00.000Z',
    updatedBy: 'agent-a',
    deviceId: 'desk-1',
    startedAt: '2025-05-14T06:00:00.000Z',
    agentId: 'agent-a',
    callerLanguage: 'sw',
    category: 'resettlement',
    summary: 'Asks when the resettlement interview will be scheduled.',
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

const voicemail = { kind: 'voicemail_followup', callbackDueAt: '2025-05-14T12:00:00.000Z' };
const escalated = { kind: 'escalated', unitId: 'rsd', callbackDueAt: '2025-05-15T09:00:00.000Z' };

async function push(client: Client, rows: { assumedMasterState: Doc | null; newDocumentState: Doc }[]) {
  const result = await pushRows(client, 'calls', rows);
  expect(result.status).toBe(200);
  return result.body;
}

async function storedCall(id: string): Promise<Doc | undefined> {
  return (await pullAll(agentA, 'calls')).find((doc) => doc.id === id);
}

describe('variant objects', () => {
  it('are found in the schemas: the collections with one are exactly those this file covers', () => {
    const found = Object.fromEntries(
      COLLECTION_NAMES.map((name) => [name, variantPaths(COLLECTIONS[name].schema)]).filter(
        ([, paths]) => paths!.length > 0,
      ),
    );
    expect(found).toEqual(COVERED);
  });
});

describe("a call's outcome edited offline on two desks", () => {
  it('voicemail on one, escalation on the other: a clash of the whole outcome, the stored call stays valid and editable', async () => {
    const logged = callDoc('call-1');
    await push(agentA, [{ assumedMasterState: null, newDocumentState: logged }]);
    const a = edited(callDoc('call-1', { outcome: voicemail }), {}, deskA);
    const b = edited(callDoc('call-1', { outcome: escalated }), {}, deskB);
    await push(agentA, [{ assumedMasterState: logged, newDocumentState: a }]);
    const answer = await push(agentB, [{ assumedMasterState: logged, newDocumentState: b }]);

    const stored = await storedCall('call-1');
    expect(stored?.outcome).toEqual(voicemail);
    expect(wireSchema('calls').safeParse(stored).success).toBe(true);
    expect(answer).toEqual([stored]);

    const conflicts = await pullAll(officer, 'conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      recordCollection: 'calls',
      recordId: 'call-1',
      field: 'outcome',
      kept: { valueJson: JSON.stringify(voicemail, Object.keys(voicemail).sort()), deviceId: 'desk-1' },
      rejected: { deviceId: 'desk-2' },
    });
    expect(JSON.parse((conflicts[0]!.rejected as { valueJson: string }).valueJson)).toEqual(escalated);
    expect(conflicts[0]!.baseJson).toBeUndefined();

    // The call is not stuck: the next edit, made on what the server holds, is accepted.
    const later = edited(stored!, { summary: 'Interview date confirmed by the unit.' }, deskB);
    expect(await push(agentB, [{ assumedMasterState: stored!, newDocumentState: later }])).toEqual([]);
    expect((await storedCall('call-1'))?.summary).toBe('Interview date confirmed by the unit.');
  });

  it('changing an escalated call to voicemail on one desk and its unit on the other: one clash, no mixture', async () => {
    const base = callDoc('call-2', { outcome: escalated });
    await push(agentA, [{ assumedMasterState: null, newDocumentState: base }]);
    const a = edited(callDoc('call-2', { outcome: voicemail }), {}, deskA);
    const b = edited(callDoc('call-2', { outcome: { ...escalated, unitId: 'resettlement' } }), {}, deskB);
    await push(agentA, [{ assumedMasterState: base, newDocumentState: a }]);
    await push(agentB, [{ assumedMasterState: base, newDocumentState: b }]);

    const stored = await storedCall('call-2');
    expect(stored?.outcome).toEqual(voicemail);
    expect(stored).toMatchObject({ dueAt: voicemail.callbackDueAt });
    const conflicts = await pullAll(officer, 'conflicts');
    expect(conflicts.map((conflict) => conflict.field)).toEqual(['outcome']);
    expect(JSON.parse(conflicts[0]!.baseJson as string)).toEqual(escalated);
  });

  it('one desk changing the outcome while the other edits another field still merges, without conflict', async () => {
    const base = callDoc('call-3', { outcome: escalated });
    await push(agentA, [{ assumedMasterState: null, newDocumentState: base }]);
    const a = edited(callDoc('call-3', { outcome: voicemail }), {}, deskA);
    const b = edited(callDoc('call-3', { outcome: escalated, category: 'protection' }), {}, deskB);
    await push(agentA, [{ assumedMasterState: base, newDocumentState: a }]);
    await push(agentB, [{ assumedMasterState: base, newDocumentState: b }]);

    expect(await storedCall('call-3')).toMatchObject({ outcome: voicemail, category: 'protection' });
    expect(await pullAll(officer, 'conflicts')).toEqual([]);
  });
});

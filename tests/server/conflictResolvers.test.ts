/**
 * Every conflict can be resolved by a role that receives it, over real HTTP:
 * a conflict goes to the roles that may write its record (and conflicts),
 * and their resolving write of the record and of the conflict is accepted.
 * Coordinators resolve the welcome center's records; case officers (the
 * helpline's supervisors) resolve calls. Coordinators read calls but do not
 * write them, so call conflicts do not reach them.
 */
import { describe, expect, it } from 'vitest';
import { deriveCall } from '../../src/domain/calls';
import { ACCESS, mayResolveConflictsOn, ROLES } from '../../src/domain/access';
import { COLLECTION_NAMES } from '../../src/domain/collections';
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

const server = serverPerTest();

const SITE = ['site-a'];
const resolvedAt = '2025-05-14T09:00:00.000Z';

function callDoc(overrides: Record<string, unknown> = {}): Doc {
  return deriveCall({
    id: 'call-1',
    siteId: 'site-a',
    createdAt: '2025-05-14T06:00:00.000Z',
    updatedAt: '2025-05-14T06:05:00.000Z',
    updatedBy: 'agent-a',
    deviceId: 'desk-1',
    startedAt: '2025-05-14T06:00:00.000Z',
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

async function ok(
  client: Client,
  collection: string,
  rows: { assumedMasterState: Doc | null; newDocumentState: Doc }[],
) {
  const result = await pushRows(client, collection, rows);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body;
}

/** The resolver's two writes, as the review screen makes them: the record with the chosen value, the conflict closed. */
async function resolve(
  resolver: Client & { user: { id: string } },
  collection: string,
  record: Doc,
  field: string,
  conflict: Doc,
) {
  const chosen = JSON.parse((conflict.rejected as { valueJson: string }).valueJson) as unknown;
  const meta = { userId: resolver.user.id, deviceId: 'office-1', at: resolvedAt };
  const written = edited(record, { [field]: chosen }, meta);
  const recordAnswer = await pushRows(resolver, collection, [
    { assumedMasterState: record, newDocumentState: written },
  ]);
  const closed = edited(
    conflict,
    {
      status: 'resolved',
      resolution: {
        valueJson: (conflict.rejected as { valueJson: string }).valueJson,
        by: resolver.user.id,
        at: resolvedAt,
      },
    },
    meta,
  );
  const conflictAnswer = await pushRows(resolver, 'conflicts', [
    { assumedMasterState: conflict, newDocumentState: closed },
  ]);
  return { recordAnswer, conflictAnswer };
}

describe('who resolves what', () => {
  it('every collection that can hold a conflict has a role that may resolve it', () => {
    // Conflicts come from devices' pushes: a collection no role writes (the server's own `verifiers`) holds none.
    const pushed = COLLECTION_NAMES.filter(
      (name) => name !== 'conflicts' && ROLES.some((role) => ACCESS[role][name].write),
    );
    expect(pushed).toContain('households');
    for (const collection of pushed) {
      const resolvers = ROLES.filter((role) => mayResolveConflictsOn([role], collection));
      expect(resolvers.length, collection).toBeGreaterThan(0);
      // A resolver may read conflicts (so the screen is theirs) and write the record.
      for (const role of resolvers)
        expect(ACCESS[role].conflicts.write && ACCESS[role][collection].write).toBe(true);
    }
  });

  it("a call's conflict reaches case officers, not coordinators, and a case officer's resolving writes are accepted", async () => {
    const agentA = await createUser(server, { roles: ['helpline_agent'], siteIds: SITE, deviceId: 'desk-1' });
    const agentB = await createUser(server, { roles: ['helpline_agent'], siteIds: SITE, deviceId: 'desk-2' });
    const officer = await createUser(server, {
      roles: ['case_officer'],
      siteIds: SITE,
      deviceId: 'office-1',
    });
    const coordinator = await createUser(server, { roles: ['coordinator'], siteIds: SITE });

    const logged = callDoc();
    await ok(agentA, 'calls', [{ assumedMasterState: null, newDocumentState: logged }]);
    await ok(agentA, 'calls', [
      {
        assumedMasterState: logged,
        newDocumentState: edited(
          logged,
          { category: 'resettlement' },
          { userId: 'agent-a', deviceId: 'desk-1', at: '2025-05-14T07:00:00.000Z' },
        ),
      },
    ]);
    await ok(agentB, 'calls', [
      {
        assumedMasterState: logged,
        newDocumentState: edited(
          logged,
          { category: 'protection' },
          { userId: 'agent-b', deviceId: 'desk-2', at: '2025-05-14T07:05:00.000Z' },
        ),
      },
    ]);

    expect(await pullAll(coordinator, 'conflicts')).toEqual([]);
    const [conflict] = await pullAll(officer, 'conflicts');
    expect(conflict).toMatchObject({ recordCollection: 'calls', field: 'category', status: 'open' });

    const call = (await pullAll(officer, 'calls')).find((doc) => doc.id === 'call-1')!;
    const { recordAnswer, conflictAnswer } = await resolve(officer, 'calls', call, 'category', conflict!);
    expect(recordAnswer.status).toBe(200);
    expect(conflictAnswer.status).toBe(200);
    expect((await pullAll(officer, 'calls')).find((doc) => doc.id === 'call-1')?.category).toBe('protection');
    expect((await pullAll(officer, 'conflicts'))[0]).toMatchObject({ status: 'resolved' });
  });

  it("a household's conflict reaches coordinators, not case officers, and the coordinator's resolving writes are accepted", async () => {
    const coordinator = await createUser(server, {
      roles: ['coordinator'],
      siteIds: SITE,
      deviceId: 'office-1',
    });
    const officer = await createUser(server, { roles: ['case_officer'], siteIds: SITE });
    const household = householdDoc('h1');
    await pushRows(server.url, 'households', [{ assumedMasterState: null, newDocumentState: household }]);
    await pushRows(
      server.url,
      'households',
      [
        {
          assumedMasterState: household,
          newDocumentState: edited(household, { contactPhone: '+1 555 0101' }),
        },
      ],
      'tablet-2',
    );
    await pushRows(
      server.url,
      'households',
      [
        {
          assumedMasterState: household,
          newDocumentState: edited(household, { contactPhone: '+1 555 0202' }),
        },
      ],
      'tablet-3',
    );

    expect(await pullAll(officer, 'conflicts')).toEqual([]);
    const [conflict] = await pullAll(coordinator, 'conflicts');
    expect(conflict).toMatchObject({ recordCollection: 'households', field: 'contactPhone' });

    // A case officer may not close it either (403, nothing stored).
    const closedByOfficer = edited(conflict!, {
      status: 'resolved',
      resolution: { valueJson: '"+1 555 0202"', by: officer.user.id, at: resolvedAt },
    });
    expect(
      (
        await pushRows(officer, 'conflicts', [
          { assumedMasterState: conflict!, newDocumentState: closedByOfficer },
        ])
      ).status,
    ).toBe(403);

    const current = (await pullAll(coordinator, 'households')).find((doc) => doc.id === 'h1')!;
    const { recordAnswer, conflictAnswer } = await resolve(
      coordinator,
      'households',
      current,
      'contactPhone',
      conflict!,
    );
    expect(recordAnswer.status).toBe(200);
    expect(conflictAnswer.status).toBe(200);
    expect((await pullAll(coordinator, 'households')).find((doc) => doc.id === 'h1')?.contactPhone).toBe(
      '+1 555 0202',
    );
  });
});

/**
 * The role × collection access matrix over real HTTP, driven from ACCESS so
 * the test cannot drift from the contract: for every role and collection a
 * push is accepted or refused (403, nothing stored) and a pull returns all
 * fields, the allowed fields, or is refused. Then sites: nobody pulls another
 * site's records or pushes into another site, and a filtered pull still fills
 * its pages so RxDB does not stop early.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACCESS,
  DRIVER_HOUSEHOLD_FIELDS,
  mayResolveConflictsOn,
  ROLES,
  type Role,
} from '../../src/domain/access';
import { COLLECTION_NAMES, type CollectionName } from '../../src/domain/collections';
import type { ApiError } from '../../src/sync/protocol';
import { buildConflictDocument } from '../../sync-server/src/services/conflicts';
import {
  authFetch,
  createUser,
  householdDoc,
  personDoc,
  pullAll,
  pullPage,
  pushRows,
  startTestServer,
  type Doc,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

/** A valid document of the collection, or a bare one (valid for the store, not for a push) if it has no sample. */
function sampleDoc(
  collection: CollectionName,
  id: string,
  siteId = 'site-a',
  role: Role = 'coordinator',
): { doc: Doc; valid: boolean } {
  const valid = validSample(collection, id, siteId, role);
  return valid ? { doc: valid, valid: true } : { doc: { id, siteId, _deleted: false }, valid: false };
}

/** A collection whose conflicts `role` resolves (conflicts reach only their resolvers), else households. */
function resolvedBy(role: Role): CollectionName {
  return COLLECTION_NAMES.find((name) => mayResolveConflictsOn([role], name)) ?? 'households';
}

function validSample(collection: CollectionName, id: string, siteId: string, role: Role): Doc | undefined {
  switch (collection) {
    case 'households':
      return householdDoc(id, { siteId, contactPhone: '+1 555 0100' });
    case 'people':
      return personDoc(id, 'h-any', { siteId });
    case 'sensitive':
      return sensitiveDoc(id, siteId);
    case 'conflicts':
      return {
        ...buildConflictDocument({
          collection: resolvedBy(role),
          clash: { path: 'familyName', base: 'A', kept: 'B', rejected: 'C' },
          current: householdDoc('h-x', { siteId }),
          incoming: householdDoc('h-x', { siteId }),
          pushKey: id,
          actor: { userId: 'u', deviceId: 'd' },
          now: '2025-03-01T10:00:00.000Z',
        }),
        id,
      } as Doc;
    default:
      return undefined;
  }
}

function sensitiveDoc(id: string, siteId = 'site-a'): Doc {
  return {
    id,
    siteId,
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    updatedBy: 'u',
    deviceId: 'd',
    subjectType: 'household',
    householdId: 'h-any',
    identifiers: [{ type: 'a_number', value: 'A123456789' }],
    medicalFlags: ['pregnant'],
    medicalNotes: 'insulin twice a day',
    _deleted: false,
  };
}

async function seedAsServer(collection: CollectionName, doc: Doc) {
  await server.store.transaction((tx) => tx.putDocument(collection, doc, String(doc.siteId)));
}

describe.each(ROLES.map((role) => [role] as [Role]))('role %s', (role) => {
  it.each(COLLECTION_NAMES.map((c) => [c] as [CollectionName]))(
    '%s: push and pull as ACCESS says',
    async (collection) => {
      const grant = ACCESS[role][collection];
      const user = await createUser(server, { roles: [role], siteIds: ['site-a'] });
      const id = `${role}-${collection}`;
      const { doc, valid } = sampleDoc(collection, id, 'site-a', role);

      const pushed = await pushRows(user, collection, [{ assumedMasterState: null, newDocumentState: doc }]);
      if (grant.write) {
        // Without a valid sample, getting as far as validation (400, not 403) proves the grant.
        expect(pushed.status).toBe(valid ? 200 : 400);
        if (!valid) await seedAsServer(collection, doc);
      } else {
        expect(pushed.status).toBe(403);
        const body = pushed.body as unknown as ApiError;
        expect(body.error).toBe('forbidden');
        expect(body.message).toContain(collection);
        expect(await server.store.getDocument(collection, id)).toBeUndefined();
        await seedAsServer(collection, doc);
      }

      const pulled = await authFetch(user, `/api/sync/${collection}/pull?limit=1000`);
      if (grant.read.kind === 'none') {
        expect(pulled.status).toBe(403);
        expect(((await pulled.json()) as ApiError).error).toBe('forbidden');
        expect((await authFetch(user, `/api/sync/${collection}/stream`)).status).toBe(403);
        return;
      }
      expect(pulled.status).toBe(200);
      const { documents } = (await pulled.json()) as { documents: Doc[] };
      const mine = documents.find((d) => d.id === id);
      expect(mine).toBeDefined();
      if (grant.read.kind === 'all') {
        expect(mine).toEqual(await server.store.getDocument(collection, id).then((s) => s?.doc));
      } else {
        const allowed = new Set([...grant.read.fields, '_deleted']);
        for (const d of documents) expect(Object.keys(d).filter((key) => !allowed.has(key))).toEqual([]);
      }
    },
  );
});

describe('driver', () => {
  it('receives a household with only the driver fields: no sponsor, needs, consent or notes', async () => {
    await seedAsServer(
      'households',
      householdDoc('h-driver', { notes: 'fled after threats', contactPhone: '+1 555 0199' }),
    );
    const driver = await createUser(server, { roles: ['driver'], siteIds: ['site-a'] });
    const docs = await pullAll(driver, 'households');
    const seen = docs.find((d) => d.id === 'h-driver');
    expect(seen).toEqual({
      id: 'h-driver',
      siteId: 'site-a',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      updatedBy: expect.any(String),
      deviceId: expect.any(String),
      familyName: 'Mensah',
      nameKey: expect.any(String),
      contactPhone: '+1 555 0199',
      status: 'active',
      destination: { city: 'Denver', country: 'US' },
      _deleted: false,
    });
    expect(
      Object.keys(seen ?? {}).every(
        (k) => k === '_deleted' || (DRIVER_HOUSEHOLD_FIELDS as readonly string[]).includes(k),
      ),
    ).toBe(true);
  });
});

describe('sites', () => {
  it('never pulls another site’s records, and fills each page with visible ones', async () => {
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-1'] });
    // Interleave 30 records of site-b between 6 of site-1.
    for (let i = 0; i < 6; i++) {
      await seedAsServer('people', personDoc(`p1-${i}`, 'h', { siteId: 'site-1' }));
      for (let j = 0; j < 5; j++)
        await seedAsServer('people', personDoc(`pb-${i}-${j}`, 'h', { siteId: 'site-b' }));
    }
    const first = await pullPage(volunteer, 'people', undefined, 4);
    expect(first.documents.map((d) => d.id)).toEqual(['p1-0', 'p1-1', 'p1-2', 'p1-3']);
    const second = await pullPage(volunteer, 'people', first.checkpoint, 4);
    expect(second.documents.map((d) => d.id)).toEqual(['p1-4', 'p1-5']);
    const all = await pullAll(volunteer, 'people', 3);
    expect(all.every((d) => d.siteId === 'site-1')).toBe(true);
    expect(all.map((d) => d.id)).toEqual(['p1-0', 'p1-1', 'p1-2', 'p1-3', 'p1-4', 'p1-5']);
  });

  it('refuses a push into another site, or onto a record of another site, storing nothing', async () => {
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });
    const before = await server.store.listAudit({ limit: 1000 });

    const foreign = await pushRows(volunteer, 'households', [
      { assumedMasterState: null, newDocumentState: householdDoc('ok-1') },
      { assumedMasterState: null, newDocumentState: householdDoc('foreign-1', { siteId: 'site-b' }) },
    ]);
    expect(foreign.status).toBe(403);
    expect((foreign.body as unknown as ApiError).message).toContain('site-b');
    expect(await server.store.getDocument('households', 'ok-1')).toBeUndefined();
    expect(await server.store.getDocument('households', 'foreign-1')).toBeUndefined();

    // Moving a site-b record into one's own site is refused too.
    const theirs = householdDoc('theirs-1', { siteId: 'site-b' });
    await seedAsServer('households', theirs);
    const moved = await pushRows(volunteer, 'households', [
      { assumedMasterState: theirs, newDocumentState: { ...theirs, siteId: 'site-a', familyName: 'Taken' } },
    ]);
    expect(moved.status).toBe(403);
    expect((await server.store.getDocument('households', 'theirs-1'))?.doc).toEqual(theirs);
    expect(await server.store.listAudit({ limit: 1000 })).toHaveLength(before.length);
  });

  it('shows a coordinator conflicts only about collections they may resolve, in their sites', async () => {
    const coordinator = await createUser(server, { roles: ['coordinator'], siteIds: ['site-1'] });
    await seedAsServer('conflicts', sampleDoc('conflicts', 'k-site-1', 'site-1').doc);
    await seedAsServer('conflicts', sampleDoc('conflicts', 'k-site-b', 'site-b').doc);
    const docs = await pullAll(coordinator, 'conflicts');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((d) => d.siteId === 'site-1')).toBe(true);
  });
});

/**
 * A person's request over HTTP (issue 21 item 3): a coordinator exports
 * everything held about a household; erasure takes a reason and a second
 * coordinator's confirmation, then every record about the household is a
 * tombstone without personal content, the audit entries about them are
 * redacted, an `erasure` entry says who, when and why, and a device's late
 * edit cannot bring the content back. On SQLite and on PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Erasure, SubjectExport } from '../../src/domain/erasure';
import type { ApiError } from '../../src/sync/protocol';
import {
  authFetch,
  createUser,
  householdDoc,
  personDoc,
  pullAll,
  pushRows,
  readJson,
  startTestServer,
  type Client,
  type Doc,
  type TestServer,
} from '../helpers/testServer';
import { serverStores } from '../helpers/serverStores';

const stores = serverStores();
let server: TestServer;
afterEach(async () => {
  await server.close();
});

function send(client: Client, method: string, path: string, body?: unknown) {
  return authFetch(client, path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const META = {
  createdAt: '2026-04-01T10:00:00.000Z',
  updatedAt: '2026-04-01T10:00:00.000Z',
  updatedBy: 'u',
  deviceId: 'tablet-1',
};

async function seedFamily() {
  const household = householdDoc('h-erase', {
    familyName: 'Uwimana',
    sponsor: { name: 'Claudine Uwimana', phone: '+1 303 555 0199' },
  });
  const person = personDoc('p-erase', 'h-erase', { givenName: 'Aline', familyName: 'Uwimana' });
  const other = householdDoc('h-stays', { familyName: 'Mensah' });
  const note: Doc = {
    id: 'n-erase',
    siteId: 'site-a',
    ...META,
    householdId: 'h-erase',
    personId: 'p-erase',
    body: 'Aline fears returning to Kigali',
    authorId: 'u',
    writtenAt: '2026-04-01T10:00:00.000Z',
    _deleted: false,
  };
  const sensitive: Doc = {
    id: 'p-erase',
    siteId: 'site-a',
    ...META,
    subjectType: 'person',
    householdId: 'h-erase',
    identifiers: [{ type: 'a_number', value: 'A987654321' }],
    medicalFlags: [],
    medicalNotes: 'asthma inhaler',
    _deleted: false,
  };
  for (const [collection, doc] of [
    ['households', household],
    ['households', other],
    ['people', person],
    ['caseNotes', note],
    ['sensitive', sensitive],
  ] as const) {
    const pushed = await pushRows(server, collection, [{ assumedMasterState: null, newDocumentState: doc }]);
    expect(pushed.status).toBe(200);
  }
  // A later edit, so the audit log holds old and new values about her.
  const renamed = { ...person, givenName: 'Alinée', updatedAt: '2026-04-01T11:00:00.000Z' };
  expect(
    (await pushRows(server, 'people', [{ assumedMasterState: person, newDocumentState: renamed }])).status,
  ).toBe(200);
  // Her verifier is written after the push (verifierFollower.ts).
  await server.verifiers.settle();
  return { person: renamed };
}

const PERSONAL = ['Uwimana', 'Alin', 'Kigali', 'A987654321', 'asthma', '555 0199'];
const holdsPersonal = (value: unknown) => PERSONAL.filter((text) => JSON.stringify(value).includes(text));

describe.each(stores)('a person’s request on %s', (_name, openStore) => {
  beforeEach(async () => {
    const store = await openStore();
    server = await startTestServer({
      clock: () => new Date('2026-04-02T09:00:00.000Z'),
      ...(store ? { store } : {}),
    });
  });

  it('erases one member of a family, once confirmed: her records and notes go, the family and the other members stay', async () => {
    await seedFamily();
    const brother = personDoc('p-stays', 'h-erase', { givenName: 'Jean', familyName: 'Uwimana' });
    expect(
      (await pushRows(server, 'people', [{ assumedMasterState: null, newDocumentState: brother }])).status,
    ).toBe(200);
    const second = await createUser(server, { roles: ['coordinator'], siteIds: ['site-a'] });

    const exported = await readJson<SubjectExport>(
      await send(server, 'POST', '/api/subjects/export', { collection: 'people', id: 'p-erase' }),
    );
    expect(exported.status).toBe(200);
    expect(Object.keys(exported.body.records).sort()).toEqual([
      'caseNotes',
      'people',
      'sensitive',
      'verifiers',
    ]);
    expect(JSON.stringify(exported.body)).not.toContain('Jean');

    const asked = await readJson<Erasure>(
      await send(server, 'POST', '/api/erasures', {
        subject: { collection: 'people', id: 'p-erase' },
        reason: 'Aline asked by letter, ticket 52',
      }),
    );
    expect(asked.status).toBe(200);
    const confirmed = await readJson<Erasure>(
      await send(second, 'POST', `/api/erasures/${asked.body.id}/confirm`),
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.erased).toEqual({ people: 1, sensitive: 1, caseNotes: 1, verifiers: 1 });

    const people = await pullAll(server, 'people');
    expect(people.find((doc) => doc.id === 'p-erase')).toMatchObject({ _deleted: true, nameKey: '' });
    expect(people.find((doc) => doc.id === 'p-stays')).toMatchObject({ givenName: 'Jean', _deleted: false });
    expect((await pullAll(server, 'households')).find((doc) => doc.id === 'h-erase')).toMatchObject({
      familyName: 'Uwimana',
      _deleted: false,
    });
    for (const collection of ['sensitive', 'caseNotes']) {
      expect(JSON.stringify(await pullAll(server, collection))).not.toMatch(/Kigali|A987654321|asthma/);
    }
    expect((await server.store.listAudit({ action: 'erasure', limit: 10 }))[0]).toMatchObject({
      details: { subject: 'people/p-erase' },
    });
  });

  it('exports every record and audit entry about a household, to coordinators of its site only, and audits the export', async () => {
    await seedFamily();
    const exported = await readJson<SubjectExport>(
      await send(server, 'POST', '/api/subjects/export', { collection: 'households', id: 'h-erase' }),
    );
    expect(exported.status).toBe(200);
    expect(
      Object.fromEntries(
        Object.entries(exported.body.records).map(([name, docs]) => [name, docs.map((doc) => doc.id)]),
      ),
    ).toEqual({
      households: ['h-erase'],
      people: ['p-erase'],
      sensitive: ['p-erase'],
      caseNotes: ['n-erase'],
      // The server's verifier hashes for the helpline's caller check.
      verifiers: ['p-erase'],
    });
    expect(exported.body.audit.filter((entry) => entry.action === 'change')).toHaveLength(1);
    expect(holdsPersonal(exported.body)).toEqual(PERSONAL);
    expect(JSON.stringify(exported.body)).not.toContain('Mensah');

    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });
    const elsewhere = await createUser(server, { roles: ['coordinator'], siteIds: ['site-b'] });
    expect(
      (await send(volunteer, 'POST', '/api/subjects/export', { collection: 'households', id: 'h-erase' }))
        .status,
    ).toBe(403);
    expect(
      (await send(elsewhere, 'POST', '/api/subjects/export', { collection: 'households', id: 'h-erase' }))
        .status,
    ).toBe(403);
    expect(
      (await send(server, 'POST', '/api/subjects/export', { collection: 'households', id: 'nobody' })).status,
    ).toBe(404);
    expect(
      (await send(server, 'POST', '/api/subjects/export', { collection: 'calls', id: 'h-erase' })).status,
    ).toBe(400);

    const audited = await server.store.listAudit({ action: 'subject_export', limit: 10 });
    expect(audited).toMatchObject([{ userId: server.user.id, recordId: 'h-erase', details: { records: 5 } }]);
  });

  it('erases a household only when a second coordinator confirms; then nothing personal is left on the server', async () => {
    const { person } = await seedFamily();
    const second = await createUser(server, { roles: ['coordinator'], siteIds: ['site-a'] });
    // What the log provider wrote to each family (the only message bodies the server keeps).
    for (const [householdId, body] of [
      ['h-erase', 'Uwimana: your hearing'],
      ['h-stays', 'Mensah: your hearing'],
    ] as const) {
      const key = `m-${householdId}:d1:2026-04-10T09:00:00.000Z`;
      await server.store.messages.syncHousehold(
        householdId,
        [
          {
            key,
            siteId: 'site-a',
            householdId,
            recordCollection: 'milestones',
            recordId: `m-${householdId}`,
            kind: 'hearing',
            lead: 'd1',
            eventAt: '2026-04-10T09:00:00.000Z',
            sendAt: '2026-04-09T09:00:00.000Z',
          },
        ],
        '2026-04-01T10:00:00.000Z',
      );
      await server.store.messages.keepLogged({
        key,
        siteId: 'site-a',
        to: '+254712345678',
        channel: 'sms',
        body,
        at: '2026-04-01T10:00:00.000Z',
      });
    }

    const tooShort = await readJson<ApiError>(
      await send(server, 'POST', '/api/erasures', {
        subject: { collection: 'households', id: 'h-erase' },
        reason: 'asked',
      }),
    );
    expect(tooShort.status).toBe(400);
    expect(
      (
        await send(server, 'POST', '/api/erasures', {
          subject: { collection: 'households', id: 'nobody' },
          reason: 'Asked at the desk, ticket 41',
        })
      ).status,
    ).toBe(404);
    const asked = await readJson<Erasure>(
      await send(server, 'POST', '/api/erasures', {
        subject: { collection: 'households', id: 'h-erase' },
        reason: 'Asked at the desk, ticket 41',
      }),
    );
    expect(asked.status).toBe(200);
    // Asked, not yet done: everything is still there.
    expect(holdsPersonal(await pullAll(server, 'people'))).toContain('Alin');

    const self = await readJson<ApiError>(
      await send(server, 'POST', `/api/erasures/${asked.body.id}/confirm`),
    );
    expect(self.status).toBe(409);
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });
    expect((await send(volunteer, 'POST', `/api/erasures/${asked.body.id}/confirm`)).status).toBe(403);
    expect(holdsPersonal(await pullAll(server, 'people'))).toContain('Alin');

    const confirmed = await readJson<Erasure>(
      await send(second, 'POST', `/api/erasures/${asked.body.id}/confirm`),
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({
      requestedBy: server.user.id,
      confirmedBy: second.user.id,
      erased: { households: 1, people: 1, sensitive: 1, caseNotes: 1, verifiers: 1 },
    });
    expect((await send(second, 'POST', `/api/erasures/${asked.body.id}/confirm`)).status).toBe(409);

    for (const collection of ['households', 'people', 'sensitive', 'caseNotes']) {
      const docs = await pullAll(server, collection);
      expect(holdsPersonal(docs)).toEqual([]);
    }
    // Agents pull verifiers (coordinators may not): the hashes are gone too.
    const verifier = (await server.store.getDocument('verifiers', 'p-erase'))?.doc;
    expect(verifier).toMatchObject({ _deleted: true, householdId: 'h-erase' });
    expect(Object.keys(verifier ?? {}).sort()).toEqual([
      '_deleted',
      'createdAt',
      'deviceId',
      'householdId',
      'id',
      'siteId',
      'updatedAt',
      'updatedBy',
    ]);
    const tombstone = (await pullAll(server, 'people')).find((doc) => doc.id === 'p-erase');
    expect(tombstone).toMatchObject({ _deleted: true, householdId: 'h-erase', nameKey: '', familyKey: '' });
    expect((await pullAll(server, 'households')).find((doc) => doc.id === 'h-stays')).toMatchObject({
      familyName: 'Mensah',
      _deleted: false,
    });

    expect((await server.store.messages.listLogged(undefined, 10)).map((m) => m.body)).toEqual([
      'Mensah: your hearing',
    ]);

    // The audit log: entries about the records say what happened, not the values; the erasure says who, when, why.
    const log = await server.store.listAudit({ limit: 1000 });
    expect(holdsPersonal(log)).toEqual([]);
    expect(log.filter((entry) => entry.recordId === 'p-erase').map((entry) => entry.details)).toEqual([
      { redacted: true },
      { redacted: true },
      { redacted: true },
    ]);
    expect(log.find((entry) => entry.action === 'erasure')).toMatchObject({
      userId: second.user.id,
      at: '2026-04-02T09:00:00.000Z',
      details: {
        subject: 'households/h-erase',
        reason: 'Asked at the desk, ticket 41',
        requestedBy: server.user.id,
      },
    });

    // A device that edited her offline pushes late: it gets the tombstone back, and nothing of the edit is kept.
    const late = { ...person, givenName: 'Aline Claire', updatedAt: '2026-04-02T08:00:00.000Z' };
    const pushed = await pushRows(server, 'people', [{ assumedMasterState: person, newDocumentState: late }]);
    expect(pushed.status).toBe(200);
    expect(pushed.body).toEqual([tombstone]);
    expect(holdsPersonal(await pullAll(server, 'people'))).toEqual([]);
    expect(await pullAll(server, 'conflicts')).toEqual([]);

    const listed = await readJson<{ erasures: Erasure[] }>(await send(second, 'GET', '/api/erasures'));
    expect(listed.body.erasures).toMatchObject([{ id: asked.body.id, confirmedBy: second.user.id }]);
    expect(
      (
        await send(server, 'POST', '/api/erasures', {
          subject: { collection: 'households', id: 'h-erase' },
          reason: 'Asked at the desk, ticket 41',
        })
      ).status,
    ).toBe(409);
  });
});

/**
 * Push over real HTTP: what two devices did offline both survives. Different
 * fields merge, a same-field clash keeps the committed value and records a
 * conflict holding both, a retried push changes nothing.
 */
import { describe, expect, it } from 'vitest';
import {
  edited,
  householdDoc,
  personDoc,
  pullAll,
  pullPage,
  pushRows,
  serverPerTest,
  type Doc,
} from '../helpers/testServer';

const server = serverPerTest();

const tablet2 = { userId: 'volunteer-2', deviceId: 'tablet-2', at: '2025-03-01T11:00:00.000Z' };
const tablet3 = { userId: 'volunteer-3', deviceId: 'tablet-3', at: '2025-03-01T11:30:00.000Z' };

async function create(doc: Doc, collection = 'households') {
  const result = await pushRows(server.url, collection, [
    { assumedMasterState: null, newDocumentState: doc },
  ]);
  expect(result.status).toBe(200);
  expect(result.body).toEqual([]);
}

async function current(id: string, collection = 'households'): Promise<Doc | undefined> {
  return (await pullAll(server.url, collection)).find((doc) => doc.id === id);
}

describe('push', () => {
  it('answers [] when every row was stored as sent', async () => {
    const household = householdDoc('h1');
    await create(household);
    expect(await current('h1')).toEqual(household);
  });

  it('recomputes derived fields and hands the server version back', async () => {
    const household = { ...householdDoc('h1'), nameKey: 'stale' };
    const result = await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: household },
    ]);
    expect(result.body).toEqual([{ ...household, nameKey: 'mensah' }]);
  });

  it('is idempotent: the same push twice changes nothing the second time', async () => {
    const household = householdDoc('h1');
    await create(household);
    const a = edited(household, { contactPhone: '+1 555 0101' }, tablet2);
    const b = edited(household, { contactPhone: '+1 555 0202' }, tablet3);
    await pushRows(server.url, 'households', [{ assumedMasterState: household, newDocumentState: a }]);
    const clash = [{ assumedMasterState: household, newDocumentState: b }];
    const first = await pushRows(server.url, 'households', clash, 'tablet-3');

    const before = await pullPage(server.url, 'households');
    const conflictsBefore = await pullAll(server.url, 'conflicts');
    const auditBefore = await server.store.listAudit({ limit: 1000 });

    const retry = await pushRows(server.url, 'households', clash, 'tablet-3');
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(await pullPage(server.url, 'households')).toEqual(before);
    expect(await pullAll(server.url, 'conflicts')).toEqual(conflictsBefore);
    expect(conflictsBefore).toHaveLength(1);
    expect(await server.store.listAudit({ limit: 1000 })).toEqual(auditBefore);
  });

  it('merges edits to different fields made offline on two devices', async () => {
    const household = householdDoc('h1');
    await create(household);
    const phone = edited(household, { contactPhone: '+1 555 0101' }, tablet2);
    const sponsor = edited(household, { sponsor: { name: 'Ama Mensah', phone: '+1 720 555 0199' } }, tablet3);

    expect(
      (
        await pushRows(
          server.url,
          'households',
          [{ assumedMasterState: household, newDocumentState: phone }],
          'tablet-2',
        )
      ).body,
    ).toEqual([]);
    const merged = await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: household, newDocumentState: sponsor }],
      'tablet-3',
    );

    const stored = await current('h1');
    expect(stored).toMatchObject({
      contactPhone: '+1 555 0101',
      sponsor: { name: 'Ama Mensah', phone: '+1 720 555 0199' },
      updatedBy: 'volunteer-3',
    });
    // The second device did not send the phone: it gets the merged version back.
    expect(merged.body).toEqual([stored]);
    expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  });

  it('turns a same-field clash into a conflict record holding both values', async () => {
    const household = householdDoc('h1');
    await create(household);
    const first = edited(household, { familyName: 'Mensah-Owusu' }, tablet2);
    const second = edited(household, { familyName: 'Owusu' }, tablet3);
    await pushRows(server.url, 'households', [{ assumedMasterState: household, newDocumentState: first }]);
    const answer = await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: household, newDocumentState: second }],
      'tablet-3',
    );

    // The committed value stays; the device is told what the server holds.
    const stored = await current('h1');
    expect(stored).toMatchObject({
      familyName: 'Mensah-Owusu',
      nameKey: 'mensah owusu',
      updatedBy: 'volunteer-2',
    });
    expect(answer.body).toEqual([stored]);

    const conflicts = await pullAll(server.url, 'conflicts');
    // The derived search key follows the name: one conflict, not two.
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      recordCollection: 'households',
      recordId: 'h1',
      field: 'familyName',
      siteId: 'site-a',
      status: 'open',
      baseJson: JSON.stringify('Mensah'),
      kept: {
        valueJson: JSON.stringify('Mensah-Owusu'),
        userId: 'volunteer-2',
        deviceId: 'tablet-2',
        at: tablet2.at,
      },
      rejected: {
        valueJson: JSON.stringify('Owusu'),
        userId: 'volunteer-3',
        deviceId: 'tablet-3',
        at: tablet3.at,
      },
      _deleted: false,
    });

    const audit = await server.store.listAudit({ collection: 'households', recordId: 'h1', limit: 10 });
    expect(audit.map((entry) => entry.action)).toEqual(['conflict', 'change', 'create']);
    expect(audit[1]).toMatchObject({
      deviceId: 'test-device',
      details: { familyName: ['Mensah', 'Mensah-Owusu'], nameKey: ['mensah', 'mensah owusu'] },
    });
  });

  it("builds on the device's own write whose answer it never received, instead of calling it a clash", async () => {
    const leg = householdDoc('h1');
    await create(leg);
    // tablet-2 pushes, the server applies it, and the connection drops before the answer arrives:
    const lost = edited(leg, { contactPhone: '+1 555 0101' }, tablet2);
    await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: leg, newDocumentState: lost }],
      'tablet-2',
    );
    // so its next edit, made on top of its own, still names the old version as the server's.
    const later = edited(
      lost,
      { contactPhone: '+1 555 0102' },
      { ...tablet2, at: '2025-03-01T11:05:00.000Z' },
    );
    const answer = await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: leg, newDocumentState: later }],
      'tablet-2',
    );
    expect(answer.body).toEqual([]);
    expect(await current('h1')).toEqual(later);
    expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  });

  it("still records a clash when the version the device did not know was another device's", async () => {
    const leg = householdDoc('h1');
    await create(leg);
    const other = edited(leg, { contactPhone: '+1 555 0101' }, tablet2);
    await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: leg, newDocumentState: other }],
      'tablet-2',
    );
    const mine = edited(leg, { contactPhone: '+1 555 0303' }, tablet3);
    await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: leg, newDocumentState: mine }],
      'tablet-3',
    );
    expect((await current('h1'))?.contactPhone).toBe('+1 555 0101');
    expect(await pullAll(server.url, 'conflicts')).toHaveLength(1);
  });

  it('keeps both members added offline to the same household on two devices', async () => {
    const household = householdDoc('h1');
    await create(household);
    await create(personDoc('p-head', 'h1'), 'people');
    await pushRows(
      server.url,
      'people',
      [
        {
          assumedMasterState: null,
          newDocumentState: personDoc('p-child', 'h1', {
            givenName: 'Esi',
            relationship: 'child',
            sex: 'female',
          }),
        },
      ],
      'tablet-2',
    );
    await pushRows(
      server.url,
      'people',
      [
        {
          assumedMasterState: null,
          newDocumentState: personDoc('p-spouse', 'h1', {
            givenName: 'Abena',
            relationship: 'spouse',
            sex: 'female',
          }),
        },
      ],
      'tablet-3',
    );

    const members = (await pullAll(server.url, 'people')).filter((person) => person.householdId === 'h1');
    expect(members.map((person) => person.givenName).sort()).toEqual(['Abena', 'Esi', 'Kofi']);
  });

  it('stores a deletion as a _deleted version, never removing the record', async () => {
    const household = householdDoc('h1');
    await create(household);
    const { checkpoint } = await pullPage(server.url, 'households');
    const deleted = edited(household, { _deleted: true }, tablet2);
    expect(
      (
        await pushRows(server.url, 'households', [
          { assumedMasterState: household, newDocumentState: deleted },
        ])
      ).body,
    ).toEqual([]);

    const after = await pullPage(server.url, 'households', checkpoint);
    expect(after.documents).toEqual([deleted]);
    expect((await server.store.getDocument('households', 'h1'))?.deleted).toBe(true);
  });

  it('keeps a record deleted and sets aside an offline edit of it as a conflict', async () => {
    const household = householdDoc('h1');
    await create(household);
    const deleted = edited(household, { _deleted: true }, tablet2);
    const phone = edited(household, { contactPhone: '+1 555 0101' }, tablet3);
    await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: household, newDocumentState: deleted }],
      'tablet-2',
    );
    await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: household, newDocumentState: phone }],
      'tablet-3',
    );

    // Nothing is lost and nothing is resurrected half-way: the record stays deleted, the edit waits in a conflict.
    expect(await current('h1')).toEqual(deleted);
    const conflicts = await pullAll(server.url, 'conflicts');
    expect(conflicts.map((conflict) => conflict.field)).toEqual(['_deleted']);
    expect(JSON.parse((conflicts[0]!.rejected as { valueJson: string }).valueJson)).toMatchObject({
      contactPhone: '+1 555 0101',
    });
  });

  it('applies several rows for the same record in one push in order', async () => {
    const household = householdDoc('h1');
    const v2 = edited(household, { contactPhone: '+1 555 0101' }, tablet2);
    const answer = await pushRows(server.url, 'households', [
      { assumedMasterState: null, newDocumentState: household },
      { assumedMasterState: household, newDocumentState: v2 },
    ]);
    expect(answer.body).toEqual([]);
    expect(await current('h1')).toEqual(v2);
  });
});

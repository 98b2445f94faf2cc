/**
 * Delete versus edit over real HTTP, in both orders. When one device deleted
 * a record and another, offline since before, changed its content, the
 * record stays deleted (nothing resurrected half-way) and a conflict holds
 * the edit for a coordinator to restore or drop:
 *   field '_deleted', kept = the deletion (valueJson 'true', its writer),
 *   rejected = the edit (valueJson = stable JSON of the edited record's
 *   content), baseJson = the content both started from.
 * A deletion whose other side changed no content is a plain deletion.
 */
import { describe, expect, it } from 'vitest';
import { stableJson } from '../../sync-server/src/services/stableJson';
import {
  edited,
  householdDoc,
  personDoc,
  pullAll,
  pushRows,
  serverPerTest,
  type Doc,
} from '../helpers/testServer';

const server = serverPerTest();

const tablet2 = { userId: 'volunteer-2', deviceId: 'tablet-2', at: '2025-03-01T11:00:00.000Z' };
const tablet3 = { userId: 'volunteer-3', deviceId: 'tablet-3', at: '2025-03-01T11:30:00.000Z' };

/** A record's content as the conflict encodes it: no identity, no write metadata, no deletion flag. */
function contentJson(doc: Doc): string {
  const { id, siteId, createdAt, updatedAt, updatedBy, deviceId, _deleted, ...content } = doc;
  void [id, siteId, createdAt, updatedAt, updatedBy, deviceId, _deleted];
  return stableJson(content);
}

async function seedMember(): Promise<Doc> {
  const household = householdDoc('h1');
  const member = personDoc('p1', 'h1', { dateOfBirth: '1990-03-12' });
  expect(
    (await pushRows(server.url, 'households', [{ assumedMasterState: null, newDocumentState: household }]))
      .status,
  ).toBe(200);
  expect(
    (await pushRows(server.url, 'people', [{ assumedMasterState: null, newDocumentState: member }])).status,
  ).toBe(200);
  return member;
}

async function stored(id: string): Promise<Doc | undefined> {
  return (await pullAll(server.url, 'people')).find((doc) => doc.id === id);
}

describe('delete versus edit', () => {
  it('an edit of a record deleted meanwhile: stays deleted, the edit is a conflict, the device gets the deletion back', async () => {
    const member = await seedMember();
    const deletion = edited(member, { _deleted: true }, tablet2);
    const edit = edited(member, { dateOfBirth: '1990-03-21' }, tablet3);
    await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: deletion }],
      'tablet-2',
    );
    const answer = await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: edit }],
      'tablet-3',
    );

    expect(answer.status).toBe(200);
    const after = await stored('p1');
    // Nothing of the edit went into the deleted record: it is exactly the deletion.
    expect(after).toEqual(deletion);
    expect(answer.body).toEqual([deletion]);

    const conflicts = await pullAll(server.url, 'conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      recordCollection: 'people',
      recordId: 'p1',
      field: '_deleted',
      status: 'open',
      baseJson: contentJson(member),
      kept: { valueJson: 'true', userId: 'volunteer-2', deviceId: 'tablet-2', at: tablet2.at },
      rejected: { valueJson: contentJson(edit), userId: 'volunteer-3', deviceId: 'tablet-3', at: tablet3.at },
    });
    const rejected = JSON.parse((conflicts[0]!.rejected as { valueJson: string }).valueJson) as Record<
      string,
      unknown
    >;
    expect(rejected.dateOfBirth).toBe('1990-03-21');
    expect(JSON.parse(conflicts[0]!.baseJson as string)).toMatchObject({ dateOfBirth: '1990-03-12' });
  });

  it('a deletion of a record edited meanwhile: stored deleted, the edit is a conflict', async () => {
    const member = await seedMember();
    const edit = edited(member, { dateOfBirth: '1990-03-21' }, tablet2);
    const deletion = edited(member, { _deleted: true }, tablet3);
    await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: edit }],
      'tablet-2',
    );
    const answer = await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: deletion }],
      'tablet-3',
    );

    expect(answer.status).toBe(200);
    const after = await stored('p1');
    expect(after?._deleted).toBe(true);
    expect(after).toMatchObject({ updatedBy: 'volunteer-3', deviceId: 'tablet-3' });
    // The device that deleted learns the server's version (deleted, holding what the other device wrote).
    expect(answer.body).toEqual([after]);

    const conflicts = await pullAll(server.url, 'conflicts');
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({
      recordCollection: 'people',
      recordId: 'p1',
      field: '_deleted',
      status: 'open',
      baseJson: contentJson(member),
      kept: { valueJson: 'true', userId: 'volunteer-3', deviceId: 'tablet-3', at: tablet3.at },
      rejected: { valueJson: contentJson(edit), userId: 'volunteer-2', deviceId: 'tablet-2', at: tablet2.at },
    });
  });

  it('a retried push raises no second conflict', async () => {
    const member = await seedMember();
    const deletion = edited(member, { _deleted: true }, tablet2);
    const edit = edited(member, { dateOfBirth: '1990-03-21' }, tablet3);
    await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: deletion }],
      'tablet-2',
    );
    const rows = [{ assumedMasterState: member, newDocumentState: edit }];
    const first = await pushRows(server.url, 'people', rows, 'tablet-3');
    const retry = await pushRows(server.url, 'people', rows, 'tablet-3');
    expect(retry.body).toEqual(first.body);
    expect(await pullAll(server.url, 'conflicts')).toHaveLength(1);
    expect((await stored('p1'))?._deleted).toBe(true);
  });

  it('a deletion whose other side changed no content is a plain deletion, in both orders', async () => {
    const member = await seedMember();
    // Another device wrote the record again without changing what it says (only who and when).
    const touch = edited(member, {}, tablet2);
    await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: touch }],
      'tablet-2',
    );
    const deletion = edited(member, { _deleted: true }, tablet3);
    await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: deletion }],
      'tablet-3',
    );
    expect((await stored('p1'))?._deleted).toBe(true);

    const other = personDoc('p2', 'h1', { givenName: 'Esi' });
    await pushRows(server.url, 'people', [{ assumedMasterState: null, newDocumentState: other }]);
    const gone = edited(other, { _deleted: true }, tablet2);
    await pushRows(server.url, 'people', [{ assumedMasterState: other, newDocumentState: gone }], 'tablet-2');
    const stale = edited(other, {}, tablet3);
    const answer = await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: other, newDocumentState: stale }],
      'tablet-3',
    );
    expect(answer.body).toEqual([gone]);
    expect(await stored('p2')).toEqual(gone);

    expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  });

  it('both devices deleting is one deletion, no conflict', async () => {
    const member = await seedMember();
    await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: edited(member, { _deleted: true }, tablet2) }],
      'tablet-2',
    );
    await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: edited(member, { _deleted: true }, tablet3) }],
      'tablet-3',
    );
    expect((await stored('p1'))?._deleted).toBe(true);
    expect(await pullAll(server.url, 'conflicts')).toEqual([]);
  });

  it('restoring with the edit on top of the deleted version is an ordinary write', async () => {
    const member = await seedMember();
    const deletion = edited(member, { _deleted: true }, tablet2);
    await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: member, newDocumentState: deletion }],
      'tablet-2',
    );
    await pushRows(
      server.url,
      'people',
      [
        {
          assumedMasterState: member,
          newDocumentState: edited(member, { dateOfBirth: '1990-03-21' }, tablet3),
        },
      ],
      'tablet-3',
    );
    const restored = edited(
      deletion,
      { _deleted: false, dateOfBirth: '1990-03-21' },
      { userId: 'coordinator-1', deviceId: 'office-1', at: '2025-03-01T12:00:00.000Z' },
    );
    const answer = await pushRows(
      server.url,
      'people',
      [{ assumedMasterState: deletion, newDocumentState: restored }],
      'office-1',
    );
    expect(answer.body).toEqual([]);
    expect(await stored('p1')).toEqual(restored);
    expect(await pullAll(server.url, 'conflicts')).toHaveLength(1);
  });
});

describe('a household deleted on one device while another edits it', () => {
  it('is a conflict too (every collection goes through the same rule)', async () => {
    const household = householdDoc('h9');
    await pushRows(server.url, 'households', [{ assumedMasterState: null, newDocumentState: household }]);
    await pushRows(
      server.url,
      'households',
      [{ assumedMasterState: household, newDocumentState: edited(household, { _deleted: true }, tablet2) }],
      'tablet-2',
    );
    await pushRows(
      server.url,
      'households',
      [
        {
          assumedMasterState: household,
          newDocumentState: edited(household, { contactPhone: '+1 555 0101' }, tablet3),
        },
      ],
      'tablet-3',
    );
    const current = (await pullAll(server.url, 'households')).find((doc) => doc.id === 'h9');
    expect(current?._deleted).toBe(true);
    expect(current?.contactPhone).toBeUndefined();
    const conflicts = await pullAll(server.url, 'conflicts');
    expect(conflicts.map((conflict) => [conflict.recordId, conflict.field])).toEqual([['h9', '_deleted']]);
  });
});

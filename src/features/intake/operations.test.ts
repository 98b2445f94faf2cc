import { afterEach, describe, expect, it } from 'vitest';
import { emptyNeeds } from '../../domain/household';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { pendingIndexOf, type WaystationDatabase } from '../../db/database';
import { createTestDatabase } from '../../../tests/fixtures/testDatabase';
import { getIndexedChangesDexieStorage } from '../../db/changedSinceStorage';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import {
  deleteHousehold,
  loadHouseholdDraft,
  saveHousehold,
  StaleEditError,
  ValidationError,
  type Actor,
} from './operations';
import { browseHouseholds, searchHouseholds } from './queries';

const actor: Actor = { userId: 'volunteer-1', deviceId: 'tablet-1', siteId: 'site-1' };

function draft(overrides: Partial<HouseholdDraftInput> = {}): HouseholdDraftInput {
  return {
    familyName: 'Núñez López',
    contactPhone: '+1 555 0100',
    arrivalDate: '2026-11-01',
    arrivalMode: 'bus',
    needs: { ...emptyNeeds(), food: true },
    destination: { city: 'Denver' },
    sponsor: {},
    consent: { dataSharing: true, photo: false },
    notes: 'arrived tired',
    members: [
      {
        givenName: 'José',
        familyName: 'Núñez',
        sex: 'male',
        relationship: 'head',
        languages: ['es'],
        interpreterNeeded: false,
        identifiers: [{ type: 'a_number', value: 'A123456789' }],
        medicalFlags: [],
      },
      {
        givenName: 'Ana',
        familyName: 'Núñez',
        estimatedAge: 7,
        sex: 'female',
        relationship: 'child',
        languages: ['es'],
        interpreterNeeded: false,
        identifiers: [],
        medicalFlags: [],
      },
    ],
    ...overrides,
  };
}

let db: WaystationDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function revisions(database: WaystationDatabase) {
  const all = await Promise.all(
    (['households', 'people', 'sensitive'] as const).map((c) => database[c].find().exec()),
  );
  return new Map(all.flat().map((doc) => [doc.id + ':' + doc.collection.name, doc.revision]));
}

describe('saveHousehold', () => {
  it('writes the household, one person per member and their sensitive details, all pending', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());

    const household = await db.households.findOne(householdId).exec();
    expect(household?.toJSON()).toMatchObject({
      status: 'active',
      nameKey: 'nunez lopez',
      siteId: 'site-1',
      updatedBy: 'volunteer-1',
      deviceId: 'tablet-1',
    });
    const people = await db.people.find({ selector: { householdId } }).exec();
    expect(people.map((p) => p.nameKey).sort()).toEqual(['ana nunez', 'jose nunez']);
    const sensitive = await db.sensitive.find({ selector: { householdId } }).exec();
    // household notes + José's A-number; Ana has nothing sensitive, so no record.
    expect(sensitive).toHaveLength(2);
    expect(pendingIndexOf(db).size).toBe(5);
    expect(pendingIndexOf(db).has('households', householdId)).toBe(true);
  });

  it('rejects an invalid draft and writes nothing', async () => {
    db = await createTestDatabase();
    const error = await saveHousehold(db, actor, draft({ familyName: '', members: [] })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path.join('.'))).toEqual(
      expect.arrayContaining(['familyName', 'members']),
    );
    expect(await db.households.count().exec()).toBe(0);
    expect(pendingIndexOf(db).size).toBe(0);
  });

  it('round-trips through loadHouseholdDraft and rewrites only what changed', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    const loaded = await loadHouseholdDraft(db, householdId);
    expect(loaded?.members.map((m) => m.givenName)).toEqual(['José', 'Ana']);
    expect(loaded?.members[0]?.identifiers).toEqual([{ type: 'a_number', value: 'A123456789' }]);
    expect(loaded?.notes).toBe('arrived tired');

    const before = await revisions(db);
    await saveHousehold(db, actor, loaded!, { base: loaded! });
    expect(await revisions(db)).toEqual(before); // nothing changed, nothing written

    const ana = loaded!.members[1]!;
    await saveHousehold(
      db,
      actor,
      { ...loaded!, contactPhone: '+1 555 0199', members: [{ ...ana, interpreterNeeded: true }] },
      { base: loaded! },
    );
    const after = await revisions(db);
    const changed = [...after]
      .filter(([key, rev]) => before.get(key) !== rev)
      .map(([key]) => key.split(':')[1]);
    expect(changed.sort()).toEqual(['households', 'people']); // the phone; Ana's interpreter
    const removed = [...before.keys()].filter((key) => !after.has(key)).map((key) => key.split(':')[1]);
    expect(removed.sort()).toEqual(['people', 'sensitive']); // José and his A-number record
    const reloaded = await loadHouseholdDraft(db, householdId);
    expect(reloaded?.members.map((m) => m.givenName)).toEqual(['Ana']);
    expect(reloaded?.contactPhone).toBe('+1 555 0199');
  });

  it('an edit applies only what the person changed: fields and members synced in meanwhile are kept', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    const formBase = (await loadHouseholdDraft(db, householdId))!;

    // While the form is open, a sync brings another device's edits: a new destination city and a new member.
    const elsewhere = (await loadHouseholdDraft(db, householdId))!;
    await saveHousehold(
      db,
      { ...actor, deviceId: 'tablet-2' },
      {
        ...elsewhere,
        destination: { city: 'Chicago' },
        members: [...elsewhere.members, { ...elsewhere.members[1]!, id: undefined, givenName: 'Lucía' }],
      },
      { base: elsewhere },
    );

    // The person changes only the phone and saves the form they opened earlier.
    await saveHousehold(db, actor, { ...formBase, contactPhone: '+1 555 0177' }, { base: formBase });

    const now = (await loadHouseholdDraft(db, householdId))!;
    expect(now.contactPhone).toBe('+1 555 0177');
    expect(now.destination).toEqual({ city: 'Chicago' });
    expect(now.members.map((m) => m.givenName).sort()).toEqual(['Ana', 'José', 'Lucía']);
  });

  it('refuses, writing nothing, when a field the person changed was also changed meanwhile', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    const formBase = (await loadHouseholdDraft(db, householdId))!;
    const elsewhere = (await loadHouseholdDraft(db, householdId))!;
    await saveHousehold(db, actor, { ...elsewhere, contactPhone: '+1 555 0111' }, { base: elsewhere });
    const before = await revisions(db);

    const attempt = saveHousehold(
      db,
      actor,
      { ...formBase, contactPhone: '+1 555 0222', notes: 'new note' },
      { base: formBase },
    );
    await expect(attempt).rejects.toBeInstanceOf(StaleEditError);
    await attempt.catch((error: StaleEditError) =>
      expect(error.clashes).toMatchObject([
        { collection: 'households', recordId: householdId, path: 'contactPhone', mine: '+1 555 0222', theirs: '+1 555 0111' },
      ]),
    );
    expect(await revisions(db)).toEqual(before);

    // Saving again against the current state (the person has now seen it) goes through.
    const seen = (await loadHouseholdDraft(db, householdId))!;
    await saveHousehold(
      db,
      actor,
      { ...formBase, contactPhone: '+1 555 0222', notes: 'new note' },
      { base: seen },
    );
    expect((await loadHouseholdDraft(db, householdId))?.contactPhone).toBe('+1 555 0222');
  });

  it('refuses to edit an existing household without the draft the form was loaded from', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    const loaded = (await loadHouseholdDraft(db, householdId))!;
    const before = await revisions(db);
    await expect(saveHousehold(db, actor, { ...loaded, contactPhone: '+1 555 0100' })).rejects.toThrow(/loaded from/);
    expect(await revisions(db)).toEqual(before);
  });

  it('saves the person\'s choice for a field changed meanwhile, and asks again if it changed once more', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    const formBase = (await loadHouseholdDraft(db, householdId))!;
    const elsewhere = (await loadHouseholdDraft(db, householdId))!;
    await saveHousehold(db, actor, { ...elsewhere, contactPhone: '+1 555 0111' }, { base: elsewhere });
    const mine = { ...formBase, contactPhone: '+1 555 0222' };
    const choice = { collection: 'households' as const, recordId: householdId, path: 'contactPhone', theirs: '+1 555 0111' };

    const again = (await loadHouseholdDraft(db, householdId))!;
    await saveHousehold(db, actor, { ...again, contactPhone: '+1 555 0333' }, { base: again });
    // The choice was made against 0111; the phone is now 0333, so the person is asked again.
    await expect(saveHousehold(db, actor, mine, { base: formBase, choices: [{ ...choice, keep: 'mine' }] })).rejects.toBeInstanceOf(
      StaleEditError,
    );
    await saveHousehold(db, actor, mine, { base: formBase, choices: [{ ...choice, theirs: '+1 555 0333', keep: 'mine' }] });
    expect((await loadHouseholdDraft(db, householdId))?.contactPhone).toBe('+1 555 0222');
  });

  it('a member removed meanwhile and changed on the form is a clash; the person restores it or lets it go', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    const formBase = (await loadHouseholdDraft(db, householdId))!;
    const [jose, ana] = formBase.members;
    // Elsewhere, Ana is removed from the family.
    const elsewhere = (await loadHouseholdDraft(db, householdId))!;
    await saveHousehold(db, actor, { ...elsewhere, members: [elsewhere.members[0]!] }, { base: elsewhere });
    const before = await revisions(db);

    const edited = { ...formBase, members: [jose!, { ...ana!, dateOfBirth: '2012-03-21', estimatedAge: undefined }] };
    const attempt = saveHousehold(db, actor, edited, { base: formBase });
    await expect(attempt).rejects.toBeInstanceOf(StaleEditError);
    const clash = await attempt.catch((error: StaleEditError) => error.clashes[0]!);
    expect(clash).toMatchObject({ collection: 'people', recordId: ana!.id, path: '_deleted', theirs: true });
    expect(await revisions(db)).toEqual(before);

    // Letting it go writes nothing; keeping mine brings Ana back with the new date of birth.
    const choice = { collection: 'people' as const, recordId: ana!.id!, path: '_deleted', theirs: true };
    await saveHousehold(db, actor, edited, { base: formBase, choices: [{ ...choice, keep: 'theirs' }] });
    expect((await loadHouseholdDraft(db, householdId))?.members.map((m) => m.givenName)).toEqual(['José']);
    await saveHousehold(db, actor, edited, { base: formBase, choices: [{ ...choice, keep: 'mine' }] });
    const restored = (await loadHouseholdDraft(db, householdId))!.members.find((m) => m.id === ana!.id);
    expect(restored).toMatchObject({ givenName: 'Ana', dateOfBirth: '2012-03-21' });
  });

  it('removing a member that was changed meanwhile is a clash, not a silent deletion', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    const formBase = (await loadHouseholdDraft(db, householdId))!;
    const elsewhere = (await loadHouseholdDraft(db, householdId))!;
    const [, anaElsewhere] = elsewhere.members;
    await saveHousehold(
      db,
      actor,
      { ...elsewhere, members: [elsewhere.members[0]!, { ...anaElsewhere!, givenName: 'Anita' }] },
      { base: elsewhere },
    );
    const attempt = saveHousehold(db, actor, { ...formBase, members: [formBase.members[0]!] }, { base: formBase });
    const clash = await attempt.then(
      () => undefined,
      (error: StaleEditError) => error.clashes[0],
    );
    expect(clash).toMatchObject({ collection: 'people', path: '_deleted', mine: true, theirs: { givenName: 'Anita' } });
    expect((await loadHouseholdDraft(db, householdId))?.members.map((m) => m.givenName).sort()).toEqual(['Anita', 'José']);
  });

  it('deleteHousehold soft-deletes the household, members and details', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    await deleteHousehold(db, actor, householdId);
    expect(await loadHouseholdDraft(db, householdId)).toBeUndefined();
    expect(await db.people.count({ selector: { householdId } }).exec()).toBe(0);
    expect(await db.sensitive.count({ selector: { householdId } }).exec()).toBe(0);
  });
});

// On IndexedDB (Dexie, as on a device: the search reads indexes directly) and on RxDB's in-memory storage.
describe.each([
  ['IndexedDB', () => getIndexedChangesDexieStorage()],
  ['in-memory', () => getRxStorageMemory()],
])('searchHouseholds on %s storage', (_name, storage) => {
  it('finds households by household or member name prefix, accent-insensitive', async () => {
    db = await createTestDatabase(storage());
    const { householdId } = await saveHousehold(db, actor, draft());
    await saveHousehold(
      db,
      actor,
      draft({
        familyName: 'Haile',
        members: [{ ...draft().members[0]!, givenName: 'Selam', familyName: 'Haile' }],
      }),
    );

    const byMember = await searchHouseholds(db, 'ana nu');
    expect(byMember.map((h) => h.id)).toEqual([householdId]);
    expect(byMember[0]).toMatchObject({ familyName: 'Núñez López', memberCount: 2, arrivalMode: 'bus' });
    expect((await searchHouseholds(db, 'NUNEZ')).map((h) => h.id)).toEqual([householdId]);
    expect((await searchHouseholds(db, 'haile sel')).map((h) => h.familyName)).toEqual(['Haile']);
    expect(await searchHouseholds(db, 'zzz')).toEqual([]);
    const recent = await searchHouseholds(db, '  ', (c, id) => c === 'households' && id === householdId);
    expect(recent.map((h) => h.familyName)).toEqual(['Haile', 'Núñez López']);
    expect(recent.map((h) => h.pending)).toEqual([false, true]);
  });

  it('counts members and marks a household pending through any member, and leaves out deleted records', async () => {
    db = await createTestDatabase(storage());
    const nunez = (await saveHousehold(db, actor, draft())).householdId;
    const [member] = await db.people.find({ selector: { householdId: nunez, givenName: 'Ana' } }).exec();
    const three = draft({
      familyName: 'Nuñez Haile',
      members: [...draft().members, { ...draft().members[1]!, givenName: 'Abel' }],
    });
    const bigger = (await saveHousehold(db, actor, three)).householdId;
    const gone = (await saveHousehold(db, actor, draft({ familyName: 'Nunes' }))).householdId;
    await deleteHousehold(db, actor, gone);

    const found = await searchHouseholds(db, 'nun');
    expect(found.map((h) => [h.familyName, h.memberCount])).toEqual([
      ['Nuñez Haile', 3],
      ['Núñez López', 2],
    ]);
    // Through a member's name only.
    expect((await searchHouseholds(db, 'abel nu')).map((h) => h.id)).toEqual([bigger]);
    expect(await searchHouseholds(db, 'nunes')).toEqual([]);
    const memberPending = (c: string, id: string) => c === 'people' && id === member!.id;
    const detailsPending = (c: string, id: string) => c === 'sensitive' && id === member!.id;
    for (const isPending of [memberPending, detailsPending]) {
      const marks = await searchHouseholds(db, 'nun', isPending);
      expect(marks.map((h) => [h.id, h.pending])).toEqual([
        [bigger, false],
        [nunez, true],
      ]);
    }
    expect((await searchHouseholds(db, 'nun', () => false, 1)).map((h) => h.id)).toEqual([bigger]);
  });

  it('pages through every family in name order, either way, with the total and member counts', async () => {
    db = await createTestDatabase(storage());
    const names = Array.from({ length: 60 }, (_, i) => `Family ${String(i).padStart(2, '0')}`);
    // Saved out of name order; one deleted, which no page holds or counts.
    for (const familyName of [...names].reverse()) await saveHousehold(db, actor, draft({ familyName }));
    const gone = (await saveHousehold(db, actor, draft({ familyName: 'Family 30b' }))).householdId;
    await deleteHousehold(db, actor, gone);

    const second = await browseHouseholds(db, { offset: 25, limit: 25 });
    expect(second.total).toBe(60);
    expect(second.rows.map((h) => h.familyName)).toEqual(names.slice(25, 50));
    expect(second.rows.every((h) => h.memberCount === 2)).toBe(true);
    const last = await browseHouseholds(db, { offset: 50, limit: 25 });
    expect(last.rows.map((h) => h.familyName)).toEqual(names.slice(50));
    const reversed = await browseHouseholds(db, { offset: 0, limit: 3, descending: true });
    expect(reversed.rows.map((h) => h.familyName)).toEqual(['Family 59', 'Family 58', 'Family 57']);
  });
});

describe('the day an estimated age was given', () => {
  async function ana(database: WaystationDatabase) {
    const people = await database.people.find({ selector: { givenName: 'Ana' } }).exec();
    return people[0]!.toJSON();
  }

  it('is recorded with the estimate, kept through other edits, and renewed with a new estimate', async () => {
    db = await createTestDatabase();
    const { householdId } = await saveHousehold(db, actor, draft());
    const today = new Date().toISOString().slice(0, 10);
    expect(await ana(db)).toMatchObject({ estimatedAge: 7, ageEstimatedOn: today });

    // As if estimated a year ago: another edit of the family keeps that day.
    const [estimated] = await db.people.find({ selector: { givenName: 'Ana' } }).exec();
    await estimated!.incrementalPatch({ ageEstimatedOn: '2025-11-01' });
    const loaded = (await loadHouseholdDraft(db, householdId))!;
    await saveHousehold(db, actor, { ...loaded, familyName: 'Núñez' }, { base: loaded });
    expect(await ana(db)).toMatchObject({ estimatedAge: 7, ageEstimatedOn: '2025-11-01' });

    // A new estimate is today's.
    const again = (await loadHouseholdDraft(db, householdId))!;
    const members = again.members.map((m) => (m.givenName === 'Ana' ? { ...m, estimatedAge: 8 } : m));
    await saveHousehold(db, actor, { ...again, members }, { base: again });
    expect(await ana(db)).toMatchObject({ estimatedAge: 8, ageEstimatedOn: today });

    // A date of birth replaces the estimate and its day.
    const born = (await loadHouseholdDraft(db, householdId))!;
    const withDob = born.members.map((m) =>
      m.givenName === 'Ana' ? { ...m, estimatedAge: undefined, dateOfBirth: '2018-04-02' } : m,
    );
    await saveHousehold(db, actor, { ...born, members: withDob }, { base: born });
    const final = await ana(db);
    expect(final).toMatchObject({ dateOfBirth: '2018-04-02' });
    expect(final).not.toHaveProperty('ageEstimatedOn');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WaystationDatabase } from '../../db/database';
import { createTestDatabase } from '../../../tests/fixtures/testDatabase';
import { emptyNeeds } from '../../domain/household';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { findDuplicateCandidates, saveHousehold, type Actor } from '../intake';
import { saveLeg } from '../travel';
import { addCaseNote } from '../cases';
import { MergeError, mergeHouseholds } from './mergeOperations';

const actor: Actor = { userId: 'coord-1', deviceId: 'laptop-1', siteId: 'site-1' };

type Member = HouseholdDraftInput['members'][number];
function member(givenName: string, familyName: string, extra: Partial<Member> = {}): Member {
  return {
    givenName,
    familyName,
    sex: 'female',
    relationship: 'head',
    languages: ['es'],
    interpreterNeeded: false,
    identifiers: [],
    medicalFlags: [],
    ...extra,
  };
}

function household(familyName: string, members: Member[]): HouseholdDraftInput {
  return {
    familyName,
    arrivalDate: '2026-04-29',
    arrivalMode: 'bus',
    needs: emptyNeeds(),
    destination: {},
    sponsor: {},
    consent: { dataSharing: true, photo: false },
    members,
  };
}

let db: WaystationDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe('duplicate candidates from the indexed name keys', () => {
  it('finds a sound-alike spelling with the same birthday, and an A-number written differently', async () => {
    const { householdId } = await saveHousehold(
      db,
      actor,
      household('Hernández García', [
        member('Yolanda', 'Hernández García', { dateOfBirth: '1988-07-14' }),
        member('Brayan', 'Hernández', {
          relationship: 'child',
          sex: 'male',
          dateOfBirth: '2015-02-01',
          identifiers: [{ type: 'a_number', value: 'A-212-345-678' }],
        }),
      ]),
    );
    await saveHousehold(db, actor, household('López', [member('Yolanda', 'López', { dateOfBirth: '1988-07-14' })]));

    const typed = await findDuplicateCandidates(db, { givenName: 'Llolanda', familyName: 'Ernandes', dateOfBirth: '1988-07-14' });
    expect(typed.map((c) => [c.person.givenName, c.score.level, c.household?.id])).toEqual([['Yolanda', 'likely', householdId]]);

    const byNumber = await findDuplicateCandidates(db, {
      givenName: 'Bryan',
      familyName: 'Hernandez',
      identifiers: [{ type: 'a_number', value: '212345678' }],
    });
    expect(byNumber[0]).toMatchObject({ score: { level: 'definite' }, person: { givenName: 'Brayan' } });

    // The family being edited is not its own duplicate.
    expect(await findDuplicateCandidates(db, { givenName: 'Yolanda', familyName: 'Hernández', dateOfBirth: '1988-07-14' }, householdId)).toEqual([]);
  });

  it('finds another transliteration of an Arabic or Somali name, and a strong name match without a date of birth', async () => {
    const { householdId } = await saveHousehold(
      db,
      actor,
      household('Abdullahi', [
        member('Mohammed', 'Abdullahi', { sex: 'male', dateOfBirth: '1985-03-02', nationality: 'SO', languages: ['so'] }),
        member('Faadumo', 'Cabdi', { relationship: 'spouse', nationality: 'SO', languages: ['so'] }),
      ]),
    );
    const typed = await findDuplicateCandidates(db, { givenName: 'Muhammad', familyName: 'Abdallah', dateOfBirth: '1985-03-02', nationality: 'SO' });
    expect(typed.map((c) => [c.person.givenName, c.score.level, c.household?.id])).toEqual([['Mohammed', 'likely', householdId]]);

    const noDate = await findDuplicateCandidates(db, { givenName: 'Fatuma', familyName: 'Abdi' });
    expect(noDate.map((c) => [c.person.givenName, c.score.level])).toEqual([['Faadumo', 'possible']]);
  });

  it('does not flag a different person who shares the surname and birthday', async () => {
    await saveHousehold(db, actor, household('Pérez', [member('Ana', 'Pérez', { dateOfBirth: '2015-03-07' })]));
    expect(await findDuplicateCandidates(db, { givenName: 'Eva', familyName: 'Pérez', dateOfBirth: '2015-03-07' })).toEqual([]);
  });
});

describe('merging two registrations', () => {
  it('marks the other merged and moves its people, details, legs and notes; nothing is deleted', async () => {
    const survivor = await saveHousehold(db, actor, household('Mendoza', [member('Rosa', 'Mendoza')]));
    const other = await saveHousehold(
      db,
      actor,
      household('Mendosa', [
        member('Luis', 'Mendoza', { relationship: 'child', sex: 'male', identifiers: [{ type: 'a_number', value: '123456789' }] }),
      ]),
    );
    await saveLeg(db, actor, {
      householdId: other.householdId,
      mode: 'bus',
      carrier: '',
      departureAt: '2026-05-01T15:00:00.000Z',
      departurePlace: 'Phoenix',
      arrivalPlace: 'Denver',
      bookingReference: 'X1',
      seats: 1,
    });
    await addCaseNote(db, actor, { householdId: other.householdId, body: 'Registered twice by mistake.' });

    const result = await mergeHouseholds(db, actor, survivor.householdId, other.householdId);
    expect(result.movedRecords).toMatchObject({ people: 1, sensitive: 1, travelLegs: 1, caseNotes: 1 });

    const merged = await db.households.findOne(other.householdId).exec();
    expect(merged?.toJSON()).toMatchObject({ status: 'merged', mergedInto: survivor.householdId });
    const people = await db.people.find({ selector: { householdId: survivor.householdId } }).exec();
    expect(people.map((p) => p.givenName).sort()).toEqual(['Luis', 'Rosa']);
    expect(await db.travelLegs.find({ selector: { householdId: survivor.householdId } }).exec()).toHaveLength(1);
    expect(await db.caseNotes.find({ selector: { householdId: survivor.householdId } }).exec()).toHaveLength(1);
    expect(await db.households.count().exec()).toBe(2);

    await expect(mergeHouseholds(db, actor, survivor.householdId, other.householdId)).rejects.toBeInstanceOf(MergeError);
    await expect(mergeHouseholds(db, actor, survivor.householdId, survivor.householdId)).rejects.toBeInstanceOf(MergeError);
  });
});

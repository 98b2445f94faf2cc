import { afterEach, describe, expect, it } from 'vitest';
import { normalizeName } from '../domain/names';
import type { Person } from '../domain/person';
import type { Sensitive } from '../domain/sensitive';
import { getIndexedChangesDexieStorage } from './changedSinceStorage';
import type { WaystationDatabase } from './database';
import { indexReader, rxdbReader } from './indexReader';
import { createTestDatabase } from '../../tests/fixtures/testDatabase';

const GIVEN = ['Ana', 'Anabel', 'José', 'Josefa', 'Ábel', 'Marie', 'Mariam', 'Omar'];
const FAMILY = ['Núñez', 'Nunes', 'García', 'Garcés', 'Haile', 'Hassan'];

function random(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) % 2 ** 31;
    return a / 2 ** 31;
  };
}

const meta = (id: string) => ({
  id,
  siteId: 'site-1',
  createdAt: '2026-05-01T10:00:00.000Z',
  updatedAt: '2026-05-01T10:00:00.000Z',
  updatedBy: 'volunteer-1',
  deviceId: 'tablet-1',
});

/** 240 people in 40 households with clashing name prefixes; ids out of name order. */
function people(): Person[] {
  const next = random(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  return Array.from({ length: 240 }, (_, i) => {
    const givenName = pick(GIVEN);
    const familyName = pick(FAMILY);
    return {
      ...meta(`p-${String((i * 7919) % 1000).padStart(4, '0')}`),
      householdId: `h-${String(Math.floor(next() * 40)).padStart(2, '0')}`,
      givenName,
      familyName,
      sex: 'female',
      relationship: 'child',
      languages: ['es'],
      interpreterNeeded: false,
      nameKey: normalizeName(`${givenName} ${familyName}`),
      familyKey: normalizeName(`${familyName} ${givenName}`),
    } satisfies Person;
  });
}

let db: WaystationDatabase | undefined;
afterEach(async () => {
  await db?.remove();
  db = undefined;
});

describe('indexReader on IndexedDB', () => {
  it('answers exactly as the RxDB queries it replaces, deleted documents left out', async () => {
    db = await createTestDatabase(getIndexedChangesDexieStorage(), ['people', 'sensitive']);
    const all = people();
    await db.people.bulkInsert(all);
    const deleted = all.filter((_, i) => i % 9 === 0).map((p) => p.id);
    await db.people.bulkRemove(deleted);

    const fast = indexReader(db.people);
    const generic = rxdbReader(db.people);
    expect(fast).not.toBe(generic);

    for (const prefix of ['a', 'an', 'ana', 'ana n', 'abel', 'j', 'mari', 'nu', 'garc', 'ha', 'z', '']) {
      for (const limit of [1, 5, 50, 500]) {
        for (const field of ['nameKey', 'familyKey']) {
          const got = await fast.startingWith(field, prefix, limit);
          expect(got).toEqual(await generic.startingWith(field, prefix, limit));
          expect(got.length).toBeLessThanOrEqual(limit);
          expect(got.every((p) => !deleted.includes(p.id))).toBe(true);
        }
      }
    }
    // The prefix read really finds what it should (not merely the same nothing both ways).
    expect((await fast.startingWith('nameKey', 'ana', 500)).length).toBe(
      all.filter((p) => p.nameKey.startsWith('ana') && !deleted.includes(p.id)).length,
    );

    const households = [...new Set(all.map((p) => p.householdId)), 'h-none'];
    const members = await fast.idsWhere('householdId', households);
    expect(members).toEqual(await generic.idsWhere('householdId', households));
    const alive = all.filter((p) => !deleted.includes(p.id));
    for (const household of households) {
      expect(members.get(household)).toEqual(
        alive
          .filter((p) => p.householdId === household)
          .map((p) => p.id)
          .sort(),
      );
    }

    const ids = [all[0]!.id, all[1]!.id, 'p-none', all[17]!.id, all[18]!.id];
    const byId = await fast.byIds(ids);
    expect(byId).toEqual(await generic.byIds(ids));
    expect([...byId.keys()].sort()).toEqual(
      ids.filter((id) => id !== 'p-none' && !deleted.includes(id)).sort(),
    );
    expect(byId.get(all[1]!.id)).toEqual(all[1]);

    // Every live id, from the keys alone (a deleted one may be among them: byIds tells).
    const everyId = await fast.allIds();
    expect(new Set(everyId)).toEqual(new Set(all.map((p) => p.id)));
    expect(new Set(await generic.allIds())).toEqual(new Set(alive.map((p) => p.id)));

    // Counted and paged in the index: the same pages as RxDB's skip and limit, in both directions.
    expect(await fast.count('nameKey')).toBe(alive.length);
    expect(await generic.count('nameKey')).toBe(alive.length);
    const inOrder = [...alive].sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.id < b.id ? -1 : 1));
    for (const descending of [false, true]) {
      const expected = descending ? [...inOrder].reverse() : inOrder;
      for (const [offset, limit] of [[0, 25], [25, 25], [200, 25], [alive.length - 3, 25], [alive.length, 25]] as const) {
        const got = await fast.page('nameKey', { offset, limit, descending });
        expect(got.map((p) => p.id)).toEqual(expected.slice(offset, offset + limit).map((p) => p.id));
        expect(got).toEqual(await generic.page('nameKey', { offset, limit, descending }));
      }
    }
  });

  it('reads documents of a collection with encrypted fields decrypted, through RxDB', async () => {
    db = await createTestDatabase(getIndexedChangesDexieStorage(), ['people', 'sensitive']);
    const record: Sensitive = {
      ...meta('p-0001'),
      subjectType: 'person',
      householdId: 'h-01',
      identifiers: [{ type: 'a_number', value: 'A123456789' }],
      medicalFlags: [],
      medicalNotes: 'Needs insulin twice a day.',
    };
    await db.sensitive.insert(record);
    const reader = indexReader(db.sensitive);
    expect((await reader.byIds(['p-0001'])).get('p-0001')).toEqual(record);
    expect(await reader.idsWhere('householdId', ['h-01'])).toEqual(new Map([['h-01', ['p-0001']]]));
  });
});

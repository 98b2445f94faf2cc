import { describe, expect, it } from 'vitest';
import { differenceInYears, parseISO } from 'date-fns';
import { ageEstimateDate, ageInYears, isChild, migratePersonToV1, personSchema, sortMembers, type Person } from './person';

/** A person as a version-0 device stored it: an estimated age, no day of the estimate. */
const V0_PERSON = {
  id: 'p1',
  siteId: 'site-1',
  createdAt: '2025-03-01T22:30:00.000Z',
  updatedAt: '2025-03-02T08:00:00.000Z',
  updatedBy: 'volunteer-1',
  deviceId: 'tablet-1',
  householdId: 'h1',
  givenName: 'Aline',
  familyName: 'Uwase',
  estimatedAge: 7,
  sex: 'female',
  relationship: 'child',
  languages: ['rw'],
  interpreterNeeded: true,
  nameKey: 'aline uwase',
  familyKey: 'uwase aline',
} as const;

describe('migratePersonToV1', () => {
  it('dates an estimated age to the day the record was created, as version 0 read it', () => {
    const migrated = migratePersonToV1({ ...V0_PERSON });
    expect(migrated).toEqual({ ...V0_PERSON, ageEstimatedOn: '2025-03-01' });
    expect(personSchema.safeParse(migrated).success).toBe(true);
  });

  it('gives the ages version 0 gave (to the day: the estimate now has a date, not an instant)', () => {
    const migrated = personSchema.parse(migratePersonToV1({ ...V0_PERSON }));
    const v0Age = (day: string) =>
      V0_PERSON.estimatedAge + Math.max(0, differenceInYears(parseISO(day), parseISO(V0_PERSON.createdAt)));
    for (const day of ['2025-03-01', '2025-12-31', '2026-03-05', '2030-07-15']) {
      expect(ageInYears(migrated, day)).toBe(v0Age(day));
    }
  });

  it('changes nothing in a document already in the new shape (so it can run on every read)', () => {
    const current = { ...V0_PERSON, ageEstimatedOn: '2026-01-10' };
    expect(migratePersonToV1(current)).toBe(current);
    const once = migratePersonToV1({ ...V0_PERSON });
    expect(migratePersonToV1(once)).toEqual(once);
  });

  it('leaves a person without an estimate alone', () => {
    const { estimatedAge: _, ...withDateOfBirth } = { ...V0_PERSON, dateOfBirth: '2018-04-02' };
    expect(migratePersonToV1(withDateOfBirth)).toBe(withDateOfBirth);
  });

  it('keeps fields it does not know (RxDB stores its own beside the record)', () => {
    const stored = { ...V0_PERSON, _rev: '1-abc', _meta: { lwt: 1 }, _deleted: false };
    expect(migratePersonToV1(stored)).toMatchObject({ _rev: '1-abc', _meta: { lwt: 1 }, _deleted: false });
  });

  it('leaves malformed input for validation to refuse', () => {
    const noCreatedAt = { estimatedAge: 7 };
    expect(migratePersonToV1(noCreatedAt)).toBe(noCreatedAt);
    const badCreatedAt = { estimatedAge: 7, createdAt: 'yesterday' };
    expect(migratePersonToV1(badCreatedAt)).toBe(badCreatedAt);
  });
});

describe('estimated ages', () => {
  const person = { ...V0_PERSON, createdAt: '2024-05-01T10:00:00.000Z', ageEstimatedOn: '2025-05-01' };

  it('refer to the day of the estimate, not to the registration', () => {
    expect(ageEstimateDate(person)).toBe('2025-05-01');
    expect(ageInYears(person, '2025-05-01')).toBe(7);
    expect(ageInYears(person, '2026-05-01')).toBe(8);
    // Registered a year before the estimate: a child of six then.
    expect(ageInYears(person, '2024-05-01')).toBe(6);
  });

  it('never count back below zero', () => {
    expect(ageInYears({ ...person, estimatedAge: 0 }, '2023-01-01')).toBe(0);
  });

  it('make someone estimated at 18 a child on an arrival over a year before', () => {
    const teen = { ...person, estimatedAge: 18 };
    expect(isChild(teen, '2025-05-01')).toBe(false);
    expect(isChild(teen, '2024-04-01')).toBe(true);
  });
});

describe('sortMembers', () => {
  type Facts = Pick<Person, 'relationship' | 'nameKey' | 'createdAt' | 'dateOfBirth' | 'estimatedAge' | 'ageEstimatedOn'>;
  let registered = 0;
  const m = (nameKey: string, relationship: Person['relationship'], age: Partial<Facts> = {}): Facts => ({
    nameKey,
    relationship,
    createdAt: `2026-05-01T10:00:${String(registered++).padStart(2, '0')}.000Z`,
    ...age,
  });

  it('lists the head, the partner, the children oldest first, then the others', () => {
    // Registered in the order a volunteer typed them: a child first, the head last.
    const family = [
      m('amina', 'child', { dateOfBirth: '2019-06-01' }),
      m('grandma', 'grandparent', { estimatedAge: 70, ageEstimatedOn: '2026-05-01' }),
      m('baby', 'child', { estimatedAge: 0, ageEstimatedOn: '2026-05-01' }),
      m('unknown age', 'child'),
      m('omar', 'child', { estimatedAge: 12, ageEstimatedOn: '2026-05-01' }),
      m('cousin', 'other_relative', { dateOfBirth: '2001-01-01' }),
      m('fatuma', 'spouse', { dateOfBirth: '1990-01-01' }),
      m('yusuf', 'head', { dateOfBirth: '1985-01-01' }),
    ];
    expect(sortMembers(family).map((p) => p.nameKey)).toEqual([
      'yusuf',
      'fatuma',
      'omar',
      'amina',
      'baby',
      'unknown age',
      'grandma',
      'cousin',
    ]);
    expect(family[0]?.nameKey).toBe('amina'); // the input is not reordered
  });

  it('keeps the registration order between people it cannot tell apart', () => {
    const twins = [m('b twin', 'child', { dateOfBirth: '2020-02-02' }), m('a twin', 'child', { dateOfBirth: '2020-02-02' })];
    expect(sortMembers(twins).map((p) => p.nameKey)).toEqual(['b twin', 'a twin']);
  });
});

import { describe, expect, it } from 'vitest';
import { groupRows, validateGroup, type ImportRow } from './importRows';

const row = (n: number, values: ImportRow['values']): ImportRow => ({
  row: n,
  values: {
    familyName: 'Hakizimana',
    sex: 'female',
    arrivalDate: '2026-03-01',
    arrivalMode: 'walk-in',
    ...values,
  },
});

describe('import rows', () => {
  it('makes one family of the rows sharing a household reference, the first row its head', () => {
    const groups = groupRows([
      row(1, { givenName: 'Aline', householdRef: 'F-1' }),
      row(2, { givenName: 'Bella' }),
      row(3, { givenName: 'Claude', householdRef: 'F-1', sex: 'male', dateOfBirth: '2015-04-02' }),
    ]);
    expect(groups.map((group) => group.rows.map((r) => r.row))).toEqual([[1, 3], [2]]);
    const family = validateGroup(groups[0]!);
    expect(family.ok && family.draft.members.map((m) => [m.givenName, m.relationship])).toEqual([
      ['Aline', 'head'],
      ['Claude', 'other_relative'],
    ]);
    expect(family.ok && family.draft.arrivalMode).toBe('walk_in');
  });

  it('refuses a whole family when one of its rows breaks an intake rule, naming the field on that row', () => {
    const [family] = groupRows([
      row(4, { givenName: 'Aline', householdRef: 'F-2' }),
      row(5, { givenName: 'Bella', householdRef: 'F-2', dateOfBirth: '2019-02-30' }),
    ]);
    const checked = validateGroup(family!);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.refused.find((r) => r.row === 5)?.reasons.join()).toMatch(/^dateOfBirth:/);
    expect(checked.refused.find((r) => r.row === 4)?.reasons).toEqual([
      'household: another row of this family was refused',
    ]);
  });
});

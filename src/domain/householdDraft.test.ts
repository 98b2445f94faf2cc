import { describe, expect, it } from 'vitest';
import { emptyNeeds } from './household';
import { householdDraftSchema, type HouseholdDraftInput } from './householdDraft';
import { NOTES_MAX_LENGTH } from './sensitive';

function draft(patch: Partial<HouseholdDraftInput> = {}, member: Record<string, unknown> = {}): HouseholdDraftInput {
  return {
    familyName: 'Mutua',
    contactPhone: '',
    arrivalDate: '2026-03-01',
    arrivalMode: 'bus',
    needs: emptyNeeds(),
    destination: {},
    sponsor: {},
    consent: { dataSharing: true, photo: false },
    notes: '',
    protectionNotes: '',
    members: [
      {
        givenName: 'Amani',
        familyName: 'Mutua',
        dateOfBirth: '',
        sex: 'female',
        relationship: 'head',
        nationality: '',
        languages: ['sw'],
        interpreterNeeded: false,
        identifiers: [],
        medicalFlags: [],
        medicalNotes: '',
        ...member,
      } as HouseholdDraftInput['members'][number],
    ],
    ...patch,
  };
}

describe('the intake draft, derived from the records', () => {
  it('reads empty inputs as not given and trims free text', () => {
    const parsed = householdDraftSchema.parse(draft({ notes: '  arrived tired  ' }));
    expect(parsed.contactPhone).toBeUndefined();
    expect(parsed.notes).toBe('arrived tired');
    expect(parsed.members[0]?.dateOfBirth).toBeUndefined();
    expect(parsed.members[0]?.nationality).toBeUndefined();
    expect(parsed.members[0]?.medicalNotes).toBeUndefined();
  });

  it('refuses what the records refuse', () => {
    const issues = (input: HouseholdDraftInput) =>
      householdDraftSchema.safeParse(input).error?.issues.map((issue) => [issue.path.join('.'), issue.message]) ?? [];
    expect(issues(draft({ familyName: '  ' }))[0]?.[0]).toBe('familyName');
    expect(issues(draft({}, { nationality: 'Kenya' }))[0]?.[0]).toBe('members.0.nationality');
    expect(issues(draft({}, { dateOfBirth: '2020-02-30' }))[0]?.[0]).toBe('members.0.dateOfBirth');
    expect(issues(draft({ notes: 'x'.repeat(NOTES_MAX_LENGTH + 1) }))[0]?.[0]).toBe('notes');
    expect(issues(draft({}, { dateOfBirth: '2020-01-01', estimatedAge: 5 }))).toEqual([['members.0.estimatedAge', 'dob_or_age']]);
    expect(issues(draft({ members: [] }))).toEqual([['members', 'at_least_one_member']]);
  });
});

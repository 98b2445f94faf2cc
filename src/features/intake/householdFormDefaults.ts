/** Starting values for the intake form: a new household, a new member, a new identifier row. */
import type { DefaultValues } from 'react-hook-form';
import { emptyNeeds } from '../../domain/household';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import type { IdentifierType } from '../../domain/sensitive';
import { todayIsoDate } from '../../app/format';

export type MemberDraftInput = HouseholdDraftInput['members'][number];
export type IdentifierInput = MemberDraftInput['identifiers'][number];

/**
 * A new member row. Sex and relationship start unset on purpose: a volunteer
 * must choose them, not inherit a guess. The form's selects show a "Choose"
 * placeholder and validation asks for a choice.
 */
export function newMemberDraft(
  familyName = '',
  relationship?: MemberDraftInput['relationship'],
): MemberDraftInput {
  const member: Partial<MemberDraftInput> = {
    givenName: '',
    familyName,
    dateOfBirth: '',
    languages: [],
    interpreterNeeded: false,
    identifiers: [],
    medicalFlags: [],
  };
  if (relationship) member.relationship = relationship;
  // The unset selects are completed by the volunteer; the schema rejects the draft until they are.
  return member as MemberDraftInput;
}

export function newIdentifier(type: IdentifierType = 'a_number'): IdentifierInput {
  return { type, value: '' };
}

export function newHouseholdDefaults(now: Date = new Date()): DefaultValues<HouseholdDraftInput> {
  return {
    familyName: '',
    contactPhone: '',
    arrivalDate: todayIsoDate(now),
    needs: emptyNeeds(),
    destination: {},
    sponsor: {},
    consent: { dataSharing: false, photo: false },
    notes: '',
    protectionNotes: '',
    members: [newMemberDraft('', 'head')],
  };
}

/**
 * How an intake form's draft becomes edits of the separate synced records
 * (households, people, sensitive), without storage: saveHousehold runs it on
 * the device, and the multi-device property test runs the very same rules.
 * Only the fields the form shows are edited; members the form never showed
 * are left alone; members it showed and the person removed are deleted.
 */
import type { CollectionName } from '../../domain/collections';
import { newId } from '../../domain/common';
import { ageEstimateDate, compareMembers, type Person } from '../../domain/person';
import type { Household } from '../../domain/household';
import type { Sensitive } from '../../domain/sensitive';
import type { HouseholdDraft, HouseholdDraftInput, MemberDraft } from '../../domain/householdDraft';
import { contentFields, type RecordEdit } from '../../domain/recordEdit';
import type { RecordContent } from '../../db/recordWrites';

type Fields<K extends CollectionName> = Partial<RecordContent<K>>;

/** JSON has no `undefined`: drop such keys so a cleared field is absent, as after a sync. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** The household fields the form shows. */
function householdFields(draft: HouseholdDraft): Fields<'households'> {
  return defined({
    familyName: draft.familyName,
    contactPhone: draft.contactPhone,
    arrivalDate: draft.arrivalDate,
    arrivalMode: draft.arrivalMode,
    needs: draft.needs,
    destination: defined(draft.destination),
    sponsor: defined(draft.sponsor),
    consent: draft.consent,
  });
}

/**
 * The day `member`'s estimated age refers to: kept while the estimate is the
 * stored one, today (UTC, like the migration's creation day) when it is new.
 */
function ageEstimatedOnOf(member: MemberDraft, stored: Person | undefined, now: Date): string | undefined {
  if (member.estimatedAge === undefined) return undefined;
  if (stored && stored.estimatedAge === member.estimatedAge) return ageEstimateDate(stored);
  return now.toISOString().slice(0, 10);
}

/** The person fields the form shows. */
function personFields(member: MemberDraft, stored: Person | undefined, now: Date): Fields<'people'> {
  return defined({
    givenName: member.givenName,
    familyName: member.familyName,
    dateOfBirth: member.dateOfBirth,
    estimatedAge: member.estimatedAge,
    ageEstimatedOn: ageEstimatedOnOf(member, stored, now),
    sex: member.sex,
    relationship: member.relationship,
    nationality: member.nationality,
    languages: member.languages,
    interpreterNeeded: member.interpreterNeeded,
  });
}

function householdSensitiveFields(draft: HouseholdDraft): Fields<'sensitive'> {
  return defined({ notes: draft.notes, protectionNotes: draft.protectionNotes });
}

function memberSensitiveFields(member: MemberDraft): Fields<'sensitive'> {
  return defined({
    identifiers: member.identifiers,
    medicalFlags: member.medicalFlags,
    medicalNotes: member.medicalNotes,
  });
}

/** A new sensitive record holds nothing worth protecting or syncing. */
function isEmptySensitive(fields: Fields<'sensitive'>): boolean {
  return (
    (fields.identifiers ?? []).length === 0 &&
    (fields.medicalFlags ?? []).length === 0 &&
    !fields.medicalNotes &&
    !fields.protectionNotes &&
    !fields.notes
  );
}

/**
 * The edit of one sensitive record: an update when it is on the device (from
 * what the form read), else a new record unless it would be empty.
 */
function sensitiveEdit(
  id: string,
  exists: boolean,
  subject: Pick<RecordContent<'sensitive'>, 'subjectType' | 'householdId'>,
  base: Fields<'sensitive'> | undefined,
  next: Fields<'sensitive'>,
): RecordEdit[] {
  if (exists) return [{ kind: 'update', collection: 'sensitive', id, base: base ?? {}, next }];
  if (isEmptySensitive(next)) return [];
  return [
    {
      kind: 'create',
      collection: 'sensitive',
      id,
      content: { identifiers: [], medicalFlags: [], ...subject, ...next },
    },
  ];
}

/**
 * The edits for saving `draft` of an existing household, made from `base`
 * (the draft as the form loaded it), given the members stored now and which
 * records have sensitive details stored.
 */
export function householdEdits(
  base: HouseholdDraft,
  draft: HouseholdDraft,
  people: readonly Person[],
  hasDetails: ReadonlySet<string>,
  now: Date,
): RecordEdit[] {
  const householdId = draft.id ?? '';
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const baseMembers = new Map(base.members.flatMap((m) => (m.id ? [[m.id, m] as const] : [])));
  const edits: RecordEdit[] = [
    {
      kind: 'update',
      collection: 'households',
      id: householdId,
      base: householdFields(base),
      next: householdFields(draft),
    },
    ...sensitiveEdit(
      householdId,
      hasDetails.has(householdId),
      { subjectType: 'household', householdId },
      householdSensitiveFields(base),
      householdSensitiveFields(draft),
    ),
  ];
  const kept = new Set<string>();
  for (const member of draft.members) {
    // An id the form did not load is treated as new, so a draft cannot move someone else's record.
    const baseMember = member.id ? baseMembers.get(member.id) : undefined;
    if (!baseMember || !member.id) {
      edits.push(...newMemberEdits(householdId, member, now));
      continue;
    }
    kept.add(member.id);
    const stored = peopleById.get(member.id);
    edits.push(
      {
        kind: 'update',
        collection: 'people',
        id: member.id,
        base: personFields(baseMember, stored, now),
        next: personFields(member, stored, now),
      },
      ...sensitiveEdit(
        member.id,
        hasDetails.has(member.id),
        { subjectType: 'person', householdId },
        memberSensitiveFields(baseMember),
        memberSensitiveFields(member),
      ),
    );
  }
  for (const [id, baseMember] of baseMembers) {
    // Only members the form showed can be removed by it.
    if (kept.has(id)) continue;
    edits.push({
      kind: 'delete',
      collection: 'people',
      id,
      base: personFields(baseMember, peopleById.get(id), now),
    });
    if (hasDetails.has(id)) {
      edits.push({ kind: 'delete', collection: 'sensitive', id, base: memberSensitiveFields(baseMember) });
    }
  }
  return edits;
}

/** A household's deletion: the household, its members and every sensitive record, as stored now. */
export function householdDeletion(
  records: readonly { collection: 'households' | 'people' | 'sensitive'; record: object }[],
): RecordEdit[] {
  return records.map(({ collection, record }) => ({
    kind: 'delete' as const,
    collection,
    id: (record as { id: string }).id,
    base: contentFields(record as Record<string, unknown>),
  }));
}

function newMemberEdits(householdId: string, member: MemberDraft, now: Date): RecordEdit[] {
  const personId = newId();
  return [
    {
      kind: 'create',
      collection: 'people',
      id: personId,
      content: {
        householdId,
        ...personFields(member, undefined, now),
        nameKey: '',
        familyKey: '',
      } as RecordContent<'people'>,
    },
    ...sensitiveEdit(
      personId,
      false,
      { subjectType: 'person', householdId },
      undefined,
      memberSensitiveFields(member),
    ),
  ];
}

export function newHouseholdEdits(householdId: string, draft: HouseholdDraft, now: Date): RecordEdit[] {
  return [
    {
      kind: 'create',
      collection: 'households',
      id: householdId,
      content: { ...householdFields(draft), status: 'active', nameKey: '' } as RecordContent<'households'>,
    },
    ...sensitiveEdit(
      householdId,
      false,
      { subjectType: 'household', householdId },
      undefined,
      householdSensitiveFields(draft),
    ),
    ...draft.members.flatMap((member) => newMemberEdits(householdId, member, now)),
  ];
}

/** The form lists a family's members as its page does: head, partner, children oldest first, others. */
const memberOrder: (a: Person, b: Person) => number = compareMembers;

/** The draft the form edits, from the household's records as stored. */
export function draftFromRecords(
  household: Household,
  people: readonly Person[],
  sensitive: readonly Sensitive[],
): HouseholdDraftInput {
  const id = household.id;
  const details = new Map(sensitive.map((s) => [s.id, s]));
  const own = details.get(id);
  return defined({
    id,
    familyName: household.familyName,
    contactPhone: household.contactPhone,
    arrivalDate: household.arrivalDate,
    arrivalMode: household.arrivalMode,
    needs: household.needs,
    destination: household.destination,
    sponsor: household.sponsor,
    consent: household.consent,
    notes: own?.notes,
    protectionNotes: own?.protectionNotes,
    members: [...people].sort(memberOrder).map((person) => {
      const personal = details.get(person.id);
      return defined({
        id: person.id,
        givenName: person.givenName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth,
        estimatedAge: person.estimatedAge,
        sex: person.sex,
        relationship: person.relationship,
        nationality: person.nationality,
        languages: person.languages,
        interpreterNeeded: person.interpreterNeeded,
        identifiers: personal?.identifiers ?? [],
        medicalFlags: personal?.medicalFlags ?? [],
        medicalNotes: personal?.medicalNotes,
      });
    }),
  });
}

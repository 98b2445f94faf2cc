/**
 * Intake's writes: the only way components change households, members and
 * their sensitive details. A household draft (what the form edits) fans out
 * into separate synced records; only records whose content changed are
 * written, so an edit syncs — and can clash — only where it really changed.
 *
 * Every write is recorded in the outbox *before* it is made (see db/outbox.ts).
 */
import type { z } from 'zod';
import type { MangoQuery } from 'rxdb';
import type { CollectionName } from '../../domain/collections';
import { newId } from '../../domain/common';
import { RELATIONSHIPS, ageEstimateDate, type Person } from '../../domain/person';
import {
  householdDraftSchema,
  type HouseholdDraft,
  type HouseholdDraftInput,
  type MemberDraft,
} from '../../domain/householdDraft';
import { syncedCollection, type WaystationDatabase } from '../../db/database';
import type { DocumentTypes } from '../../db/types';
import { contentOf, type RecordContent, type WriteActor } from '../../db/recordWrites';
import { applyEdits, type ClashChoice, type RecordEdit } from '../../db/recordEdits';

export { StaleEditError, type ClashChoice, type EditClash } from '../../db/recordEdits';
export type { WriteActor as Actor } from '../../db/recordWrites';

/** The draft failed validation; nothing was written. `issues` carry paths for the form. */
export class ValidationError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(
      `Invalid household: ${issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
    this.name = 'ValidationError';
  }
}

export class NotFoundError extends Error {
  constructor(collection: string, id: string) {
    super(`No ${collection} record ${id}`);
    this.name = 'NotFoundError';
  }
}

type Doc<K extends CollectionName> = DocumentTypes[K];
type Fields<K extends CollectionName> = Partial<RecordContent<K>>;

/** JSON has no `undefined`: drop such keys so a cleared field is absent, as after a sync. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

async function findById<K extends CollectionName>(db: WaystationDatabase, collection: K, id: string) {
  const doc = await syncedCollection(db, collection).findOne(id).exec();
  return doc ? (doc.toJSON() as Doc<K>) : undefined;
}

async function findByHousehold<K extends 'people' | 'sensitive'>(
  db: WaystationDatabase,
  collection: K,
  householdId: string,
) {
  // Every collection queried here has an indexed `householdId`; TypeScript cannot see it through K.
  const query = { selector: { householdId } } as MangoQuery<Doc<K>>;
  const docs = await syncedCollection(db, collection).find(query).exec();
  return docs.map((doc) => doc.toJSON() as Doc<K>);
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

export interface SaveOptions {
  /**
   * The draft as the form loaded it (loadHouseholdDraft); required to edit an
   * existing household. Only what the person changed from it is written, onto
   * the records as they are now; members the form never showed stay.
   */
  base?: HouseholdDraftInput;
  /** The person's choices for fields changed meanwhile (from a StaleEditError). */
  choices?: readonly ClashChoice[];
}

/**
 * Validates and saves a household draft through the one write path
 * (db/recordEdits.ts). New household and members get new ids; members the
 * person removed from the form are soft-deleted with their details.
 * @throws ValidationError when the draft is invalid (nothing is written)
 * @throws StaleEditError when a changed field was also changed meanwhile (nothing is written)
 */
export async function saveHousehold(
  db: WaystationDatabase,
  actor: WriteActor,
  input: HouseholdDraftInput,
  options: SaveOptions = {},
): Promise<{ householdId: string }> {
  const parsed = householdDraftSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues);
  const draft = parsed.data;
  const now = new Date();
  if (!draft.id) {
    const householdId = newId();
    await applyEdits(db, actor, newHouseholdEdits(householdId, draft, now), { now });
    return { householdId };
  }
  const baseParsed = options.base ? householdDraftSchema.safeParse(options.base) : undefined;
  if (!baseParsed?.success || baseParsed.data.id !== draft.id) {
    // Without what the form showed, a save cannot tell the person's changes from other people's.
    throw new Error('Editing a household needs the draft the form was loaded from');
  }
  const base = baseParsed.data;
  const householdId = draft.id;
  const [people, sensitive] = await Promise.all([
    findByHousehold(db, 'people', householdId),
    findByHousehold(db, 'sensitive', householdId),
  ]);
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const hasDetails = new Set(sensitive.map((s) => s.id));
  const baseMembers = new Map(base.members.flatMap((m) => (m.id ? [[m.id, m] as const] : [])));

  const edits: RecordEdit[] = [
    { kind: 'update', collection: 'households', id: householdId, base: householdFields(base), next: householdFields(draft) },
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
    edits.push({ kind: 'delete', collection: 'people', id, base: personFields(baseMember, peopleById.get(id), now) });
    if (hasDetails.has(id)) {
      edits.push({ kind: 'delete', collection: 'sensitive', id, base: memberSensitiveFields(baseMember) });
    }
  }
  await applyEdits(db, actor, edits, { now, ...(options.choices ? { choices: options.choices } : {}) });
  return { householdId };
}

function newMemberEdits(householdId: string, member: MemberDraft, now: Date): RecordEdit[] {
  const personId = newId();
  return [
    {
      kind: 'create',
      collection: 'people',
      id: personId,
      content: { householdId, ...personFields(member, undefined, now), nameKey: '', familyKey: '' } as RecordContent<'people'>,
    },
    ...sensitiveEdit(personId, false, { subjectType: 'person', householdId }, undefined, memberSensitiveFields(member)),
  ];
}

function newHouseholdEdits(householdId: string, draft: HouseholdDraft, now: Date): RecordEdit[] {
  return [
    {
      kind: 'create',
      collection: 'households',
      id: householdId,
      content: { ...householdFields(draft), status: 'active', nameKey: '' } as RecordContent<'households'>,
    },
    ...sensitiveEdit(householdId, false, { subjectType: 'household', householdId }, undefined, householdSensitiveFields(draft)),
    ...draft.members.flatMap((member) => newMemberEdits(householdId, member, now)),
  ];
}

const RELATIONSHIP_ORDER = new Map<string, number>(RELATIONSHIPS.map((r, i) => [r, i]));

function memberOrder(a: Person, b: Person): number {
  return (
    a.createdAt.localeCompare(b.createdAt) ||
    (RELATIONSHIP_ORDER.get(a.relationship) ?? 99) - (RELATIONSHIP_ORDER.get(b.relationship) ?? 99) ||
    a.nameKey.localeCompare(b.nameKey)
  );
}

/** The draft the form edits for an existing household, or undefined if there is none. */
export async function loadHouseholdDraft(
  db: WaystationDatabase,
  id: string,
): Promise<HouseholdDraftInput | undefined> {
  const [household, people, sensitive] = await Promise.all([
    findById(db, 'households', id),
    findByHousehold(db, 'people', id),
    findByHousehold(db, 'sensitive', id),
  ]);
  if (!household) return undefined;
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

/** Soft-deletes a household with its members and all their sensitive records, as they are on the device now. */
export async function deleteHousehold(db: WaystationDatabase, actor: WriteActor, id: string): Promise<void> {
  const [household, people, sensitive] = await Promise.all([
    findById(db, 'households', id),
    findByHousehold(db, 'people', id),
    findByHousehold(db, 'sensitive', id),
  ]);
  if (!household) throw new NotFoundError('households', id);
  const removal = (collection: 'households' | 'people' | 'sensitive', record: { id: string }): RecordEdit =>
    ({ kind: 'delete', collection, id: record.id, base: contentOf(record as never) }) as RecordEdit;
  await applyEdits(db, actor, [
    removal('households', household),
    ...people.map((p) => removal('people', p)),
    ...sensitive.map((s) => removal('sensitive', s)),
  ]);
}

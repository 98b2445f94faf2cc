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
import { COLLECTIONS, type CollectionName } from '../../domain/collections';
import { WRITE_META_KEYS, newId } from '../../domain/common';
import { deepEqual, threeWayMerge, type FieldClash } from '../../domain/merge';
import { ageEstimateDate, compareMembers, type Person } from '../../domain/person';
import type { Household } from '../../domain/household';
import type { Sensitive } from '../../domain/sensitive';
import {
  householdDraftSchema,
  type HouseholdDraft,
  type HouseholdDraftInput,
  type MemberDraft,
} from '../../domain/householdDraft';
import { syncedCollection, type WaystationDatabase } from '../../db/database';
import type { DocumentTypes } from '../../db/types';
import { writeRecordSets, type RecordSet } from '../../db/recordWrites';

export interface Actor {
  userId: string;
  deviceId: string;
  siteId: string;
}

/** The draft failed validation; nothing was written. `issues` carry paths for the form. */
export class ValidationError extends Error {
  constructor(readonly issues: z.core.$ZodIssue[]) {
    super(
      `Invalid household: ${issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`,
    );
    this.name = 'ValidationError';
  }
}

/** A field the user changed was also changed by a sync while the form was open. */
export interface StaleField {
  /** 'household', or the member's person id. */
  record: string;
  path: string;
  /** The value now stored (what the user has not seen). */
  current: unknown;
}

/**
 * The save would overwrite changes that arrived from another device while the
 * form was open. Nothing was written; the form should show the fields and let
 * the person save again knowingly (with the current state as the new base).
 */
export class StaleEditError extends Error {
  constructor(readonly fields: StaleField[]) {
    super(`Changed on another device while editing: ${fields.map((f) => f.path).join(', ')}`);
    this.name = 'StaleEditError';
  }
}

export class NotFoundError extends Error {
  constructor(collection: string, id: string) {
    super(`No ${collection} record ${id}`);
    this.name = 'NotFoundError';
  }
}

type Doc<K extends CollectionName> = DocumentTypes[K];
type Content<K extends CollectionName> = Omit<
  Doc<K>,
  'id' | 'siteId' | 'createdAt' | (typeof WRITE_META_KEYS)[number]
>;

/** JSON has no `undefined`: drop such keys so a cleared field is absent, as after a sync. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A write's timestamp, strictly after the record's previous one: the outbox
 * tells versions apart by `updatedAt`, so two saves within one millisecond
 * (or a device clock behind the last writer's) must still differ.
 */
function nextUpdatedAt(previous: string | undefined, now: Date): string {
  const previousMs = previous ? Date.parse(previous) : Number.NaN;
  const ms = Number.isNaN(previousMs) ? now.getTime() : Math.max(now.getTime(), previousMs + 1);
  return new Date(ms).toISOString();
}

/** Collects the writes of one operation per collection, then commits them outbox-first. */
class WriteSet {
  private readonly docs = new Map<CollectionName, Record<string, unknown>[]>();

  constructor(
    private readonly actor: Actor,
    private readonly now: Date,
  ) {}

  /** Queues `content` for record `id` unless it equals what is stored. Returns true if queued. */
  put<K extends CollectionName>(
    collection: K,
    id: string,
    content: Content<K>,
    existing: Doc<K> | undefined,
  ): boolean {
    const derive = (
      COLLECTIONS[collection] as { derive?: (doc: Record<string, unknown>) => Record<string, unknown> }
    ).derive;
    const next = withoutUndefined(derive ? derive({ ...content }) : { ...content });
    if (existing && deepEqual(next, contentOf(existing))) return false;
    this.queue(collection, {
      ...next,
      id,
      siteId: existing?.siteId ?? this.actor.siteId,
      createdAt: existing?.createdAt ?? this.now.toISOString(),
      ...this.writeMeta(existing),
    });
    return true;
  }

  /** Queues a soft delete (RxDB's `_deleted`, replicated like any change). */
  remove<K extends CollectionName>(collection: K, existing: Doc<K>): void {
    this.queue(collection, { ...existing, ...this.writeMeta(existing), _deleted: true });
  }

  private writeMeta(existing: { updatedAt: string } | undefined) {
    return {
      updatedAt: nextUpdatedAt(existing?.updatedAt, this.now),
      updatedBy: this.actor.userId,
      deviceId: this.actor.deviceId,
    };
  }

  private queue(collection: CollectionName, doc: Record<string, unknown>) {
    const list = this.docs.get(collection) ?? [];
    list.push(doc);
    this.docs.set(collection, list);
  }

  /** All or nothing: a save that fails part-way is undone (db/recordWrites.ts). */
  async commit(db: WaystationDatabase): Promise<void> {
    await writeRecordSets(
      db,
      // The docs were built from each collection's own content type (put/remove), which the map key cannot carry.
      [...this.docs].map(([collection, docs]) => ({ collection, docs }) as unknown as RecordSet),
    );
  }
}

function contentOf(doc: object): Record<string, unknown> {
  const skip = new Set<string>(['id', 'siteId', 'createdAt', '_deleted', ...WRITE_META_KEYS]);
  return Object.fromEntries(Object.entries(doc).filter(([key]) => !skip.has(key)));
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

function householdContent(draft: HouseholdDraft, existing: Household | undefined): Content<'households'> {
  return {
    familyName: draft.familyName,
    contactPhone: draft.contactPhone,
    arrivalDate: draft.arrivalDate,
    arrivalMode: draft.arrivalMode,
    needs: draft.needs,
    destination: withoutUndefined(draft.destination),
    sponsor: withoutUndefined(draft.sponsor),
    consent: draft.consent,
    status: existing?.status ?? 'active',
    mergedInto: existing?.mergedInto,
    nameKey: '', // derived
  };
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

function personContent(
  householdId: string,
  member: MemberDraft,
  stored: Person | undefined,
  now: Date,
): Content<'people'> {
  return {
    householdId,
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
    nameKey: '', // derived
    familyKey: '', // derived
  };
}

const DERIVED_FIELDS = new Set(['nameKey', 'familyKey']);

function normalized<K extends CollectionName>(collection: K, content: Content<K>): Content<K> {
  const derive = (
    COLLECTIONS[collection] as { derive?: (doc: Record<string, unknown>) => Record<string, unknown> }
  ).derive;
  return withoutUndefined(derive ? derive({ ...content }) : { ...content }) as Content<K>;
}

/**
 * What to store for one record: the user's changes (draft vs. the base the
 * form was loaded from) applied onto what is stored now, so a field synced
 * in from another device meanwhile is kept unless the user changed it too —
 * that case is reported, not overwritten.
 */
function rebase<K extends CollectionName>(
  collection: K,
  record: string,
  draft: Content<K>,
  base: Content<K> | undefined,
  existing: Doc<K> | undefined,
  stale: StaleField[],
): Content<K> {
  if (!base || !existing) return draft;
  const { merged, clashes } = threeWayMerge(
    normalized(collection, base) as Record<string, unknown>,
    contentOf(existing),
    normalized(collection, draft) as Record<string, unknown>,
  );
  stale.push(
    ...clashes
      .filter((clash: FieldClash) => !DERIVED_FIELDS.has(clash.path))
      .map((clash) => ({ record, path: clash.path, current: clash.kept })),
  );
  return merged as Content<K>;
}

function householdSensitiveContent(householdId: string, draft: HouseholdDraft): Content<'sensitive'> {
  return {
    subjectType: 'household',
    householdId,
    identifiers: [],
    medicalFlags: [],
    notes: draft.notes,
    protectionNotes: draft.protectionNotes,
  };
}

function memberSensitiveContent(householdId: string, member: MemberDraft): Content<'sensitive'> {
  return {
    subjectType: 'person',
    householdId,
    identifiers: member.identifiers,
    medicalFlags: member.medicalFlags,
    medicalNotes: member.medicalNotes,
  };
}

function isEmptySensitive(content: Content<'sensitive'>): boolean {
  return (
    content.identifiers.length === 0 &&
    content.medicalFlags.length === 0 &&
    !content.medicalNotes &&
    !content.protectionNotes &&
    !content.notes
  );
}

/** Queues a sensitive record unless it would be new and empty (nothing to protect, nothing to sync). */
function putSensitive(
  writes: WriteSet,
  id: string,
  content: Content<'sensitive'>,
  existing: Sensitive | undefined,
) {
  if (!existing && isEmptySensitive(content)) return;
  writes.put('sensitive', id, content, existing);
}

export interface SaveOptions {
  /**
   * The draft as loaded when editing began (loadHouseholdDraft). With it, only
   * what the person changed is written, onto the current records; without it
   * (a new household) the draft is written as it is.
   */
  base?: HouseholdDraftInput;
}

/**
 * Validates and saves a household draft. New household and members get new
 * ids; members the person removed from the draft are soft-deleted with their
 * details; members added meanwhile on another device are left alone.
 * @throws ValidationError when the draft is invalid (nothing is written)
 * @throws StaleEditError when a changed field was also changed by a sync meanwhile (nothing is written)
 */
export async function saveHousehold(
  db: WaystationDatabase,
  actor: Actor,
  input: HouseholdDraftInput,
  options: SaveOptions = {},
): Promise<{ householdId: string }> {
  const parsed = householdDraftSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues);
  const draft = parsed.data;
  const baseParsed = options.base ? householdDraftSchema.safeParse(options.base) : undefined;
  const base = baseParsed?.success && baseParsed.data.id === draft.id ? baseParsed.data : undefined;
  const baseMembers = new Map((base?.members ?? []).flatMap((m) => (m.id ? [[m.id, m] as const] : [])));
  const stale: StaleField[] = [];

  const householdId = draft.id ?? newId();
  const [household, people, sensitive] = await Promise.all([
    draft.id ? findById(db, 'households', householdId) : undefined,
    draft.id ? findByHousehold(db, 'people', householdId) : [],
    draft.id ? findByHousehold(db, 'sensitive', householdId) : [],
  ]);
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const sensitiveById = new Map(sensitive.map((s) => [s.id, s]));
  const now = new Date();
  const writes = new WriteSet(actor, now);

  writes.put(
    'households',
    householdId,
    rebase(
      'households',
      'household',
      householdContent(draft, household),
      base && householdContent(base, household),
      household,
      stale,
    ),
    household,
  );
  const ownDetails = sensitiveById.get(householdId);
  putSensitive(
    writes,
    householdId,
    rebase(
      'sensitive',
      'household',
      householdSensitiveContent(householdId, draft),
      base && householdSensitiveContent(householdId, base),
      ownDetails,
      stale,
    ),
    ownDetails,
  );

  const kept = new Set<string>();
  for (const member of draft.members) {
    // An id the household does not own is treated as new, so a draft cannot move someone else's record.
    const personId = member.id && peopleById.has(member.id) ? member.id : newId();
    kept.add(personId);
    const baseMember = baseMembers.get(personId);
    const existingPerson = peopleById.get(personId);
    writes.put(
      'people',
      personId,
      rebase(
        'people',
        personId,
        personContent(householdId, member, existingPerson, now),
        baseMember && personContent(householdId, baseMember, existingPerson, now),
        existingPerson,
        stale,
      ),
      existingPerson,
    );
    const details = sensitiveById.get(personId);
    putSensitive(
      writes,
      personId,
      rebase(
        'sensitive',
        personId,
        memberSensitiveContent(householdId, member),
        baseMember && memberSensitiveContent(householdId, baseMember),
        details,
        stale,
      ),
      details,
    );
  }
  if (stale.length > 0) throw new StaleEditError(stale);
  for (const person of people) {
    // Without a base every member not in the draft was removed by the person; with one, only those they saw.
    if (kept.has(person.id) || (base && !baseMembers.has(person.id))) continue;
    writes.remove('people', person);
    const details = sensitiveById.get(person.id);
    if (details) writes.remove('sensitive', details);
  }

  await writes.commit(db);
  return { householdId };
}

/** The form lists a family's members as its page does: head, partner, children oldest first, others. */
const memberOrder: (a: Person, b: Person) => number = compareMembers;

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
  return withoutUndefined({
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
      return withoutUndefined({
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

/** Soft-deletes a household with its members and all their sensitive records. */
export async function deleteHousehold(db: WaystationDatabase, actor: Actor, id: string): Promise<void> {
  const [household, people, sensitive] = await Promise.all([
    findById(db, 'households', id),
    findByHousehold(db, 'people', id),
    findByHousehold(db, 'sensitive', id),
  ]);
  if (!household) throw new NotFoundError('households', id);
  const writes = new WriteSet(actor, new Date());
  writes.remove('households', household);
  for (const person of people) writes.remove('people', person);
  for (const details of sensitive) writes.remove('sensitive', details);
  await writes.commit(db);
}

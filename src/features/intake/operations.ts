/**
 * Intake's writes: the only way components change households, members and
 * their sensitive details. A household draft (what the form edits) fans out
 * into separate synced records (householdEdits.ts); the one write path
 * (db/recordEdits.ts) stores only what the person changed, outbox first.
 */
import type { z } from 'zod';
import type { MangoQuery } from 'rxdb';
import type { CollectionName } from '../../domain/collections';
import { newId } from '../../domain/common';
import { householdDraftSchema, type HouseholdDraftInput } from '../../domain/householdDraft';
import { syncedCollection, type WaystationDatabase } from '../../db/database';
import type { DocumentTypes } from '../../db/types';
import type { WriteActor } from '../../db/recordWrites';
import { applyEdits, type ClashChoice } from '../../db/recordEdits';
import { draftFromRecords, householdDeletion, householdEdits, newHouseholdEdits } from './householdEdits';

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
  const [people, sensitive] = await Promise.all([
    findByHousehold(db, 'people', draft.id),
    findByHousehold(db, 'sensitive', draft.id),
  ]);
  const edits = householdEdits(baseParsed.data, draft, people, new Set(sensitive.map((s) => s.id)), now);
  await applyEdits(db, actor, edits, { now, ...(options.choices ? { choices: options.choices } : {}) });
  return { householdId: draft.id };
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
  return household ? draftFromRecords(household, people, sensitive) : undefined;
}

/** Soft-deletes a household with its members and all their sensitive records, as they are on the device now. */
export async function deleteHousehold(db: WaystationDatabase, actor: WriteActor, id: string): Promise<void> {
  const [household, people, sensitive] = await Promise.all([
    findById(db, 'households', id),
    findByHousehold(db, 'people', id),
    findByHousehold(db, 'sensitive', id),
  ]);
  if (!household) throw new NotFoundError('households', id);
  await applyEdits(
    db,
    actor,
    householdDeletion([
      { collection: 'households', record: household },
      ...people.map((record) => ({ collection: 'people' as const, record })),
      ...sensitive.map((record) => ({ collection: 'sensitive' as const, record })),
    ]),
  );
}

/**
 * A coordinator's merge of two registrations of one family. Nothing is
 * deleted: the merged-away household is marked `merged` with `mergedInto`,
 * and its members, their details, travel legs, milestones and case notes
 * move to the surviving household.
 */
import type { CollectionName } from '../../domain/collections';
import type { WaystationDatabase } from '../../db/database';
import type { DocumentTypes } from '../../db/types';
import { contentOf, findRecord, RecordNotFoundError, type WriteActor } from '../../db/recordWrites';
import { applyEdits, changeFrom, type RecordEdit } from '../../db/recordEdits';

export class MergeError extends Error {
  constructor(readonly reason: 'same_household' | 'already_merged') {
    super(`Cannot merge: ${reason}`);
    this.name = 'MergeError';
  }
}

type Owned = 'people' | 'sensitive' | 'travelLegs' | 'milestones' | 'caseNotes';
const OWNED: readonly Owned[] = ['people', 'sensitive', 'travelLegs', 'milestones', 'caseNotes'];

async function ownedBy<K extends Owned>(db: WaystationDatabase, collection: K, householdId: string): Promise<DocumentTypes[K][]> {
  // Every owned collection has an indexed `householdId`.
  const docs = await db[collection].find({ selector: { householdId } }).exec();
  return docs.map((doc) => doc.toJSON() as DocumentTypes[K]);
}

function moved<K extends Owned>(collection: K, doc: DocumentTypes[K], survivorId: string): RecordEdit {
  return changeFrom(collection, doc, { ...contentOf<K>(doc), householdId: survivorId });
}

export interface MergeResult {
  movedRecords: Partial<Record<CollectionName, number>>;
}

/**
 * Merges household `mergedAwayId` into `survivorId`.
 * @throws MergeError when both are one household, or either was already merged
 */
export async function mergeHouseholds(
  db: WaystationDatabase,
  actor: WriteActor,
  survivorId: string,
  mergedAwayId: string,
  now = new Date(),
): Promise<MergeResult> {
  if (survivorId === mergedAwayId) throw new MergeError('same_household');
  const [survivor, mergedAway] = await Promise.all([
    findRecord(db, 'households', survivorId),
    findRecord(db, 'households', mergedAwayId),
  ]);
  if (!survivor) throw new RecordNotFoundError('households', survivorId);
  if (!mergedAway) throw new RecordNotFoundError('households', mergedAwayId);
  if (survivor.status === 'merged' || mergedAway.status === 'merged') throw new MergeError('already_merged');

  const [people, sensitive, travelLegs, milestones, caseNotes] = await Promise.all([
    ownedBy(db, 'people', mergedAwayId),
    ownedBy(db, 'sensitive', mergedAwayId),
    ownedBy(db, 'travelLegs', mergedAwayId),
    ownedBy(db, 'milestones', mergedAwayId),
    ownedBy(db, 'caseNotes', mergedAwayId),
  ]);
  const household = changeFrom('households', mergedAway, {
    ...contentOf<'households'>(mergedAway),
    status: 'merged',
    mergedInto: survivorId,
  });
  await applyEdits(
    db,
    actor,
    [
      ...people.map((d) => moved('people', d, survivorId)),
      ...sensitive.map((d) => moved('sensitive', d, survivorId)),
      ...travelLegs.map((d) => moved('travelLegs', d, survivorId)),
      ...milestones.map((d) => moved('milestones', d, survivorId)),
      ...caseNotes.map((d) => moved('caseNotes', d, survivorId)),
      household,
    ],
    { now },
  );
  const counts = { people, sensitive, travelLegs, milestones, caseNotes };
  return { movedRecords: Object.fromEntries(OWNED.map((c) => [c, counts[c].length])) };
}

/**
 * Conflict review's one write. Resolving a conflict is an ordinary synced
 * edit of two records at once: the chosen value goes into the record at the
 * conflict's field (through that record's own collection and schema), and
 * the conflict is marked resolved with who chose what and when. Both
 * replicate, so the conflict closes on every coordinator's device and the
 * record carries the chosen value everywhere.
 */
import { isCollectionName, type CollectionName } from '../../domain/collections';
import { DELETED_FIELD, type Conflict } from '../../domain/conflict';
import {
  decodeConflictValue,
  resolvedConflict,
  restoredContent,
  withValueAtPath,
} from '../../domain/conflictResolution';
import type { JsonObject } from '../../domain/merge';
import { syncedCollection, type WaystationDatabase } from '../../db/database';
import {
  contentOf,
  findRecord,
  InvalidRecordError,
  RecordNotFoundError,
  type RecordContent,
  type WriteActor,
} from '../../db/recordWrites';
import { applyEdits, changeFrom, DELETED_PATH, type ClashChoice, type RecordEdit } from '../../db/recordEdits';
import type { DocumentTypes } from '../../db/types';

export class ConflictAlreadyResolvedError extends Error {
  constructor(readonly conflictId: string) {
    super(`Conflict ${conflictId} is already resolved`);
    this.name = 'ConflictAlreadyResolvedError';
  }
}

export interface ConflictResolution {
  conflict: Conflict;
  /** The record as stored; absent when the chosen value was already the stored one (or the deletion stands). */
  record: DocumentTypes[CollectionName] | undefined;
}

/**
 * Writes `valueJson` (the conflict's encoding: JSON, null for "absent") into
 * the conflicted record and closes the conflict.
 * @throws RecordNotFoundError when the conflict or its record is not on this device
 * @throws ConflictAlreadyResolvedError when someone resolved it already (synced here)
 * @throws InvalidRecordError when the value does not fit the field; nothing is written
 */
export async function resolveConflict(
  db: WaystationDatabase,
  actor: WriteActor,
  conflictId: string,
  valueJson: string,
  now = new Date(),
): Promise<ConflictResolution> {
  const conflict = await findRecord(db, 'conflicts', conflictId);
  if (!conflict) throw new RecordNotFoundError('conflicts', conflictId);
  if (conflict.status === 'resolved') throw new ConflictAlreadyResolvedError(conflictId);
  const collection = conflict.recordCollection;
  if (!isCollectionName(collection) || collection === 'conflicts') {
    throw new InvalidRecordError('conflict', [
      { path: ['recordCollection'], message: `unknown collection ${collection}` },
    ]);
  }
  if (conflict.field === DELETED_FIELD) {
    // Not a value to write into the record: restoreWithEdit or confirmDeletion decide it.
    throw new InvalidRecordError('conflict', [
      { path: ['field'], message: 'a deletion is restored or confirmed' },
    ]);
  }
  let value: unknown;
  try {
    value = decodeConflictValue(valueJson);
  } catch {
    throw new InvalidRecordError('conflict resolution', [{ path: ['valueJson'], message: 'not JSON' }]);
  }
  const existing = await findRecord(db, collection, conflict.recordId);
  if (!existing) throw new RecordNotFoundError(collection, conflict.recordId);

  const content = withValueAtPath(contentOf(existing) as JsonObject, conflict.field, value);
  const closed = resolvedConflict(contentOf<'conflicts'>(conflict) as Conflict, valueJson, actor.userId, now.toISOString());
  return resolveWith(db, actor, now, [changeFrom(collection, existing, content as RecordContent<typeof collection>)], conflict, closed);
}

/** Writes the record's edits and the closed conflict as one save through the one write path. */
async function resolveWith(
  db: WaystationDatabase,
  actor: WriteActor,
  now: Date,
  recordEdits: RecordEdit[],
  conflict: DocumentTypes['conflicts'],
  closed: Conflict,
  choices: readonly ClashChoice[] = [],
): Promise<ConflictResolution> {
  const saved = await applyEdits(
    db,
    actor,
    [...recordEdits, changeFrom('conflicts', conflict, contentOf<'conflicts'>(closed as DocumentTypes['conflicts']))],
    { now, choices },
  );
  const record = saved.find((doc) => doc.id !== conflict.id) as DocumentTypes[CollectionName] | undefined;
  return { conflict: saved.find((doc) => doc.id === conflict.id) as Conflict, record };
}

/** The conflict's record, deleted or not: a delete-versus-edit conflict is about a deleted record, which findRecord skips. */
async function findRecordIncludingDeleted<K extends CollectionName>(
  db: WaystationDatabase,
  collection: K,
  id: string,
): Promise<DocumentTypes[K] | undefined> {
  const [found] = await syncedCollection(db, collection).storageInstance.findDocumentsById([id], true);
  return found ? (found as unknown as DocumentTypes[K]) : undefined;
}

/** An open delete-versus-edit conflict of this device, with its record's collection. */
async function openDeletionConflict(db: WaystationDatabase, conflictId: string) {
  const conflict = await findRecord(db, 'conflicts', conflictId);
  if (!conflict) throw new RecordNotFoundError('conflicts', conflictId);
  if (conflict.status === 'resolved') throw new ConflictAlreadyResolvedError(conflictId);
  const collection = conflict.recordCollection;
  if (conflict.field !== DELETED_FIELD || !isCollectionName(collection) || collection === 'conflicts') {
    throw new InvalidRecordError('conflict', [
      { path: ['field'], message: 'not a delete-versus-edit conflict' },
    ]);
  }
  return { conflict, collection };
}

function closedConflict(conflict: Conflict, actor: WriteActor, now: Date, valueJson: string): Conflict {
  return resolvedConflict(conflict, valueJson, actor.userId, now.toISOString());
}

function decodedContent(json: string | undefined, what: string): JsonObject | undefined {
  if (json === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new InvalidRecordError('conflict', [{ path: [what], message: 'not JSON' }]);
  }
  if (value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidRecordError('conflict', [{ path: [what], message: 'not a record' }]);
  }
  return value as JsonObject;
}

/**
 * "Restore with the edit": the record comes back (`_deleted` false) with the
 * edit's changes applied to the version on this device, as an ordinary
 * synced write, and the conflict closes choosing the edit.
 * @throws RecordNotFoundError when the conflict or its record is not on this device
 * @throws ConflictAlreadyResolvedError when someone resolved it already
 * @throws InvalidRecordError when the restored record would not be valid; nothing is written
 */
export async function restoreWithEdit(
  db: WaystationDatabase,
  actor: WriteActor,
  conflictId: string,
  now = new Date(),
): Promise<ConflictResolution> {
  const { conflict, collection } = await openDeletionConflict(db, conflictId);
  const edited = decodedContent(conflict.rejected.valueJson, 'rejected');
  if (!edited)
    throw new InvalidRecordError('conflict', [{ path: ['rejected'], message: 'no edited content' }]);
  const existing = await findRecordIncludingDeleted(db, collection, conflict.recordId);
  if (!existing) throw new RecordNotFoundError(collection, conflict.recordId);

  const content = restoredContent(
    contentOf(existing) as JsonObject,
    decodedContent(conflict.baseJson, 'baseJson'),
    edited,
  );
  const closed = closedConflict(conflict, actor, now, conflict.rejected.valueJson);
  // The coordinator chose to bring the deleted record back: the write path's own choice for a deletion.
  const restore = { collection, recordId: conflict.recordId, path: DELETED_PATH, keep: 'mine' as const, theirs: true };
  const edit = changeFrom(collection, existing, content as RecordContent<typeof collection>);
  return resolveWith(db, actor, now, [edit], conflict, closed, [restore]);
}

/**
 * "Confirm the deletion": the record stays deleted, the conflict closes
 * choosing the deletion (its kept side).
 * @throws RecordNotFoundError when the conflict is not on this device
 * @throws ConflictAlreadyResolvedError when someone resolved it already
 */
export async function confirmDeletion(
  db: WaystationDatabase,
  actor: WriteActor,
  conflictId: string,
  now = new Date(),
): Promise<Conflict> {
  const { conflict } = await openDeletionConflict(db, conflictId);
  const closed = closedConflict(conflict, actor, now, conflict.kept.valueJson);
  return (await resolveWith(db, actor, now, [], conflict, closed)).conflict;
}

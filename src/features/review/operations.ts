/**
 * Conflict review's one write. Resolving a conflict is an ordinary synced
 * edit of two records at once: the chosen value goes into the record at the
 * conflict's field (through that record's own collection and schema), and
 * the conflict is marked resolved with who chose what and when. Both
 * replicate, so the conflict closes on every coordinator's device and the
 * record carries the chosen value everywhere.
 */
import { COLLECTIONS, isCollectionName, type CollectionName } from '../../domain/collections';
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
  changedRecord,
  contentOf,
  findRecord,
  InvalidRecordError,
  RecordNotFoundError,
  writeRecordSets,
  type RecordContent,
  type WriteActor,
} from '../../db/recordWrites';
import type { DocumentTypes } from '../../db/types';

export class ConflictAlreadyResolvedError extends Error {
  constructor(readonly conflictId: string) {
    super(`Conflict ${conflictId} is already resolved`);
    this.name = 'ConflictAlreadyResolvedError';
  }
}

export interface ConflictResolution {
  conflict: Conflict;
  record: DocumentTypes[CollectionName];
}

type RecordSet = Parameters<typeof writeRecordSets>[1][number];

/** One collection's writes for writeRecordSets, for a collection known only at run time. */
function recordSet<K extends CollectionName>(collection: K, docs: DocumentTypes[K][]): RecordSet {
  return { collection, docs } as unknown as RecordSet;
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
  const record = changedRecord(collection, existing, actor, now, content as RecordContent<typeof collection>);
  const parsed = COLLECTIONS[collection].schema.safeParse(record);
  if (!parsed.success) throw new InvalidRecordError(collection, parsed.error.issues);

  const at = now.toISOString();
  const closed = changedRecord(
    'conflicts',
    conflict,
    actor,
    now,
    resolvedConflict(contentOf<'conflicts'>(conflict) as Conflict, valueJson, actor.userId, at),
  );
  await writeRecordSets(db, [recordSet(collection, [record]), { collection: 'conflicts', docs: [closed] }]);
  return { conflict: closed, record };
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

function closedConflict(conflict: Conflict, actor: WriteActor, now: Date, valueJson: string) {
  return changedRecord(
    'conflicts',
    conflict as DocumentTypes['conflicts'],
    actor,
    now,
    resolvedConflict(
      contentOf<'conflicts'>(conflict as DocumentTypes['conflicts']) as Conflict,
      valueJson,
      actor.userId,
      now.toISOString(),
    ),
  );
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
  // changedRecord leaves `_deleted` out: RxDB stores it as false, over the deleted version.
  const record = changedRecord(collection, existing, actor, now, content as RecordContent<typeof collection>);
  const parsed = COLLECTIONS[collection].schema.safeParse(record);
  if (!parsed.success) throw new InvalidRecordError(collection, parsed.error.issues);

  const closed = closedConflict(conflict, actor, now, conflict.rejected.valueJson);
  await writeRecordSets(db, [recordSet(collection, [record]), { collection: 'conflicts', docs: [closed] }]);
  return { conflict: closed, record };
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
  await writeRecordSets(db, [{ collection: 'conflicts', docs: [closed] }]);
  return closed;
}

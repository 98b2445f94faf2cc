/**
 * Conflict review's one write. Resolving a conflict is an ordinary synced
 * edit of two records at once: the chosen value goes into the record at the
 * conflict's field (through that record's own collection and schema), and
 * the conflict is marked resolved with who chose what and when. Both
 * replicate, so the conflict closes on every coordinator's device and the
 * record carries the chosen value everywhere.
 */
import { COLLECTIONS, isCollectionName, type CollectionName } from '../../domain/collections';
import type { Conflict } from '../../domain/conflict';
import {
  decodeConflictValue,
  resolvedConflict,
  withValueAtPath,
} from '../../domain/conflictResolution';
import type { JsonObject } from '../../domain/merge';
import type { WaystationDatabase } from '../../db/database';
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
    throw new InvalidRecordError('conflict', [{ path: ['recordCollection'], message: `unknown collection ${collection}` }]);
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
  await writeRecordSets(db, [
    recordSet(collection, [record]),
    { collection: 'conflicts', docs: [closed] },
  ]);
  return { conflict: closed, record };
}

/**
 * The one write path's I/O: every screen changes records through
 * `applyEdits`, which reads the records as they are on the device now
 * (deleted ones included), plans the writes with domain/recordEdit.ts (only
 * what the person changed, clashes refused) and stores them outbox-first,
 * all or nothing (recordWrites.ts).
 */
import { COLLECTIONS, type CollectionName } from '../domain/collections';
import { newId } from '../domain/common';
import {
  changeOf,
  formEdit,
  planEdits,
  type ClashChoice,
  type PlannedWrite,
  type RecordEdit,
  type StoredRecord,
} from '../domain/recordEdit';
import { syncedCollection, type WaystationDatabase } from './database';
import {
  InvalidRecordError,
  RecordNotFoundError,
  writeRecordSets,
  type RecordContent,
  type RecordSet,
  type WriteActor,
} from './recordWrites';
import type { DocumentTypes } from './types';

export {
  changeOf,
  DELETED_PATH,
  formEdit,
  StaleEditError,
  type ClashChoice,
  type EditClash,
  type RecordEdit,
} from '../domain/recordEdit';

type Doc<K extends CollectionName> = DocumentTypes[K];

/** A new record's edit; its id is made here unless given. */
export function createEdit<K extends CollectionName>(
  collection: K,
  content: RecordContent<K>,
  id: string = newId(),
): RecordEdit {
  return { kind: 'create', collection, id, content: content as Record<string, unknown> };
}

/** The stored records of `ids`, deleted or not (a deleted record keeps its last content). */
async function readIncludingDeleted(
  db: WaystationDatabase,
  collection: CollectionName,
  ids: readonly string[],
): Promise<Map<string, StoredRecord>> {
  if (ids.length === 0) return new Map();
  const found = await syncedCollection(db, collection).storageInstance.findDocumentsById([...ids], true);
  return new Map(found.map((doc) => [doc.id, doc as unknown as StoredRecord]));
}

function validate(planned: PlannedWrite): void {
  if (planned.doc._deleted) return;
  const parsed = COLLECTIONS[planned.collection].schema.safeParse(planned.doc);
  if (!parsed.success) throw new InvalidRecordError(planned.collection, parsed.error.issues);
}

/**
 * Applies `edits` as one save: all written (outbox first) or none.
 * @returns the records as stored, in the order of `edits` (deleted and unchanged ones left out)
 * @throws StaleEditError when a changed field was changed meanwhile and no choice covers it (nothing written)
 * @throws RecordNotFoundError when an edited record is not on this device
 * @throws InvalidRecordError when a result would not be a valid record (nothing written)
 * @throws StorageFullError when the device has no room (nothing written)
 */
export async function applyEdits(
  db: WaystationDatabase,
  actor: WriteActor,
  edits: readonly RecordEdit[],
  options: { choices?: readonly ClashChoice[]; now?: Date } = {},
): Promise<Record<string, unknown>[]> {
  const idsByCollection = new Map<CollectionName, string[]>();
  for (const edit of edits)
    idsByCollection.set(edit.collection, [...(idsByCollection.get(edit.collection) ?? []), edit.id]);
  const stored = new Map<CollectionName, Map<string, StoredRecord>>();
  for (const [collection, ids] of idsByCollection)
    stored.set(collection, await readIncludingDeleted(db, collection, ids));
  for (const edit of edits) {
    if (edit.kind !== 'create' && !stored.get(edit.collection)?.has(edit.id))
      throw new RecordNotFoundError(edit.collection, edit.id);
  }

  const planned = planEdits((collection, id) => stored.get(collection)?.get(id), edits, actor, {
    now: options.now ?? new Date(),
    ...(options.choices ? { choices: options.choices } : {}),
  });
  planned.forEach(validate);

  const sets = new Map<CollectionName, Record<string, unknown>[]>();
  for (const { collection, doc } of planned) sets.set(collection, [...(sets.get(collection) ?? []), doc]);
  // Each set was built from its own collection's records; the map key cannot carry that type.
  await writeRecordSets(
    db,
    [...sets].map(([collection, docs]) => ({ collection, docs }) as unknown as RecordSet),
  );
  return planned.filter((p) => !p.doc._deleted).map((p) => p.doc);
}

/** What an edit screen passes besides its draft. */
export interface EditOptions<K extends CollectionName> {
  /** The record as the screen read it when the person began; required to change an existing record. */
  base?: Doc<K> | undefined;
  /** The person's choices for fields changed meanwhile (from a StaleEditError). */
  choices?: readonly ClashChoice[];
  now?: Date;
}

/**
 * Saves one record from a form: a new record of `create()` when `id` is
 * absent, else the person's changes to `fields` (from `options.base`) on
 * top of the record as it is now.
 * @returns the record as stored
 */
export async function saveFromForm<K extends CollectionName>(
  db: WaystationDatabase,
  actor: WriteActor,
  collection: K,
  form: { id: string | undefined; fields: readonly string[]; draft: object; create: () => RecordContent<K> },
  options: EditOptions<K> = {},
): Promise<Doc<K>> {
  const now = options.now ?? new Date();
  if (form.id === undefined) {
    const [created] = await applyEdits(db, actor, [createEdit(collection, form.create())], { now });
    return created as Doc<K>;
  }
  if (options.base?.id !== form.id) {
    // Without what the form showed, a save cannot tell the person's changes from other people's.
    throw new Error(`Editing a ${collection} record needs the record as the form loaded it`);
  }
  const [saved] = await applyEdits(
    db,
    actor,
    [formEdit(collection, options.base as unknown as StoredRecord, form.fields, form.draft)],
    {
      now,
      ...(options.choices ? { choices: options.choices } : {}),
    },
  );
  if (saved) return saved as Doc<K>;
  const unchanged = await syncedCollection(db, collection).findOne(form.id).exec();
  if (!unchanged) throw new RecordNotFoundError(collection, form.id);
  return unchanged.toJSON() as Doc<K>;
}

/** A change computed from `current` (a status tap, a call-back entry), typed for its collection. */
export function changeFrom<K extends CollectionName>(
  collection: K,
  current: Doc<K>,
  next: RecordContent<K>,
): RecordEdit {
  return changeOf(collection, current as unknown as StoredRecord, next);
}

/**
 * The one write path. Every screen changes records through `applyEdits`,
 * which writes only what the person changed, on top of the record as it is
 * on the device *now* (a sync or another tab may have changed it since the
 * screen read it), and refuses — writing nothing — when a field the person
 * changed was also changed meanwhile. The screen then shows both values
 * (ChangedElsewherePanel) and saves again with the person's choices.
 *
 * An edit names the fields the screen showed, as it read them (`base`) and
 * as the person left them (`next`); every other field keeps its current
 * value, so a member, leg or note added elsewhere is never removed by a
 * screen that did not show it. The merge is the server's own
 * (domain/merge.ts), applied before anything leaves the device.
 */
import { COLLECTIONS, type CollectionName } from '../domain/collections';
import { newId } from '../domain/common';
import { deepEqual, threeWayMerge, type JsonObject } from '../domain/merge';
import { withValueAtPath } from '../domain/conflictResolution';
import { syncedCollection, type WaystationDatabase } from './database';
import {
  contentOf,
  InvalidRecordError,
  newRecord,
  nextUpdatedAt,
  RecordNotFoundError,
  withoutUndefined,
  writeRecordSets,
  type RecordContent,
  type RecordSet,
  type WriteActor,
} from './recordWrites';
import type { DocumentTypes } from './types';

type Doc<K extends CollectionName> = DocumentTypes[K];
type Fields<K extends CollectionName> = Partial<RecordContent<K>>;

/** The field path a clash names when one side deleted the record and the other changed it. */
export const DELETED_PATH = '_deleted';

export type RecordEdit = {
  [K in CollectionName]:
    | { kind: 'create'; collection: K; id?: string; content: RecordContent<K> }
    | {
        kind: 'update';
        collection: K;
        id: string;
        /** The fields the screen showed, as it read them. */
        base: Fields<K>;
        /** The same fields as the person left them (a field left out was cleared). */
        next: Fields<K>;
      }
    | { kind: 'delete'; collection: K; id: string; base: Fields<K> };
}[CollectionName];

/** A field the person changed that was also changed meanwhile, or a record deleted meanwhile. */
export interface EditClash {
  collection: CollectionName;
  recordId: string;
  /** Dotted path inside the record, or DELETED_PATH. */
  path: string;
  /** What the screen read. */
  base: unknown;
  /** What the person wants (for DELETED_PATH: true when the person deletes, else their changed fields). */
  mine: unknown;
  /** What is stored now (for DELETED_PATH: true when deleted meanwhile, else the changed fields). */
  theirs: unknown;
  /** Who made the other change, and when. */
  theirsBy?: string;
  theirsAt?: string;
}

/** The person's choice for one clash; it holds only while the stored value is still `theirs`. */
export interface ClashChoice {
  collection: CollectionName;
  recordId: string;
  path: string;
  keep: 'mine' | 'theirs';
  theirs: unknown;
}

/**
 * The save would overwrite changes made meanwhile on another device or tab.
 * Nothing was written. Show `clashes` and save again with the person's choices.
 */
export class StaleEditError extends Error {
  constructor(readonly clashes: readonly EditClash[]) {
    super(`Changed elsewhere while editing: ${clashes.map((c) => `${c.collection}.${c.path}`).join(', ')}`);
    this.name = 'StaleEditError';
  }
}

function chosen(choices: readonly ClashChoice[], clash: EditClash): 'mine' | 'theirs' | undefined {
  const choice = choices.find(
    (c) => c.collection === clash.collection && c.recordId === clash.recordId && c.path === clash.path,
  );
  // A choice made against a value that has changed again is no choice about the new value.
  return choice && deepEqual(choice.theirs, clash.theirs) ? choice.keep : undefined;
}

/** The stored record, deleted or not (a deleted record keeps its last content). */
async function readIncludingDeleted<K extends CollectionName>(
  db: WaystationDatabase,
  collection: K,
  ids: readonly string[],
): Promise<Map<string, Doc<K> & { _deleted?: boolean }>> {
  if (ids.length === 0) return new Map();
  const found = await syncedCollection(db, collection).storageInstance.findDocumentsById([...ids], true);
  return new Map(found.map((doc) => [doc.id, doc as unknown as Doc<K> & { _deleted?: boolean }]));
}

function derived(collection: CollectionName, doc: JsonObject): JsonObject {
  const derive = (COLLECTIONS[collection] as { derive?: (d: JsonObject) => JsonObject }).derive;
  return derive ? derive(doc) : doc;
}

/** `current` with the edit's fields laid over it: `fields` names them, `values` gives them (absent = cleared). */
function overlay(current: JsonObject, fields: readonly string[], values: JsonObject): JsonObject {
  const out: JsonObject = { ...current };
  for (const field of fields) {
    if (values[field] === undefined) delete out[field];
    else out[field] = values[field];
  }
  return out;
}

function changedFields(base: JsonObject, next: JsonObject): JsonObject {
  const keys = new Set([...Object.keys(base), ...Object.keys(next)]);
  return Object.fromEntries([...keys].filter((k) => !deepEqual(base[k], next[k])).map((k) => [k, next[k] ?? null]));
}

interface Planned {
  collection: CollectionName;
  doc: Record<string, unknown>;
}

function written(
  collection: CollectionName,
  current: Record<string, unknown>,
  content: JsonObject,
  actor: WriteActor,
  now: Date,
  deleted: boolean,
): Planned {
  return {
    collection,
    doc: {
      ...withoutUndefined(derived(collection, content)),
      id: current.id,
      siteId: current.siteId,
      createdAt: current.createdAt,
      updatedAt: nextUpdatedAt(current.updatedAt as string | undefined, now),
      updatedBy: actor.userId,
      deviceId: actor.deviceId,
      ...(deleted ? { _deleted: true } : {}),
    },
  };
}

function validate(planned: Planned): void {
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
  const now = options.now ?? new Date();
  const choices = options.choices ?? [];
  const idsByCollection = new Map<CollectionName, string[]>();
  for (const edit of edits) {
    if (edit.id === undefined) continue;
    idsByCollection.set(edit.collection, [...(idsByCollection.get(edit.collection) ?? []), edit.id]);
  }
  const stored = new Map<CollectionName, Map<string, Record<string, unknown>>>();
  for (const [collection, ids] of idsByCollection) {
    stored.set(collection, (await readIncludingDeleted(db, collection, ids)) as Map<string, Record<string, unknown>>);
  }

  const planned: Planned[] = [];
  const clashes: EditClash[] = [];
  for (const given of edits) {
    // A record created under a known id that exists by now (made meanwhile elsewhere) is edited from nothing.
    const edit: RecordEdit =
      given.kind === 'create' && given.id !== undefined && stored.get(given.collection)?.has(given.id)
        ? ({ kind: 'update', collection: given.collection, id: given.id, base: {}, next: given.content } as RecordEdit)
        : given;
    if (edit.kind === 'create') {
      planned.push({
        collection: edit.collection,
        doc: newRecord(edit.collection, actor, now, edit.content as never, edit.id ?? newId()) as Record<string, unknown>,
      });
      continue;
    }
    const current = stored.get(edit.collection)?.get(edit.id);
    if (!current) throw new RecordNotFoundError(edit.collection, edit.id);
    const currentContent = contentOf(current as never) as JsonObject;
    const base = edit.base as JsonObject;
    const fields = Object.keys(base);
    const by = { theirsBy: current.updatedBy as string, theirsAt: current.updatedAt as string };
    const clash = (path: string, mine: unknown, theirs: unknown, was: unknown): EditClash => ({
      collection: edit.collection,
      recordId: edit.id,
      path,
      base: was,
      mine,
      theirs,
      ...by,
    });

    if (edit.kind === 'delete') {
      if (current._deleted) continue;
      const changedMeanwhile = changedFields(base, overlay({}, fields, pick(currentContent, fields)));
      if (Object.keys(changedMeanwhile).length > 0) {
        const found = clash(DELETED_PATH, true, changedMeanwhile, base);
        const keep = chosen(choices, found);
        if (keep === undefined) clashes.push(found);
        if (keep !== 'mine') continue;
      }
      planned.push(written(edit.collection, current, currentContent, actor, now, true));
      continue;
    }

    const next = edit.next as JsonObject;
    const editFields = [...new Set([...fields, ...Object.keys(next)])];
    const mineChanges = changedFields(overlay({}, editFields, base), overlay({}, editFields, next));
    if (Object.keys(mineChanges).length === 0) continue;
    if (current._deleted) {
      const found = clash(DELETED_PATH, mineChanges, true, base);
      const keep = chosen(choices, found);
      if (keep === undefined) clashes.push(found);
      if (keep !== 'mine') continue;
      // Restored with the person's edit, on top of its last content.
      planned.push(written(edit.collection, current, overlay(currentContent, editFields, next), actor, now, false));
      continue;
    }
    const merge = threeWayMerge(
      overlay(currentContent, editFields, base),
      currentContent,
      overlay(currentContent, editFields, next),
    );
    let content = merge.merged;
    for (const found of merge.clashes.map((c) => clash(c.path, c.rejected, c.kept, c.base))) {
      const keep = chosen(choices, found);
      if (keep === undefined) clashes.push(found);
      else if (keep === 'mine') content = withValueAtPath(content, found.path, found.mine);
    }
    if (deepEqual(derived(edit.collection, content), currentContent)) continue;
    planned.push(written(edit.collection, current, content, actor, now, false));
  }
  if (clashes.length > 0) throw new StaleEditError(clashes);
  planned.forEach(validate);

  const sets = new Map<CollectionName, Record<string, unknown>[]>();
  for (const { collection, doc } of planned) sets.set(collection, [...(sets.get(collection) ?? []), doc]);
  // Each set was built from its own collection's records; the map key cannot carry that type.
  await writeRecordSets(db, [...sets].map(([collection, docs]) => ({ collection, docs }) as unknown as RecordSet));
  return planned.filter((p) => !p.doc._deleted).map((p) => p.doc);
}

function pick(record: JsonObject, fields: readonly string[]): JsonObject {
  return Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));
}

/** One field of `record` read the way edits name fields: for building `base` from a loaded record. */
export function fieldsOf<K extends CollectionName>(record: Doc<K>, fields: readonly (keyof RecordContent<K>)[]): Fields<K> {
  const content = contentOf(record) as JsonObject;
  return pick(content, fields as readonly string[]) as Fields<K>;
}

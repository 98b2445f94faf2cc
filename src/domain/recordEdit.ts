/**
 * How a screen's edit becomes the records to store, as a pure function (no
 * storage): the one write path's rules (db/recordEdits.ts does the I/O).
 *
 * An edit names the fields the screen showed, as it read them (`base`) and
 * as the person left them (`next`); every other field keeps its current
 * value, so a member, leg or note added elsewhere is never removed by a
 * screen that did not show it. A field the person changed that was also
 * changed meanwhile (by a sync or another tab), or a record deleted on one
 * side and changed on the other, is a clash: nothing is planned until the
 * person has chosen. The merge is the server's own (merge.ts).
 */
import { COLLECTIONS, isDerivedField, type CollectionName } from './collections';
import { WRITE_META_KEYS } from './common';
import { deepEqual, threeWayMerge, type JsonObject } from './merge';
import { withValueAtPath } from './conflictResolution';
import { matchesPath, variantPaths } from './variants';

/** A record's own fields (no metadata), loosely typed: each collection's schema checks them. */
export type Fields = JsonObject;

/** The field path a clash names when one side deleted the record and the other changed it. */
export const DELETED_PATH = '_deleted';

export type RecordEdit =
  | { kind: 'create'; collection: CollectionName; id: string; content: Fields }
  | {
      kind: 'update';
      collection: CollectionName;
      id: string;
      /** The fields the screen showed, as it read them. */
      base: Fields;
      /** The same fields as the person left them (a field left out was cleared). */
      next: Fields;
    }
  | { kind: 'delete'; collection: CollectionName; id: string; base: Fields };

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
  /** What is stored now (for DELETED_PATH: true when deleted meanwhile, else the fields changed meanwhile). */
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

/** Who writes, from which device and site. */
export interface EditActor {
  userId: string;
  deviceId: string;
  siteId: string;
}

/** A stored record as the planner reads it: metadata, content, and whether it is deleted. */
export type StoredRecord = JsonObject & { id: string; _deleted?: boolean };

export interface PlannedWrite {
  collection: CollectionName;
  doc: JsonObject & { id: string; updatedAt: string; _deleted?: boolean };
}

const NOT_CONTENT = new Set<string>([
  'id',
  'siteId',
  'createdAt',
  '_deleted',
  '_rev',
  '_meta',
  '_attachments',
  ...WRITE_META_KEYS,
]);

/** A record's own fields: without metadata and storage internals. */
export function contentFields(record: JsonObject): Fields {
  return Object.fromEntries(
    Object.entries(record).filter(([key, value]) => !NOT_CONTENT.has(key) && value !== undefined),
  );
}

/** `fields` of `record`, leaving out those it lacks. */
export function pickFields(record: JsonObject, fields: readonly string[]): Fields {
  return Object.fromEntries(fields.filter((f) => record[f] !== undefined).map((f) => [f, record[f]]));
}

/**
 * A write's timestamp, strictly after the record's previous one: the outbox
 * tells versions apart by `updatedAt`, so two writes within one millisecond
 * (or a device clock behind the last writer's) must still differ.
 */
export function nextUpdatedAt(previous: string | undefined, now: Date): string {
  const previousMs = previous ? Date.parse(previous) : Number.NaN;
  const ms = Number.isNaN(previousMs) ? now.getTime() : Math.max(now.getTime(), previousMs + 1);
  return new Date(ms).toISOString();
}

const variantCache = new Map<CollectionName, string[]>();

/** Whether `path` of a record of `collection` holds a variant object, merged as one value (as on the server). */
function isVariant(collection: CollectionName, path: string): boolean {
  let paths = variantCache.get(collection);
  if (!paths) {
    paths = variantPaths(COLLECTIONS[collection].schema);
    variantCache.set(collection, paths);
  }
  return matchesPath(paths, path);
}

function derived(collection: CollectionName, doc: JsonObject): JsonObject {
  const derive = (COLLECTIONS[collection] as { derive?: (d: JsonObject) => JsonObject }).derive;
  return derive ? derive(doc) : doc;
}

function withoutUndefined(value: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
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
  return Object.fromEntries(
    [...keys].filter((k) => !deepEqual(base[k], next[k])).map((k) => [k, next[k] ?? null]),
  );
}

function chosen(choices: readonly ClashChoice[], clash: EditClash): 'mine' | 'theirs' | undefined {
  const choice = choices.find(
    (c) => c.collection === clash.collection && c.recordId === clash.recordId && c.path === clash.path,
  );
  // A choice made against a value that has changed again is no choice about the new value.
  return choice && deepEqual(choice.theirs, clash.theirs) ? choice.keep : undefined;
}

function newDoc(
  collection: CollectionName,
  id: string,
  content: Fields,
  actor: EditActor,
  now: Date,
): PlannedWrite {
  const at = now.toISOString();
  return {
    collection,
    doc: {
      ...withoutUndefined(derived(collection, content)),
      id,
      siteId: actor.siteId,
      createdAt: at,
      updatedAt: at,
      updatedBy: actor.userId,
      deviceId: actor.deviceId,
    },
  };
}

function changedDoc(
  collection: CollectionName,
  current: StoredRecord,
  content: Fields,
  actor: EditActor,
  now: Date,
  deleted: boolean,
): PlannedWrite {
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

/** Looks a stored record up by collection and id (deleted records included). */
export type StoredLookup = (collection: CollectionName, id: string) => StoredRecord | undefined;

/**
 * The records to store for `edits`, given the records as stored now.
 * Unchanged records are left out. A record not stored at all is an error.
 * @throws StaleEditError when a clash has no (still valid) choice
 */
export function planEdits(
  stored: StoredLookup,
  edits: readonly RecordEdit[],
  actor: EditActor,
  options: { now: Date; choices?: readonly ClashChoice[] },
): PlannedWrite[] {
  const { now } = options;
  const choices = options.choices ?? [];
  const planned: PlannedWrite[] = [];
  const clashes: EditClash[] = [];
  for (const given of edits) {
    // A record created under a known id that exists by now (made meanwhile elsewhere) is edited from nothing.
    const edit: RecordEdit =
      given.kind === 'create' && stored(given.collection, given.id)
        ? { kind: 'update', collection: given.collection, id: given.id, base: {}, next: given.content }
        : given;
    if (edit.kind === 'create') {
      planned.push(newDoc(edit.collection, edit.id, edit.content, actor, now));
      continue;
    }
    const current = stored(edit.collection, edit.id);
    if (!current) throw new Error(`No ${edit.collection} record ${edit.id} on this device`);
    const currentContent = contentFields(current);
    const base = edit.base;
    const clash = (path: string, mine: unknown, theirs: unknown, was: unknown): EditClash => ({
      collection: edit.collection,
      recordId: edit.id,
      path,
      base: was,
      mine,
      theirs,
      theirsBy: current.updatedBy as string,
      theirsAt: current.updatedAt as string,
    });
    const decide = (found: EditClash): 'mine' | 'theirs' | undefined => {
      const keep = chosen(choices, found);
      if (keep === undefined) clashes.push(found);
      return keep;
    };

    if (edit.kind === 'delete') {
      if (current._deleted) continue;
      const fields = Object.keys(base);
      const changedMeanwhile = changedFields(base, pickFields(currentContent, fields));
      if (
        Object.keys(changedMeanwhile).length > 0 &&
        decide(clash(DELETED_PATH, true, changedMeanwhile, base)) !== 'mine'
      ) {
        continue;
      }
      planned.push(changedDoc(edit.collection, current, currentContent, actor, now, true));
      continue;
    }

    const next = edit.next;
    const editFields = [...new Set([...Object.keys(base), ...Object.keys(next)])];
    const mineChanges = changedFields(overlay({}, editFields, base), overlay({}, editFields, next));
    if (Object.keys(mineChanges).length === 0) continue;
    if (current._deleted) {
      if (decide(clash(DELETED_PATH, mineChanges, true, base)) !== 'mine') continue;
      // Restored with the person's edit, on top of its last content.
      planned.push(
        changedDoc(edit.collection, current, overlay(currentContent, editFields, next), actor, now, false),
      );
      continue;
    }
    const merge = threeWayMerge(
      overlay(currentContent, editFields, base),
      currentContent,
      overlay(currentContent, editFields, next),
      { atomic: (path) => isVariant(edit.collection, path) },
    );
    let content = merge.merged;
    const real = merge.clashes.filter((c) => !isDerivedField(COLLECTIONS[edit.collection], content, c.path));
    for (const found of real.map((c) => clash(c.path, c.rejected, c.kept, c.base))) {
      if (decide(found) === 'mine') content = withValueAtPath(content, found.path, found.mine);
    }
    if (deepEqual(derived(edit.collection, content), currentContent)) continue;
    planned.push(changedDoc(edit.collection, current, content, actor, now, false));
  }
  if (clashes.length > 0) throw new StaleEditError(clashes);
  return planned;
}

/** An edit of `fields` of a record, from `loaded` (as the screen read it) to the values in `draft`. */
export function formEdit(
  collection: CollectionName,
  loaded: StoredRecord,
  fields: readonly string[],
  draft: object,
): RecordEdit {
  return {
    kind: 'update',
    collection,
    id: loaded.id,
    base: pickFields(contentFields(loaded), fields),
    next: pickFields(draft as JsonObject, fields),
  };
}

/** A change computed from the record as it is now (a status tap): written over exactly that version. */
export function changeOf(collection: CollectionName, current: StoredRecord, next: object): RecordEdit {
  return { kind: 'update', collection, id: current.id, base: contentFields(current), next: next as Fields };
}

/**
 * Resolving a conflict (conflict.ts) is an ordinary edit: the chosen value is
 * written into the record at the conflict's field path. These helpers read
 * and write dotted paths and decode the JSON-encoded sides, without knowing
 * anything about storage.
 */
import { deepEqual, isPlainObject, type JsonObject } from './merge';
import type { Conflict } from './conflict';

/** The value a side holds; `null` (the server's encoding of "absent") decodes to undefined. */
export function decodeConflictValue(valueJson: string): unknown {
  const value: unknown = JSON.parse(valueJson);
  return value === null ? undefined : value;
}

/** JSON of a chosen value, in the conflict's own encoding (absent is null). */
export function encodeConflictValue(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fieldPath(field: string): string[] {
  return field.split('.').filter((part) => part.length > 0);
}

/** The value at a dotted path, or undefined when any step is missing. */
export function valueAtPath(record: JsonObject, field: string): unknown {
  let node: unknown = record;
  for (const key of fieldPath(field)) {
    if (!isPlainObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

/**
 * A copy of `record` with `value` at the dotted path (undefined removes the
 * field). Missing objects on the way are created; the original is unchanged.
 */
export function withValueAtPath<T extends JsonObject>(record: T, field: string, value: unknown): T {
  const [head, ...rest] = fieldPath(field);
  if (head === undefined) throw new Error('A conflict names no field');
  const copy: JsonObject = { ...record };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy as T;
  }
  const child = copy[head];
  copy[head] = withValueAtPath(isPlainObject(child) ? child : {}, rest.join('.'), value);
  return copy as T;
}

/** The conflict after a coordinator chose `value`: resolved, by whom and when. */
export function resolvedConflict<C extends Conflict>(
  conflict: C,
  valueJson: string,
  by: string,
  at: string,
): C {
  return { ...conflict, status: 'resolved', resolution: { valueJson, by, at } };
}

/**
 * A value as typed by a coordinator for a field whose sides hold `example`:
 * numbers and booleans are parsed, an empty text clears the field, anything
 * else stays text. Structured values (objects, arrays) must be typed as JSON.
 */
export function parseTypedValue(
  text: string,
  example: unknown,
): { ok: true; value: unknown } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  if (typeof example === 'number') {
    const number = Number(trimmed);
    return Number.isFinite(number) ? { ok: true, value: number } : { ok: false };
  }
  if (typeof example === 'boolean') {
    if (trimmed === 'true') return { ok: true, value: true };
    if (trimmed === 'false') return { ok: true, value: false };
    return { ok: false };
  }
  if (typeof example === 'object' && example !== null) {
    try {
      return { ok: true, value: JSON.parse(trimmed) as unknown };
    } catch {
      return { ok: false };
    }
  }
  return { ok: true, value: trimmed };
}

/** One detail a delete-versus-edit conflict's edit changed (conflict.ts, DELETED_FIELD). */
export interface EditedField {
  /** Dotted path, as a field conflict names it ("sponsor.phone"). */
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * What the edit in a delete-versus-edit conflict changed: every leaf path
 * (nested plain objects walked, arrays and scalars whole) whose value differs
 * between the content both sides started from and the edited content, minus
 * fields the record computes from others (`isDerived`, e.g. search keys).
 * Without a base (the edit was made on no known version) every field is new.
 */
export function editedFields(
  base: JsonObject | undefined,
  edited: JsonObject,
  isDerived: (field: string) => boolean = () => false,
): EditedField[] {
  const out: EditedField[] = [];
  const walk = (before: JsonObject, after: JsonObject, prefix: string) => {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (!prefix && isDerived(key)) continue;
      const b = before[key];
      const a = after[key];
      if (deepEqual(a, b)) continue;
      if (isPlainObject(a) && isPlainObject(b)) walk(b, a, path);
      else out.push({ path, before: b, after: a });
    }
  };
  walk(base ?? {}, edited, '');
  return out;
}

/**
 * The record restored with the edit: `current` (the deleted version on the
 * device) with each change the edit made (from `base` to `edited`) applied,
 * so whatever else the stored version holds is kept. Without a base the
 * edited content is taken whole.
 */
export function restoredContent(
  current: JsonObject,
  base: JsonObject | undefined,
  edited: JsonObject,
): JsonObject {
  if (!base) return { ...edited };
  return editedFields(base, edited).reduce(
    (record, change) => withValueAtPath(record, change.path, change.after),
    { ...current },
  );
}

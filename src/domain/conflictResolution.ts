/**
 * Resolving a conflict (conflict.ts) is an ordinary edit: the chosen value is
 * written into the record at the conflict's field path. These helpers read
 * and write dotted paths and decode the JSON-encoded sides, without knowing
 * anything about storage.
 */
import { isPlainObject, type JsonObject } from './merge';
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
export function resolvedConflict<C extends Conflict>(conflict: C, valueJson: string, by: string, at: string): C {
  return { ...conflict, status: 'resolved', resolution: { valueJson, by, at } };
}

/**
 * A value as typed by a coordinator for a field whose sides hold `example`:
 * numbers and booleans are parsed, an empty text clears the field, anything
 * else stays text. Structured values (objects, arrays) must be typed as JSON.
 */
export function parseTypedValue(text: string, example: unknown): { ok: true; value: unknown } | { ok: false } {
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

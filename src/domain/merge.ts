/**
 * Three-way, field-level merge used by the sync server when a push was made
 * against an older server state (BRIEF §6: different fields merge, a real
 * clash becomes a conflict, nothing is overwritten silently).
 *
 * For each field: changed on one side only → that side's value; changed on
 * both sides to the same value → that value; changed on both sides to
 * different values → a clash: the current (already committed, possibly
 * already seen by other devices) value is kept and the clash is reported so
 * the caller can store a conflict record holding both values.
 * Plain objects are merged field by field; arrays and scalars are atomic, and
 * so is any object at a path `options.atomic` names (a variant object such as
 * a call's outcome, see variants.ts: two variants never mix field by field).
 */
import { WRITE_META_KEYS } from './common';

export type JsonObject = { [key: string]: unknown };

export interface FieldClash {
  /** Dotted path, e.g. "contactPhone" or "sponsor.phone". */
  path: string;
  base: unknown;
  kept: unknown;
  rejected: unknown;
}

export interface MergeResult<T extends JsonObject> {
  merged: T;
  clashes: FieldClash[];
  /** True when the merged record differs from `current` in content (not only write metadata). */
  changed: boolean;
}

const META = new Set<string>(WRITE_META_KEYS);

export interface MergeOptions {
  /** Paths whose object value is one value: changed on both sides to different values, it is a clash. */
  atomic?: (path: string) => boolean;
}

export function isPlainObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const aKeys = Object.keys(a).filter((k) => a[k] !== undefined);
    const bKeys = Object.keys(b).filter((k) => b[k] !== undefined);
    return aKeys.length === bKeys.length && aKeys.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

function mergeObjects(
  base: JsonObject,
  current: JsonObject,
  incoming: JsonObject,
  prefix: string,
  clashes: FieldClash[],
  skip: Set<string>,
  atomic: (path: string) => boolean,
): JsonObject {
  const out: JsonObject = {};
  const keys = new Set([...Object.keys(base), ...Object.keys(current), ...Object.keys(incoming)]);
  for (const key of keys) {
    if (skip.has(key)) continue;
    const b = base[key];
    const c = current[key];
    const i = incoming[key];
    const path = prefix ? `${prefix}.${key}` : key;
    let value: unknown;
    if (deepEqual(i, b)) value = c;
    else if (deepEqual(c, b) || deepEqual(c, i)) value = i;
    else if (isPlainObject(c) && isPlainObject(i) && (b === undefined || isPlainObject(b)) && !atomic(path)) {
      value = mergeObjects(isPlainObject(b) ? b : {}, c, i, path, clashes, new Set(), atomic);
    } else {
      clashes.push({ path, base: b, kept: c, rejected: i });
      value = c;
    }
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * @param base the server state the pushing device last saw (its assumed master), or null if it believed the record new
 * @param current the server's current state
 * @param incoming the state the device pushed
 */
export function threeWayMerge<T extends JsonObject>(
  base: T | null,
  current: T,
  incoming: T,
  options: MergeOptions = {},
): MergeResult<T> {
  const clashes: FieldClash[] = [];
  const atomic = options.atomic ?? (() => false);
  const content = mergeObjects(base ?? {}, current, incoming, '', clashes, META, atomic);
  const changed = !deepEqual(
    content,
    Object.fromEntries(Object.entries(current).filter(([k]) => !META.has(k))),
  );
  // Write metadata follows the write that changed content; otherwise the record is untouched.
  const metaSource: JsonObject = changed ? incoming : current;
  const merged: JsonObject = { ...content };
  for (const key of WRITE_META_KEYS) {
    if (metaSource[key] !== undefined) merged[key] = metaSource[key];
  }
  return { merged: merged as T, clashes, changed };
}

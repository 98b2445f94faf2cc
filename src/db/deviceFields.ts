/**
 * Field names that differ between the wire (the domain schema) and the device
 * store. RxDB builds each document as an object whose own `collection`
 * property is the RxCollection, so a top-level field called `collection`
 * crashes document creation ("Cannot set property collection ... only a
 * getter"). `conflicts.collection` is therefore stored as `recordCollection`
 * on the device and renamed at the replication boundary.
 *
 * Remove an entry once the domain schema renames the field (then bump the
 * collection's version with a migration that renames stored documents).
 */
import type { CollectionName } from '../domain/collections';
import type { Conflict } from '../domain/conflict';

export const DEVICE_FIELD_RENAMES: Partial<Record<CollectionName, Readonly<Record<string, string>>>> = {
  conflicts: { collection: 'recordCollection' },
};

/** A conflict as stored on the device. */
export type DeviceConflict = Omit<Conflict, 'collection'> & { recordCollection: string };

function rename<T extends object>(doc: T, renames: Readonly<Record<string, string>>): T {
  if (!Object.keys(renames).some((from) => from in doc)) return doc;
  const out: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  for (const [from, to] of Object.entries(renames)) {
    if (!(from in out)) continue;
    out[to] = out[from];
    delete out[from];
  }
  return out as T;
}

function invert(renames: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(renames).map(([from, to]) => [to, from]));
}

/** Wire (domain) field names → device field names. */
export function toDeviceFields<T extends object>(collection: CollectionName, doc: T): T {
  const renames = DEVICE_FIELD_RENAMES[collection];
  return renames ? rename(doc, renames) : doc;
}

/** Device field names → wire (domain) field names. */
export function toWireFields<T extends object>(collection: CollectionName, doc: T): T {
  const renames = DEVICE_FIELD_RENAMES[collection];
  return renames ? rename(doc, invert(renames)) : doc;
}

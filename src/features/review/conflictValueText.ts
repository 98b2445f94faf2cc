import type { TFunction } from 'i18next';
import { decodeConflictValue } from '../../domain/conflictResolution';
import { isPlainObject } from '../../domain/merge';
import { COLLECTIONS, isCollectionName } from '../../domain/collections';

/** A field path in words when the interface knows it ("sponsor.phone" → "Sponsor's phone"), else the path. */
export function fieldLabel(t: TFunction, collection: string, field: string): string {
  const key = `review.fields.${collection}.${field.replace(/\./g, '_')}`;
  const text = t(key);
  return text === key ? field : text;
}

/** A conflict side's value as a person reads it: text as is, yes/no, lists joined, empty said as such. */
export function valueText(t: TFunction, valueJson: string): string {
  let value: unknown;
  try {
    value = decodeConflictValue(valueJson);
  } catch {
    return valueJson;
  }
  return readable(t, value);
}

/** A decoded value as a person reads it (see valueText). */
export function readable(t: TFunction, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('review.empty');
  if (typeof value === 'boolean') return value ? t('review.yes') : t('review.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value))
    return value.length === 0 ? t('review.empty') : value.map((v) => readable(t, v)).join(', ');
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0
      ? t('review.empty')
      : entries.map(([k, v]) => `${k}: ${readable(t, v)}`).join('; ');
  }
  return JSON.stringify(value);
}

const PROBE = '\u0000waystation-derived-probe';

/**
 * Whether a top-level field of `content` is computed by the collection from
 * its other fields (a search key): not something a person edited, so not
 * listed among an edit's changes. Found by planting a marker and seeing
 * whether the collection's derive overwrites it.
 */
export function isComputedField(
  collection: string,
  content: Record<string, unknown>,
  field: string,
): boolean {
  if (!isCollectionName(collection)) return false;
  const derive = (
    COLLECTIONS[collection] as { derive?: (d: Record<string, unknown>) => Record<string, unknown> }
  ).derive;
  if (!derive) return false;
  try {
    return derive({ ...content, [field]: PROBE })[field] !== PROBE;
  } catch {
    return false;
  }
}

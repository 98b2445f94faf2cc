/**
 * A record's fields and values in words, for every screen that shows a
 * change (conflict review, history, a form's "changed elsewhere" panel).
 */
import type { TFunction } from 'i18next';
import { decodeConflictValue } from '../domain/conflictResolution';
import { isPlainObject } from '../domain/merge';

/** A field path in words when the interface knows it ("sponsor.phone" → "Sponsor's phone"), else the path. */
export function fieldLabel(t: TFunction, collection: string, field: string): string {
  const key = `review.fields.${collection}.${field.replace(/\./g, '_')}`;
  const text = t(key);
  return text === key ? field : text;
}

/** A JSON-encoded value (a conflict side) as a person reads it. */
export function valueText(t: TFunction, valueJson: string): string {
  let value: unknown;
  try {
    value = decodeConflictValue(valueJson);
  } catch {
    return valueJson;
  }
  return readableValue(t, value);
}

/** A value as a person reads it: text as is, yes/no, lists joined, empty said as such. */
export function readableValue(t: TFunction, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('review.empty');
  if (typeof value === 'boolean') return value ? t('review.yes') : t('review.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? t('review.empty') : value.map((v) => readableValue(t, v)).join(', ');
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? t('review.empty') : entries.map(([k, v]) => `${k}: ${readableValue(t, v)}`).join('; ');
  }
  return JSON.stringify(value);
}

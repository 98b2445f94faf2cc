import type { TFunction } from 'i18next';
import { decodeConflictValue } from '../../domain/conflictResolution';
import { isPlainObject } from '../../domain/merge';

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

function readable(t: TFunction, value: unknown): string {
  if (value === undefined || value === null || value === '') return t('review.empty');
  if (typeof value === 'boolean') return value ? t('review.yes') : t('review.no');
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? t('review.empty') : value.map((v) => readable(t, v)).join(', ');
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? t('review.empty') : entries.map(([k, v]) => `${k}: ${readable(t, v)}`).join('; ');
  }
  return JSON.stringify(value);
}

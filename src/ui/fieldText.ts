/**
 * A record's fields and values in words, for every screen that shows a
 * change (conflict review, history, a form's "changed elsewhere" panel).
 */
import type { TFunction } from 'i18next';
import { decodeConflictValue } from '../domain/conflictResolution';
import { countryName } from '../domain/countries';
import { languageName } from '../domain/languages';
import { isPlainObject } from '../domain/merge';
import { knownKey } from '../app/translationKeys';

/**
 * A field path in words when the interface knows it ("sponsor.phone" →
 * "Sponsor's phone"), else the fields every record shares ("siteId" →
 * "Site"), else the path.
 */
export function fieldLabel(t: TFunction, collection: string, field: string): string {
  const flat = field.replace(/\./g, '_');
  for (const candidate of [`review.fields.${collection}.${flat}`, `review.fields.common.${flat}`]) {
    const key = knownKey(candidate);
    if (key) return t(key);
  }
  return field;
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

/**
 * Fields whose stored value is a key with words in the forms' translations
 * (`arrivalMode.detention_release` → "Released from detention"), by
 * "collection.field"; the same words the forms show.
 */
const ENUM_WORDS: Readonly<Record<string, string>> = {
  'households.arrivalMode': 'arrivalMode',
  'households.status': 'history.householdStatus',
  'people.sex': 'sex',
  'people.relationship': 'relationship',
  'travelLegs.mode': 'travel.modes',
  'travelLegs.status': 'travel.statuses',
};

const COUNTRY_FIELDS = new Set(['households.destination.country', 'people.nationality']);
const LANGUAGE_FIELDS = new Set(['people.languages', 'calls.callerLanguage']);

export interface ValueNames {
  /** Site id → name, when known. */
  site?: (id: string) => string | undefined;
  /** User id → display name, when known. */
  user?: (id: string) => string | undefined;
}

/**
 * A field's value as a person reads it in the interface language: enum keys
 * through the forms' words, countries and languages by name, sites and
 * people by name, yes/no, lists joined; anything else as `readableValue`.
 */
export function valueInWords(
  t: TFunction,
  locale: string,
  collection: string,
  field: string,
  value: unknown,
  names: ValueNames = {},
): string {
  if (value === undefined || value === null || value === '') return t('review.empty');
  const path = `${collection}.${field}`;
  const words = ENUM_WORDS[path];
  if (words && typeof value === 'string') {
    const key = knownKey(`${words}.${value}`);
    return key ? t(key) : value;
  }
  if (COUNTRY_FIELDS.has(path) && typeof value === 'string') return countryName(value, locale);
  if (LANGUAGE_FIELDS.has(path)) {
    const codes = Array.isArray(value) ? value : [value];
    if (codes.length === 0) return t('review.empty');
    return codes.map((code) => (typeof code === 'string' ? languageName(code, locale) : readableValue(t, code))).join(', ');
  }
  if (field === 'siteId' && typeof value === 'string') return names.site?.(value) ?? value;
  if ((field === 'driverId' || field === 'assignedTo') && typeof value === 'string') return names.user?.(value) ?? value;
  return readableValue(t, value);
}

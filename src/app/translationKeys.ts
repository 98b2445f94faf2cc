/**
 * Translation keys are typed from the English file (src/app/i18next.d.ts).
 * A key written in the code, or built from an enum, is checked by the type
 * checker. A key built from data it cannot see (an audit action stored on
 * the server, a field path, a validation code) goes through `knownKey`,
 * which checks it against the loaded translations instead.
 */
import i18next, { type ParseKeys } from 'i18next';

/** Every key of the English file. */
export type TranslationKey = ParseKeys;

/** The key when a translation exists for it (in the interface language or English), else undefined. */
export function knownKey(key: string): TranslationKey | undefined {
  // The one place a run-time string becomes a key: only after i18next has found it.
  return i18next.exists(key) ? (key as TranslationKey) : undefined;
}

/**
 * Every interface language must say everything English says: a missing or
 * empty translation is a test failure, not a surprise at the folding table.
 * Plural keys are checked against each language's own CLDR plural categories
 * (Arabic needs six forms, Swahili two).
 */
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LANGUAGES } from './i18n';
import en from '../../locales/en/translation.json';
import es from '../../locales/es/translation.json';
import fr from '../../locales/fr/translation.json';
import ar from '../../locales/ar/translation.json';
import sw from '../../locales/sw/translation.json';
import { ARRIVAL_MODES, NEEDS } from '../domain/household';
import { RELATIONSHIPS, SEXES } from '../domain/person';
import { IDENTIFIER_TYPES, MEDICAL_FLAGS } from '../domain/sensitive';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

// Read directly: the app loads all but English on demand (i18n.ts).
const translations = { en, es, fr, ar, sw } as const;

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;
const english = flatten(translations.en as Tree);
const englishBases = new Set([...english.keys()].map((key) => key.replace(PLURAL_SUFFIX, '')));

function variables(text: string): string[] {
  return [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

/** The keys a language must have for one English key. */
function requiredKeys(englishKey: string, language: string): string[] {
  if (!PLURAL_SUFFIX.test(englishKey)) return [englishKey];
  const base = englishKey.replace(PLURAL_SUFFIX, '');
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories.map((c) => `${base}_${c}`);
}

describe.each(SUPPORTED_LANGUAGES)('the %s translation', (language) => {
  const messages = flatten(translations[language] as Tree);

  it('has a non-empty text for every English key, in every plural form the language uses', () => {
    const missing: string[] = [];
    for (const key of english.keys()) {
      for (const required of requiredKeys(key, language)) {
        if (!messages.get(required)?.trim()) missing.push(required);
      }
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('has no keys English does not have', () => {
    const extra = [...messages.keys()].filter((key) => !englishBases.has(key.replace(PLURAL_SUFFIX, '')));
    expect(extra).toEqual([]);
  });

  it('keeps the placeholders of the English text', () => {
    const wrong: string[] = [];
    for (const [key, text] of messages) {
      const englishKey = english.has(key) ? key : `${key.replace(PLURAL_SUFFIX, '')}_other`;
      const source = english.get(englishKey);
      if (source === undefined) continue;
      // A plural form may spell its number out ("شخص واحد"), so {{count}} is optional there.
      const expected = variables(source).filter((v) => !(PLURAL_SUFFIX.test(key) && v === 'count'));
      const actual = variables(text).filter((v) => !(PLURAL_SUFFIX.test(key) && v === 'count'));
      if (expected.join() !== actual.join()) wrong.push(key);
    }
    expect(wrong).toEqual([]);
  });
});

describe('keys used by the code', () => {
  const sources = import.meta.glob<string>(['/src/**/*.{ts,tsx}', '!/src/**/*.test.{ts,tsx}'], {
    query: '?raw',
    import: 'default',
    eager: true,
  });

  it('exist in English for every literal t("…") call', () => {
    const missing: string[] = [];
    for (const [file, source] of Object.entries(sources)) {
      for (const match of source.matchAll(/\bt\(\s*['"]([\w.]+)['"]/g)) {
        const key = match[1] ?? '';
        if (!english.has(key) && !englishBases.has(key)) missing.push(`${file}: ${key}`);
      }
    }
    expect(sources).not.toEqual({});
    expect(missing).toEqual([]);
  });

  it('exist in English for every value of the enumerations shown on screen', () => {
    const enumerations: Record<string, readonly string[]> = {
      arrivalMode: ARRIVAL_MODES,
      needs: NEEDS,
      sex: SEXES,
      relationship: RELATIONSHIPS,
      identifierType: IDENTIFIER_TYPES,
      medicalFlag: MEDICAL_FLAGS,
    };
    const missing = Object.entries(enumerations).flatMap(([group, values]) =>
      values.map((value) => `${group}.${value}`).filter((key) => !english.has(key)),
    );
    expect(missing).toEqual([]);
  });
});

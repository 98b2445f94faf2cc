import { describe, expect, it } from 'vitest';
import { languageCodeSchema } from './person';
import {
  COMMON_LANGUAGE_CODES,
  LANGUAGE_CODES,
  isKnownLanguage,
  languageName,
  languageOptions,
} from './languages';

describe('languages', () => {
  it('every code is a valid ISO 639 (or private-use) language code', () => {
    for (const code of LANGUAGE_CODES) {
      expect(languageCodeSchema.safeParse(code).success, code).toBe(true);
    }
  });

  it('covers ISO 639-1 and the languages the brief names', () => {
    expect(LANGUAGE_CODES.length).toBeGreaterThan(180);
    for (const code of ['so', 'am', 'ti', 'om', 'rw', 'rn', 'din', 'quc', 'mam']) {
      expect(isKnownLanguage(code), code).toBe(true);
    }
  });

  it('offers the common languages first, each once', () => {
    const { common, all } = languageOptions('en');
    expect(common.map((o) => o.code)).toEqual([...COMMON_LANGUAGE_CODES]);
    const commonCodes = new Set(common.map((o) => o.code));
    expect(all.some((o) => commonCodes.has(o.code))).toBe(false);
    expect(common.length + all.length).toBe(LANGUAGE_CODES.length);
  });

  it('names languages in the interface language', () => {
    expect(languageName('es', 'es')).toBe('español');
    expect(languageName('sw', 'fr')).toBe('swahili');
    expect(languageName('so', 'en')).toBe('Somali');
  });

  it('falls back to English for codes without a localized name', () => {
    expect(languageName('rw-x-kinyamulenge', 'ar')).toBe('Kinyamulenge');
    expect(languageName('din', 'en')).toBe('Dinka');
    expect(languageName('xx', 'en')).toBe('xx');
  });
});

describe('languages that share a name', () => {
  it('keep the shared name for one and tell the other apart', () => {
    expect(languageName('ak', 'en')).toBe('Akan');
    expect(languageName('tw', 'en')).toMatch(/^(Twi|Akan \(Twi\))$/);
  });
});

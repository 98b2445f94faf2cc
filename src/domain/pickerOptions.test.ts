/**
 * The country and language pickers offer one list of options per interface
 * language (common choices first, then the rest): a person choosing
 * "Afghanistan" or "Akan" must never find it twice.
 */
import { describe, expect, it } from 'vitest';
import { countryOptions } from './countries';
import { languageOptions } from './languages';

const INTERFACE_LANGUAGES = ['en', 'es', 'fr', 'ar', 'sw'] as const;

function duplicates(labels: readonly string[], locale: string): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const label of labels) {
    const key = label.toLocaleLowerCase(locale);
    if (seen.has(key)) twice.add(label);
    seen.add(key);
  }
  return [...twice];
}

describe.each(INTERFACE_LANGUAGES)('picker options in %s', (locale) => {
  it('name each country once, across the common and the full list', () => {
    const { common, all } = countryOptions(locale);
    const options = [...common, ...all];
    expect(new Set(options.map((o) => o.code)).size).toBe(options.length);
    expect(duplicates(options.map((o) => o.name), locale)).toEqual([]);
  });

  it('name each language once, across the common and the full list', () => {
    const { common, all } = languageOptions(locale);
    const options = [...common, ...all];
    expect(new Set(options.map((o) => o.code)).size).toBe(options.length);
    expect(duplicates(options.map((o) => o.name), locale)).toEqual([]);
  });
});

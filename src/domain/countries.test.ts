import { describe, expect, it } from 'vitest';
import {
  COMMON_COUNTRY_CODES,
  COUNTRY_CODES,
  countryName,
  countryOptions,
  isKnownCountry,
} from './countries';

describe('countries', () => {
  it('lists each ISO 3166-1 alpha-2 code once', () => {
    expect(COUNTRY_CODES.length).toBe(new Set(COUNTRY_CODES).size);
    expect(COUNTRY_CODES.length).toBeGreaterThanOrEqual(249);
    for (const code of COUNTRY_CODES) expect(code).toMatch(/^[A-Z]{2}$/);
  });

  it('has a name for every code', () => {
    for (const code of COUNTRY_CODES) expect(countryName(code, 'en'), code).not.toBe(code);
  });

  it('keeps common countries known and first', () => {
    for (const code of COMMON_COUNTRY_CODES) expect(isKnownCountry(code)).toBe(true);
    expect(countryOptions('es').common[0]).toEqual({ code: 'GT', name: 'Guatemala' });
  });

  it('names countries in the interface language', () => {
    expect(countryName('CD', 'fr')).toBe('Congo-Kinshasa');
    expect(countryName('US', 'es')).toBe('Estados Unidos');
  });
});

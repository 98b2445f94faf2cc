import { describe, expect, it } from 'vitest';
import { normalizeName } from './names';
import {
  NAME_EQUIVALENTS,
  areEquivalentNames,
  equivalentSpellings,
  sameTransliteration,
  transliterationKey,
} from './nameEquivalents';

describe('the table of equivalent spellings', () => {
  it('holds each spelling once, normalised, in one line only', () => {
    const all = NAME_EQUIVALENTS.flat();
    expect(new Set(all).size).toBe(all.length);
    for (const spelling of all) expect(normalizeName(spelling)).toBe(spelling);
  });

  it.each([
    ['muhammad', 'mohammed'],
    ['mohamed', 'maxamed'],
    ['abdullahi', 'abdallah'],
    ['abdullah', 'cabdullaahi'],
    ['yusuf', 'yousef'],
    ['yusuf', 'joseph'],
    ['ibrahim', 'abraham'],
    ['sulayman', 'solomon'],
    ['fatima', 'faadumo'],
    ['tesfaye', 'tesfay'],
  ])('%s and %s are one name', (a, b) => {
    expect(areEquivalentNames(a, b)).toBe(true);
    expect(areEquivalentNames(b, a)).toBe(true);
  });

  it.each([
    ['hassan', 'hussein'],
    ['muhammad', 'mahmoud'],
    ['ahmed', 'mohammed'],
    ['fatima', 'fatuma-not-in-table'],
  ])('%s and %s are not', (a, b) => {
    expect(areEquivalentNames(a, b)).toBe(false);
  });

  it('gives the other spellings of a name, and none for a name it does not know', () => {
    expect(equivalentSpellings('abdallah')).toEqual(expect.arrayContaining(['abdullahi', 'abdullah']));
    expect(equivalentSpellings('abdallah')).not.toContain('abdallah');
    expect(equivalentSpellings('rosa')).toEqual([]);
  });
});

describe('the transliteration key', () => {
  it.each([
    ['muhammad', 'mohammed'],
    ['muhamad', 'mohamed'],
    ['yusuf', 'yousef'],
    ['ahmed', 'ahmad'],
    ['khalid', 'halid'],
    ['hussein', 'husain'],
    ['cumar', 'umar'],
    ['xasan', 'hassan'],
    ['fatimah', 'fatima'],
    ['tesfaye', 'tesfay'],
    ['hussein', 'husayn'],
    ['sharif', 'cherif'],
    ['ghirmay', 'girmay'],
  ])('%s sounds like %s', (a, b) => {
    expect(sameTransliteration(a, b)).toBe(true);
  });

  it.each([
    ['hassan', 'hussein'],
    ['muhammad', 'mahmoud'],
    ['ali', 'ala'], // too short to judge by sound
    ['said', 'saad'],
    ['omar', 'amir'],
  ])('%s does not sound like %s', (a, b) => {
    expect(sameTransliteration(a, b)).toBe(false);
  });

  it('keeps vowel quality except for e, and folds Somali x and c', () => {
    expect(transliterationKey('maxamed')).toEqual(['m', 'A', 'h', 'A', 'm', 'E', 'd']);
    expect(transliterationKey('cabdi')).toEqual(['A', 'b', 'd']);
  });
});

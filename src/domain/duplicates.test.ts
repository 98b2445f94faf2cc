import { describe, expect, it } from 'vitest';
import {
  nameSimilarity,
  normalizeANumber,
  scoreDuplicate,
  searchPrefixes,
  soundKey,
  STRONG_NAME_MATCH,
  type Identity,
} from './duplicates';

const person = (given: string, family: string, extra: Partial<Identity> = {}): Identity => ({
  givenName: given,
  familyName: family,
  ...extra,
});

describe('A-numbers', () => {
  it('compare as digits only, leading zeros ignored', () => {
    expect(normalizeANumber('A 012-345-678')).toBe('12345678');
    expect(normalizeANumber('a12345678')).toBe('12345678');
    expect(normalizeANumber('012345678')).toBe('12345678');
  });

  it('the same A-number written differently is a definite duplicate, whatever the names', () => {
    const a = person('Rosa', 'Mendoza', { identifiers: [{ type: 'a_number', value: 'A-012 345 678' }] });
    const b = person('Rosalba', 'Mendosa Ruiz', { identifiers: [{ type: 'a_number', value: '12345678' }] });
    expect(scoreDuplicate(a, b).level).toBe('definite');
  });

  it('different A-numbers, or the same digits in different document types, are not definite', () => {
    const a = person('Rosa', 'Mendoza', { identifiers: [{ type: 'a_number', value: '212345678' }] });
    const b = person('Ana', 'López', { identifiers: [{ type: 'a_number', value: '212345679' }] });
    const c = person('Ana', 'López', { identifiers: [{ type: 'passport', value: '212345678' }] });
    expect(scoreDuplicate(a, b).level).toBe('none');
    expect(scoreDuplicate(a, c).level).toBe('none');
  });
});

describe('sound-alike Spanish spellings', () => {
  it.each([
    ['hernandez', 'ernandes'],
    ['yolanda', 'llolanda'],
    ['cecilia', 'sesilia'],
    ['beatriz', 'veatris'],
    ['quintero', 'kintero'],
    ['jimenez', 'gimenez'],
    ['gonzalez', 'gonzales'],
  ])('%s sounds like %s', (a, b) => {
    expect(soundKey(a)).toBe(soundKey(b));
  });

  it('keeps "ch" (Chávez is not Ávez)', () => {
    expect(soundKey('chavez')).not.toBe(soundKey('avez'));
  });
});

const DOB = '1988-07-14';

describe('likely duplicates: similar names and the same date of birth', () => {
  it.each([
    ['accents and case', person('José', 'Pérez', { dateOfBirth: DOB }), person('JOSE', 'perez', { dateOfBirth: DOB })],
    ['double name and surname given in full once', person('José Luis', 'Pérez García', { dateOfBirth: DOB }), person('Jose', 'Perez', { dateOfBirth: DOB })],
    ['given and family names swapped', person('Pérez', 'José', { dateOfBirth: DOB }), person('José', 'Pérez', { dateOfBirth: DOB })],
    ['whole name in the given-name field', person('José Luis Pérez García', '', { dateOfBirth: DOB }), person('Jose Luis', 'Perez', { dateOfBirth: DOB })],
    ['silent h and s/z', person('Heriberto', 'Hernández', { dateOfBirth: DOB }), person('Eriberto', 'Hernandes', { dateOfBirth: DOB })],
    ['b/v and y/ll', person('Yolanda', 'Villalobos', { dateOfBirth: DOB }), person('Llolanda', 'Bilalobos', { dateOfBirth: DOB })],
    ['a typo', person('Guadalupe', 'Martínez', { dateOfBirth: DOB }), person('Guadalupe', 'Martinz', { dateOfBirth: DOB })],
    ['day and month swapped', person('Ana María', 'López', { dateOfBirth: '2015-03-07' }), person('Ana Maria', 'Lopez', { dateOfBirth: '2015-07-03' })],
  ])('%s', (_label, a, b) => {
    const score = scoreDuplicate(a, b);
    expect(score.level).toBe('likely');
    expect(score.reasons).toContain('similar_name');
  });
});

describe('not duplicates', () => {
  it.each([
    ['siblings with the same surname and birthday (twins)', person('Ana', 'Pérez', { dateOfBirth: DOB }), person('Eva', 'Pérez', { dateOfBirth: DOB })],
    ['same surname, different given names', person('José', 'Pérez', { dateOfBirth: DOB }), person('Juan', 'Pérez', { dateOfBirth: DOB })],
    ['same given name, different surname', person('María', 'López', { dateOfBirth: DOB }), person('María', 'Gutiérrez', { dateOfBirth: DOB })],
    ['same name, different date of birth (a common name)', person('María', 'López', { dateOfBirth: DOB }), person('María', 'López', { dateOfBirth: '1991-02-03' })],
    ['similar names of a different sex', person('Mario', 'Lopes', { dateOfBirth: DOB, sex: 'male' }), person('Maria', 'Lopez', { dateOfBirth: DOB, sex: 'female' })],
    ['a shared surname only, with the whole name in one field', person('Carlos Pérez', '', { dateOfBirth: DOB }), person('Rosa', 'Pérez', { dateOfBirth: DOB })],
  ])('%s', (_label, a, b) => {
    expect(scoreDuplicate(a, b).level).toBe('none');
  });
});

describe('possible duplicates', () => {
  it('a similar name with a date of birth on one side and a compatible estimated age on the other', () => {
    const typed = person('Jose', 'Perez', { estimatedAge: 37 });
    const stored = person('José', 'Pérez', { dateOfBirth: DOB });
    expect(scoreDuplicate(typed, stored, 2026).level).toBe('possible');
    expect(scoreDuplicate(person('Jose', 'Perez', { estimatedAge: 8 }), stored, 2026).level).toBe('none');
  });
});

describe('names transliterated from Arabic, Somali, Amharic and Tigrinya', () => {
  const so = { nationality: 'SO' };
  it.each([
    ['Muhammad Abdallah / Mohammed Abdullahi', person('Muhammad', 'Abdallah', { dateOfBirth: DOB, ...so }), person('Mohammed', 'Abdullahi', { dateOfBirth: DOB, ...so })],
    ['Somali orthography (x, c)', person('Maxamed', 'Cabdullaahi', { dateOfBirth: DOB }), person('Mohamed', 'Abdullahi', { dateOfBirth: DOB })],
    ['Yusuf / Joseph', person('Joseph', 'Tesfaye', { dateOfBirth: DOB }), person('Yusuf', 'Tesfay', { dateOfBirth: DOB })],
    ['by sound, not in the table', person('Hussein', 'Khalil', { dateOfBirth: DOB }), person('Husain', 'Halil', { dateOfBirth: DOB })],
  ])('%s with the same date of birth is likely', (_label, a, b) => {
    const score = scoreDuplicate(a, b);
    expect(score.level).toBe('likely');
    expect(score.nameScore).toBeGreaterThanOrEqual(STRONG_NAME_MATCH);
  });

  it.each([
    ['Hassan / Hussein (brothers)', person('Hassan', 'Ali', { dateOfBirth: DOB }), person('Hussein', 'Ali', { dateOfBirth: DOB })],
    ['Muhammad / Mahmoud', person('Muhammad', 'Ali', { dateOfBirth: DOB }), person('Mahmoud', 'Ali', { dateOfBirth: DOB })],
    ['Omar / Amir', person('Omar', 'Hassan', { dateOfBirth: DOB }), person('Amir', 'Hassan', { dateOfBirth: DOB })],
  ])('%s is not', (_label, a, b) => {
    expect(scoreDuplicate(a, b).level).toBe('none');
  });
});

describe('a strong name match without a date of birth', () => {
  it('is possible when neither side has a date of birth or an age', () => {
    const score = scoreDuplicate(person('Muhammad', 'Abdallah', { nationality: 'SO' }), person('Mohammed', 'Abdullahi', { nationality: 'SO' }));
    expect(score.level).toBe('possible');
    expect(score.reasons).toEqual(['similar_name', 'same_nationality']);
  });

  it('is possible when only one side has a date of birth', () => {
    expect(scoreDuplicate(person('Fatuma', 'Hassan'), person('Fatima', 'Hassan', { dateOfBirth: DOB })).level).toBe('possible');
  });

  it('is not flagged when the nationalities differ', () => {
    expect(scoreDuplicate(person('Muhammad', 'Abdallah', { nationality: 'SO' }), person('Mohammed', 'Abdullahi', { nationality: 'ER' })).level).toBe('none');
  });

  it('a name that is only similar (a typo away) is not enough without a date of birth', () => {
    expect(nameSimilarity(person('Guadalupe', 'Martínez'), person('Guadalupe', 'Martin'))).toBeLessThan(STRONG_NAME_MATCH);
    expect(scoreDuplicate(person('Guadalupe', 'Martínez'), person('Guadalupe', 'Martin')).level).toBe('none');
  });
});

describe('nameSimilarity', () => {
  it('needs both the given and the family name to match', () => {
    expect(nameSimilarity(person('José', 'Pérez'), person('José', 'Pérez García'))).toBe(1);
    expect(nameSimilarity(person('José', 'Pérez'), person('Ramón', 'Pérez'))).toBeLessThan(0.8);
  });
});

describe('searchPrefixes', () => {
  it('covers the other spellings of the first sound', () => {
    expect(searchPrefixes('Hernández')).toEqual(expect.arrayContaining(['her', 'ern']));
    expect(searchPrefixes('Villalobos')).toEqual(expect.arrayContaining(['vil', 'bil']));
    expect(searchPrefixes('Yolanda')).toEqual(expect.arrayContaining(['yol', 'llo']));
    expect(searchPrefixes('J')).toEqual([]);
  });

  it('covers the other transliterations of a name in the table', () => {
    expect(searchPrefixes('Muhammad', 4)).toEqual(expect.arrayContaining(['muha', 'moha', 'maxa']));
    expect(searchPrefixes('Abdallah', 4)).toEqual(expect.arrayContaining(['abda', 'abdu', 'cabd']));
  });
});

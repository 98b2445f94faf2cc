import { describe, expect, it } from 'vitest';
import {
  decodeConflictValue,
  editedFields,
  encodeConflictValue,
  parseTypedValue,
  restoredContent,
  valueAtPath,
  withValueAtPath,
} from './conflictResolution';

describe('conflict values and field paths', () => {
  it('decodes null as absent and round-trips values', () => {
    expect(decodeConflictValue('null')).toBeUndefined();
    expect(decodeConflictValue('"+1 555"')).toBe('+1 555');
    expect(encodeConflictValue(undefined)).toBe('null');
    expect(decodeConflictValue(encodeConflictValue({ a: [1, 2] }))).toEqual({ a: [1, 2] });
  });

  it('reads and writes a dotted path without touching the original', () => {
    const record = { sponsor: { name: 'Rosa', phone: '1' }, familyName: 'M' };
    expect(valueAtPath(record, 'sponsor.phone')).toBe('1');
    expect(valueAtPath(record, 'sponsor.missing.deeper')).toBeUndefined();
    const changed = withValueAtPath(record, 'sponsor.phone', '2');
    expect(changed).toEqual({ sponsor: { name: 'Rosa', phone: '2' }, familyName: 'M' });
    expect(record.sponsor.phone).toBe('1');
    expect(withValueAtPath(record, 'sponsor.phone', undefined)).toEqual({
      sponsor: { name: 'Rosa' },
      familyName: 'M',
    });
    expect(withValueAtPath({}, 'destination.city', 'Denver')).toEqual({ destination: { city: 'Denver' } });
  });

  it('parses a typed value by the type of the sides', () => {
    expect(parseTypedValue(' 3 ', 2)).toEqual({ ok: true, value: 3 });
    expect(parseTypedValue('three', 2)).toEqual({ ok: false });
    expect(parseTypedValue('true', false)).toEqual({ ok: true, value: true });
    expect(parseTypedValue('', 'x')).toEqual({ ok: true, value: undefined });
    expect(parseTypedValue('["es"]', ['en'])).toEqual({ ok: true, value: ['es'] });
    expect(parseTypedValue('Denver ', 'x')).toEqual({ ok: true, value: 'Denver' });
  });
});

describe('delete versus edit', () => {
  const base = {
    givenName: 'Kofi',
    dateOfBirth: '1990-03-12',
    sponsor: { name: 'Rosa', phone: '1' },
    nameKey: 'kofi',
  };

  it('lists each detail the edit changed, nested ones by path, computed ones left out', () => {
    const edited = {
      ...base,
      dateOfBirth: '1990-03-21',
      sponsor: { name: 'Rosa', phone: '2' },
      nameKey: 'x',
      sex: 'male',
    };
    expect(editedFields(base, edited, (field) => field === 'nameKey')).toEqual([
      { path: 'dateOfBirth', before: '1990-03-12', after: '1990-03-21' },
      { path: 'sex', before: undefined, after: 'male' },
      { path: 'sponsor.phone', before: '1', after: '2' },
    ]);
  });

  it('restores by applying the edit onto the stored version, keeping what else it holds', () => {
    const stored = { ...base, languages: ['en'] };
    const edited = { ...base, dateOfBirth: '1990-03-21' };
    expect(restoredContent(stored, base, edited)).toEqual({ ...stored, dateOfBirth: '1990-03-21' });
    expect(restoredContent(stored, undefined, edited)).toEqual(edited);
  });
});

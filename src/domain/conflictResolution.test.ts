import { describe, expect, it } from 'vitest';
import { decodeConflictValue, encodeConflictValue, parseTypedValue, valueAtPath, withValueAtPath } from './conflictResolution';

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
    expect(withValueAtPath(record, 'sponsor.phone', undefined)).toEqual({ sponsor: { name: 'Rosa' }, familyName: 'M' });
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

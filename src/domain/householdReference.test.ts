import { describe, expect, it } from 'vitest';
import { cardCode, householdReference, normalizeReference, NotAReferenceError, readCardText } from './householdReference';

const ID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('household card reference', () => {
  it('is eight base32 digits grouped in fours, the same every time for the same id', () => {
    const reference = householdReference(ID);
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(householdReference(ID)).toBe(reference);
    expect(householdReference('demo-h-0001a')).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('tells 100,000 ids apart but for a handful of shared references', () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 100_000; i += 1) {
      const reference = householdReference(`demo-h-${i.toString(36).padStart(5, '0')}`);
      seen.set(reference, (seen.get(reference) ?? 0) + 1);
    }
    // 40 bits: about n²/2⁴¹ ≈ 5 pairs expected among 100,000.
    expect(100_000 - seen.size).toBeLessThan(40);
  });

  it('accepts what a person says or types: lower case, spaces, O for zero, I and L for one', () => {
    for (const id of [ID, 'hh-garcia', 'demo-h-00042']) {
      const reference = householdReference(id);
      const spoken = reference.toLowerCase().replace('-', ' ').replace(/0/g, 'o').replace(/1/g, 'l');
      expect(normalizeReference(spoken)).toBe(reference);
    }
  });

  it('refuses what cannot be a reference or an id, with a clear error', () => {
    expect(normalizeReference('7F3K-92Q')).toBeUndefined();
    expect(normalizeReference('7F3K-92QU')).toBeUndefined();
    expect(() => householdReference('not an id')).toThrow(NotAReferenceError);
    expect(() => cardCode('')).toThrow(NotAReferenceError);
  });

  it('reads a card QR code back to the id, and a typed reference to its canonical form', () => {
    expect(readCardText(cardCode(ID))).toEqual({ kind: 'id', id: ID });
    expect(readCardText(cardCode('hh-Garcia_2'))).toEqual({ kind: 'id', id: 'hh-Garcia_2' });
    expect(readCardText(` ${householdReference(ID).toLowerCase()} `)).toEqual({
      kind: 'reference',
      reference: householdReference(ID),
    });
    expect(readCardText('https://example.org/anything')).toBeUndefined();
    expect(readCardText('WAYSTATION:H:not an id')).toBeUndefined();
  });

  it('puts nothing but the id in the QR code', () => {
    expect(cardCode(ID)).toBe(`WAYSTATION:H:${ID}`);
  });
});

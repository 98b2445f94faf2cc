import { describe, expect, it } from 'vitest';
import { COLLECTION_NAMES, COLLECTIONS, migrationTo, upgradeDocument } from './collections';

describe('schema versions in the registry', () => {
  it('every version of every collection has a migration to it', () => {
    for (const name of COLLECTION_NAMES) {
      for (let version = 1; version <= COLLECTIONS[name].version; version += 1) {
        expect(() => migrationTo(COLLECTIONS[name], version), `${name} v${version}`).not.toThrow();
      }
    }
  });

  it('upgrades a version-0 person and leaves a current one as it is', () => {
    const v0 = { id: 'p1', createdAt: '2025-03-01T10:00:00.000Z', estimatedAge: 7 };
    expect(upgradeDocument('people', v0)).toEqual({ ...v0, ageEstimatedOn: '2025-03-01' });
    expect(upgradeDocument('people', v0, COLLECTIONS.people.version)).toBe(v0);
  });

  it('passes anything that is not a document through, for validation to refuse', () => {
    expect(upgradeDocument('people', null)).toBeNull();
    expect(upgradeDocument('people', 'text')).toBe('text');
    expect(upgradeDocument('people', [1])).toEqual([1]);
  });
});

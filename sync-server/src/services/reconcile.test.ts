import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '@waystation/domain/collections';
import type { WireDocument } from '@waystation/protocol';
import { reconcile, reconcileWith, rulesFor } from './reconcile';

const spec = COLLECTIONS.people;

function person(changes: Record<string, unknown> = {}): WireDocument {
  return spec.derive({
    id: 'p1',
    siteId: 'site-a',
    createdAt: '2025-03-01T10:00:00.000Z',
    updatedAt: '2025-03-01T10:00:00.000Z',
    updatedBy: 'volunteer-1',
    deviceId: 'tablet-1',
    householdId: 'h1',
    givenName: 'Kofi',
    familyName: 'Mensah',
    sex: 'male',
    relationship: 'head',
    languages: ['en'],
    interpreterNeeded: false,
    _deleted: false,
    ...changes,
  }) as WireDocument;
}

describe('reconcile', () => {
  it('stores a record the server does not have, with derived fields recomputed', () => {
    const incoming = { ...person(), nameKey: 'wrong' };
    expect(reconcile('people', null, undefined, incoming)).toEqual({ next: person(), clashes: [] });
  });

  it('fast-forwards a write made on the current version', () => {
    const base = person();
    const incoming = person({ givenName: 'Kwame', updatedBy: 'volunteer-2' });
    expect(reconcile('people', base, base, incoming)).toEqual({ next: incoming, clashes: [] });
  });

  it('writes nothing when the push repeats what the server has', () => {
    const base = person();
    expect(reconcile('people', base, base, base)).toEqual({ next: null, clashes: [] });
  });

  it('merges different fields and re-derives the search keys', () => {
    const base = person();
    const current = person({ givenName: 'Kwame', updatedBy: 'volunteer-2' });
    const incoming = person({ interpreterNeeded: true, updatedBy: 'volunteer-3' });
    const { next, clashes } = reconcile('people', base, current, incoming);
    expect(clashes).toEqual([]);
    expect(next).toMatchObject({
      givenName: 'Kwame',
      interpreterNeeded: true,
      nameKey: 'kwame mensah',
      updatedBy: 'volunteer-3',
    });
  });

  it('keeps the current value on a same-field clash and reports only the real field', () => {
    const base = person();
    const current = person({ givenName: 'Kwame' });
    const incoming = person({ givenName: 'Kwasi' });
    const { next, clashes } = reconcile('people', base, current, incoming);
    expect(next).toBeNull();
    expect(clashes).toEqual([{ path: 'givenName', base: 'Kofi', kept: 'Kwame', rejected: 'Kwasi' }]);
  });

  it('treats a record both devices believed new as a merge against nothing', () => {
    const current = person({ givenName: 'Kwame' });
    const incoming = person({ givenName: 'Kwasi' });
    const { clashes } = reconcile('people', null, current, incoming);
    expect(clashes.map((clash) => clash.path)).toEqual(['givenName']);
  });

  it('keeps the committed record when the merge would not be valid, and sets each change of the device aside', () => {
    // A rule the merged record breaks although each side alone keeps it (as a cross-field rule would).
    const rules = {
      ...rulesFor('people'),
      isValid: (doc: WireDocument) => !(doc.givenName === 'Kwame' && doc.interpreterNeeded === true),
    };
    const base = person();
    const current = person({ givenName: 'Kwame', updatedBy: 'volunteer-2' });
    const incoming = person({ interpreterNeeded: true, sex: 'other', updatedBy: 'volunteer-3' });
    expect(reconcileWith(rules, base, current, incoming)).toEqual({
      next: null,
      clashes: [
        { path: 'sex', base: 'male', kept: 'male', rejected: 'other' },
        { path: 'interpreterNeeded', base: false, kept: false, rejected: true },
      ],
    });
  });
});

/** Verifier hashes made before a push's transaction stand in for the ones made inside, and only for the same input. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { hashAnswer } from '@waystation/domain/verifiers';
import type { WireDocument } from '@waystation/protocol';
import { openSqliteStore, type SqliteStore } from '../store/sqlite';
import { prehashVerifierAnswers, verifierWrites } from './verifiers';

let dir: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waystation-verifiers-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
  await store.migrate();
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const NOW = '2026-06-01T00:00:00.000Z';
const person = (id: string, dateOfBirth: string): WireDocument => ({
  id,
  _deleted: false,
  siteId: 'site-a',
  householdId: 'h1',
  dateOfBirth,
});

it('uses the hashes made before the transaction, and hashes a value the merge changed', async () => {
  const sent = [person('p1', '1990-04-02'), person('p2', '1985-11-30')];
  const hashes = await prehashVerifierAnswers('people', sent);
  expect(hashes.size).toBe(2);
  // The merge kept p1 as sent and gave p2 another date of birth.
  const merged = new Map([
    ['p1', sent[0]!],
    ['p2', person('p2', '1985-12-01')],
  ]);
  const writes = await store.transaction((tx) => verifierWrites(tx, 'people', merged, NOW, hashes));
  const withoutPrehash = await store.transaction((tx) => verifierWrites(tx, 'people', merged, NOW));

  expect(writes).toEqual(withoutPrehash);
  expect(writes.map((w) => [w.id, w.dateOfBirth])).toEqual([
    ['p1', await hashAnswer('dateOfBirth', '1990-04-02', 'h1')],
    ['p2', await hashAnswer('dateOfBirth', '1985-12-01', 'h1')],
  ]);
  // p2's merged value was hashed inside; p1's was read from the hashes made before.
  expect(hashes.size).toBe(3);
});

it('hashes nothing ahead for deleted records or those without a household', async () => {
  const hashes = await prehashVerifierAnswers('people', [
    { ...person('p1', '1990-04-02'), _deleted: true },
    { id: 'p2', _deleted: false, siteId: 'site-a', dateOfBirth: '1990-04-02' },
  ]);
  expect(hashes.size).toBe(0);
});

/** Verifier hashes made before a push's transaction stand in for the ones made inside, and only for the same input. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { hashAnswer } from '@waystation/domain/verifiers';
import type { WireDocument } from '@waystation/protocol';
import { openSqliteStore, type SqliteStore } from '../store/sqlite';
import { HASH_THREADS, prehashVerifierAnswers, verifierWrites } from './verifiers';

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

/** How many PBKDF2 derivations ran at once at most while `run` ran. */
async function mostAtOnce(run: () => Promise<unknown>): Promise<number> {
  const subtle = globalThis.crypto.subtle;
  const derive = subtle.deriveBits.bind(subtle);
  let inFlight = 0;
  let most = 0;
  const spy = vi.spyOn(subtle, 'deriveBits').mockImplementation(async (...args) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    try {
      return await derive(...args);
    } finally {
      inFlight -= 1;
    }
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return most;
}

it('hashes at most as many answers at once as its lanes allow, each as hashAnswer would', async () => {
  const people = Array.from({ length: 12 }, (_, i) => person(`p${i}`, `1990-01-${String(i + 1).padStart(2, '0')}`));
  let hashes = new Map<string, Promise<string | undefined>>();
  expect(await mostAtOnce(async () => (hashes = await prehashVerifierAnswers('people', people, () => 1)))).toBe(1);
  expect(hashes.size).toBe(12);
  const expected = await Promise.all(people.map((p) => hashAnswer('dateOfBirth', String(p.dateOfBirth), 'h1')));
  expect(await Promise.all(hashes.values())).toEqual(expected);

  // Without a limit it fills Node's thread pool, and no more.
  const unlimited = await mostAtOnce(() => prehashVerifierAnswers('people', people));
  expect(unlimited).toBeGreaterThan(1);
  expect(unlimited).toBeLessThanOrEqual(HASH_THREADS);

  // Lanes held back while busy (one at a time) take up the work again once allowed.
  let asked = 0;
  const busyThenIdle = () => (++asked <= 6 ? 1 : HASH_THREADS);
  const after = await prehashVerifierAnswers('people', people, busyThenIdle);
  expect(await Promise.all(after.values())).toEqual(expected);
});

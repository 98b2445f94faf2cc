import { afterEach, describe, expect, it } from 'vitest';
import { pendingIndexOf, type WaystationDatabase } from './database';
import { acknowledgeSynced, markPending } from './outbox';
import { createTestDatabase } from '../../tests/fixtures/testDatabase';

let db: WaystationDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

describe('outbox', () => {
  it('counts a change until the server accepts that version', async () => {
    db = await createTestDatabase();
    const pending = pendingIndexOf(db);
    await markPending(db.outbox, [
      { collection: 'households', id: 'h1', updatedAt: 't1' },
      { collection: 'people', id: 'p1', updatedAt: 't1' },
    ]);
    await expect.poll(() => pending.size).toBe(2);
    expect(pending.has('households', 'h1')).toBe(true);

    await acknowledgeSynced(db.outbox, 'households', [{ id: 'h1', updatedAt: 't1' }]);
    await expect.poll(() => pending.has('households', 'h1')).toBe(false);
    expect(pending.size).toBe(1);
  });

  it('keeps a record pending when it was edited again after the push', async () => {
    db = await createTestDatabase();
    await markPending(db.outbox, [{ collection: 'households', id: 'h1', updatedAt: 't1' }]);
    await markPending(db.outbox, [{ collection: 'households', id: 'h1', updatedAt: 't2' }]);
    const removed = await acknowledgeSynced(db.outbox, 'households', [{ id: 'h1', updatedAt: 't1' }]);
    expect(removed).toBe(0);
    await expect.poll(() => pendingIndexOf(db!).has('households', 'h1')).toBe(true);
  });

  it('handles 50,000 pending changes', async () => {
    db = await createTestDatabase();
    const changes = Array.from({ length: 50_000 }, (_, i) => ({
      collection: 'people',
      id: `p${i}`,
      updatedAt: '2026-11-01T10:00:00.000Z',
    }));
    await markPending(db.outbox, changes);
    await expect.poll(() => pendingIndexOf(db!).size).toBe(50_000);
    await acknowledgeSynced(db.outbox, 'people', changes.slice(0, 30_000));
    await expect.poll(() => pendingIndexOf(db!).size).toBe(20_000);
  }, 60_000);
});

/** SQLite-specific behaviour; the shared Store contract is covered by tests/server/storeConformance.test.ts. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WireDocument } from '@waystation/protocol';
import Database from 'better-sqlite3';
import { openSqliteStore, type SqliteStore } from './sqlite';

let dir: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waystation-sqlite-'));
  store = openSqliteStore(join(dir, 'db.sqlite'));
  await store.migrate();
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const doc = (id: string, extra: Record<string, unknown> = {}): WireDocument => ({
  id,
  _deleted: false,
  siteId: 's',
  ...extra,
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('SqliteStore', () => {
  it('keeps the audit log append-only but for the redaction of an entry’s details', async () => {
    await store.transaction((tx) =>
      tx.appendAudit({ at: '2026-04-01T10:00:00.000Z', userId: 'u', deviceId: 'd', action: 'create', collection: 'people', recordId: 'p1', details: { givenName: [null, 'Aline'] } }),
    );
    const raw = new Database(join(dir, 'db.sqlite'));
    try {
      expect(() => raw.prepare(`UPDATE audit SET details = '{"givenName":"x"}'`).run()).toThrow(/append-only/);
      expect(() => raw.prepare(`UPDATE audit SET details = '{"redacted":true}', user_id = 'someone'`).run()).toThrow(/append-only/);
      expect(() => raw.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
      expect(raw.prepare(`UPDATE audit SET details = '{"redacted":true}'`).run().changes).toBe(1);
    } finally {
      raw.close();
    }
    expect((await store.listAudit({ limit: 5 }))[0]?.details).toEqual({ redacted: true });
  });

  it('migrates once: a second migrate is a no-op', async () => {
    await store.migrate();
    const other = openSqliteStore(join(dir, 'db.sqlite'));
    await other.migrate();
    await other.close();
  });

  it('never interleaves two async transactions', async () => {
    const events: string[] = [];
    const run = (name: string) =>
      store.transaction(async (tx) => {
        events.push(`${name} start`);
        await tick();
        await tx.putDocument('households', doc(name), 's');
        await tick();
        events.push(`${name} end`);
      });
    await Promise.all([run('a'), run('b'), run('c')]);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    expect((await store.pull('households', 0, 10)).documents.map((d) => [d.id, d.seq])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('rolls back everything a failed transaction wrote, and keeps working', async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.putDocument('households', doc('lost'), 's');
        await tx.appendAudit({ at: 'now', userId: 'u', deviceId: 'd', action: 'change' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await store.pull('households', 0, 10)).documents).toEqual([]);
    expect(await store.listAudit({ limit: 10 })).toEqual([]);

    await store.transaction((tx) => tx.putDocument('households', doc('kept'), 's'));
    // The rolled-back sequence number is handed out again: no reader ever saw it.
    expect((await store.getDocument('households', 'kept'))?.seq).toBe(1);
  });

  it('commits queued transactions together, but a failing one rolls back alone', async () => {
    const write = (id: string, fail = false) =>
      store.transaction(async (tx) => {
        await tx.putDocument('households', doc(id), 's');
        await tx.appendAudit({ at: 'now', userId: 'u', deviceId: 'd', action: id });
        if (fail) throw new Error(`${id} failed`);
        return id;
      });
    // Answered only once committed: the reader connection already sees the write.
    const seenWhenAnswered = (id: string) =>
      write(id).then(async () => (await store.getDocument('households', id))?.id);
    const results = await Promise.allSettled([
      seenWhenAnswered('a'),
      write('b', true),
      seenWhenAnswered('c'),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      'a',
      'b failed',
      'c',
    ]);
    expect((await store.pull('households', 0, 10)).documents.map((d) => d.id)).toEqual(['a', 'c']);
    expect((await store.listAudit({ limit: 10 })).map((e) => e.action)).toEqual(['c', 'a']);
  });

  it('does not show a pull what an open transaction has written', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const writing = store.transaction(async (tx) => {
      await tx.putDocument('households', doc('pending'), 's');
      await gate;
    });
    await tick();
    expect((await store.pull('households', 0, 10)).documents).toEqual([]);
    release();
    await writing;
    expect((await store.pull('households', 0, 10)).documents.map((d) => d.id)).toEqual(['pending']);
  });

  it('remembers a push key per record', async () => {
    const results = await store.transaction(async (tx) => [
      await tx.rememberPush('people', 'p1', 'k'),
      await tx.rememberPush('people', 'p1', 'k'),
      await tx.rememberPush('people', 'p2', 'k'),
    ]);
    expect(results).toEqual([true, false, true]);
  });

  it('keeps the audit log append-only', async () => {
    await store.transaction((tx) =>
      tx.appendAudit({ at: 'now', userId: 'u', deviceId: 'd', action: 'change' }),
    );
    const raw = (await import('better-sqlite3')).default(join(dir, 'db.sqlite'));
    expect(() => raw.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    raw.close();
  });
});

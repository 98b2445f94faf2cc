/**
 * Change notifications between server processes over LISTEN/NOTIFY: each
 * PgChangeNotifier here stands for one sync-server process.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChangeNotice } from '../../sync-server/src/services/changes';
import { PgChangeNotifier } from '../../sync-server/src/services/pgNotifier';
import { openPostgresStore } from '../../sync-server/src/store/postgres';
import type { Store } from '../../sync-server/src/store/types';
import { createTestPostgres, type TestPostgres } from '../helpers/postgres';

async function eventually(check: () => void, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('PgChangeNotifier', () => {
  let db: TestPostgres;
  let store: Store;
  const started: PgChangeNotifier[] = [];
  const errors: unknown[] = [];

  async function startProcess(schema = db.schema) {
    const notifier = await PgChangeNotifier.start(db.connectionString, { schema, onError: (e) => errors.push(e) });
    started.push(notifier);
    const heard: ChangeNotice[] = [];
    notifier.subscribe((event) => heard.push(event));
    return { notifier, heard };
  }

  beforeEach(async () => {
    db = await createTestPostgres();
    store = openPostgresStore(db.connectionString, { schema: db.schema });
    await store.migrate();
    errors.length = 0;
  });

  afterEach(async () => {
    for (const notifier of started.splice(0)) await notifier.close();
    await store.close();
    await db.drop();
  });

  it('tells every process on the database, and the publishing one exactly once', async () => {
    const a = await startProcess();
    const b = await startProcess();
    const c = await startProcess();

    a.notifier.publish('households', 7, 'site-a');
    b.notifier.publish('people', 9, 'site-b');

    const both = [
      { collection: 'households', seq: 7, siteId: 'site-a' },
      { collection: 'people', seq: 9, siteId: 'site-b' },
    ];
    await eventually(() => {
      expect(a.heard).toEqual(expect.arrayContaining(both));
      expect(b.heard).toEqual(expect.arrayContaining(both));
      expect(c.heard).toHaveLength(2);
    });
    // PostgreSQL delivers notifications in commit order: once a later notice from c reaches a and b, a stray
    // echo of their own earlier NOTIFY would already have arrived.
    const marker = { collection: 'people', seq: 99, siteId: 'site-marker' };
    c.notifier.publish(marker.collection, marker.seq, marker.siteId);
    await eventually(() => {
      expect(a.heard).toContainEqual(marker);
      expect(b.heard).toContainEqual(marker);
    });
    expect(a.heard).toHaveLength(3);
    expect(b.heard).toHaveLength(3);
    expect(errors).toEqual([]);
  });

  it('stops telling a listener that unsubscribed, and keeps other schemas apart', async () => {
    const a = await startProcess();
    const b = await startProcess();
    const other = await createTestPostgres();
    try {
      const elsewhere = await startProcess(other.schema);
      const elsewhereToo = await startProcess(other.schema);
      const late: ChangeNotice[] = [];
      const unsubscribe = b.notifier.subscribe((event) => late.push(event));
      unsubscribe();

      a.notifier.publish('households', 1, 'site-a');
      await eventually(() => expect(b.heard).toEqual([{ collection: 'households', seq: 1, siteId: 'site-a' }]));
      // Notifications arrive in commit order, so once a later notice in the other schema reaches it, anything
      // of ours that leaked there would already have arrived.
      const marker = { collection: 'people', seq: 5, siteId: 'site-other' };
      elsewhereToo.notifier.publish(marker.collection, marker.seq, marker.siteId);
      await eventually(() => expect(elsewhere.heard).toContainEqual(marker));
      expect(late).toEqual([]);
      expect(elsewhere.heard).toEqual([marker]);
    } finally {
      await other.drop();
    }
  });

  it('reconnects after losing its LISTEN connection and announces what it may have missed', async () => {
    const a = await startProcess();
    const b = await startProcess();
    const seq = await store.transaction((tx) =>
      tx.putDocument('households', { id: 'h1', _deleted: false }, 'site-a'),
    );

    const admin = new pg.Client({ connectionString: db.connectionString });
    await admin.connect();
    try {
      const channel = `waystation_changes:${db.schema}`;
      const listeners = await admin.query<{ pid: number }>(
        'SELECT pid FROM pg_stat_activity WHERE query = $1',
        [`LISTEN ${pg.escapeIdentifier(channel)}`],
      );
      expect(listeners.rows).toHaveLength(2);
      // Which backend belongs to b does not matter: cut both, as a database restart would.
      for (const { pid } of listeners.rows) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await admin.end();
    }

    await eventually(() => expect(b.heard).toContainEqual({ collection: 'households', seq, siteId: 'site-a' }));
    await eventually(() => expect(a.heard).toContainEqual({ collection: 'households', seq, siteId: 'site-a' }));

    a.notifier.publish('people', seq + 1, 'site-a');
    await eventually(() =>
      expect(b.heard).toContainEqual({ collection: 'people', seq: seq + 1, siteId: 'site-a' }),
    );
  });

  it('tells every process that an account changed, so their streams of that account check it at once', async () => {
    const a = await startProcess();
    const b = await startProcess();
    const heardByA: string[] = [];
    const heardByB: string[] = [];
    a.notifier.subscribeAccountChanges((userId) => heardByA.push(userId));
    b.notifier.subscribeAccountChanges((userId) => heardByB.push(userId));

    a.notifier.publishAccountChange('user-7');
    await eventually(() => expect(heardByB).toEqual(['user-7']));
    // A later notice from b reaching a means a's own echo, had there been one, arrived before it.
    b.notifier.publishAccountChange('user-8');
    await eventually(() => expect(heardByA).toContain('user-8'));
    expect(heardByA).toEqual(['user-7', 'user-8']);
    // Account notices are not change notices.
    expect(b.heard).toEqual([]);
    expect(errors).toEqual([]);
  });
});

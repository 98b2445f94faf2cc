/**
 * PostgreSQL-only guarantees beyond the shared conformance suite: the audit
 * log is append-only in the database itself, edited migrations are refused,
 * and everything stays inside the configured schema.
 */
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../sync-server/src/store/postgres';
import type { Store } from '../../sync-server/src/store/types';
import { createTestPostgres, type TestPostgres } from '../helpers/postgres';

describe('PostgreSQL store', () => {
  let db: TestPostgres;
  let store: Store;
  let sql: pg.Client;

  beforeEach(async () => {
    db = await createTestPostgres();
    store = openPostgresStore(db.connectionString, { schema: db.schema });
    await store.migrate();
    sql = new pg.Client({ connectionString: db.connectionString });
    await sql.connect();
    await sql.query(`SET search_path TO ${pg.escapeIdentifier(db.schema)}`);
  });

  afterEach(async () => {
    await sql.end();
    await store.close();
    await db.drop();
  });

  it('refuses to change or remove audit entries, even with direct SQL', async () => {
    await store.transaction((tx) =>
      tx.appendAudit({ at: '2025-03-01T10:00:00.000Z', userId: 'u1', deviceId: 'd1', action: 'login' }),
    );
    await expect(sql.query(`UPDATE audit SET user_id = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(sql.query('DELETE FROM audit')).rejects.toThrow(/append-only/);
    await expect(sql.query('TRUNCATE audit')).rejects.toThrow(/append-only/);
    expect(await store.listAudit({ limit: 10 })).toHaveLength(1);
  });

  it('stops at start-up when a shipped migration was edited', async () => {
    await sql.query(`UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1`);
    await expect(store.migrate()).rejects.toThrow(/never be edited/);
  });

  it('keeps every table in its own schema', async () => {
    const tables = await sql.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('documents', 'audit', 'push_log', 'schema_migrations')`,
    );
    const ours = tables.rows.filter((row) => row.table_schema === db.schema).map((row) => row.table_name);
    expect(ours.sort()).toEqual(['audit', 'documents', 'push_log', 'schema_migrations']);
  });

  it('holds a writer of another process to the same document until the first commits', async () => {
    // A second store on the same schema stands in for another server process: within one process the
    // store's group commit already queues writers one group after another, before they reach PostgreSQL.
    const otherProcess = openPostgresStore(db.connectionString, { schema: db.schema });
    let held!: () => void;
    let release!: () => void;
    const firstHolds = new Promise<void>((resolve) => (held = resolve));
    const releaseFirst = new Promise<void>((resolve) => (release = resolve));
    const first = store.transaction(async (tx) => {
      await tx.getDocuments('households', ['h1']);
      held();
      await releaseFirst;
      await tx.putDocument('households', { id: 'h1', _deleted: false, count: 1 }, 'site-a');
    });
    await firstHolds;

    let secondRead = false;
    const second = otherProcess.transaction(async (tx) => {
      const current = (await tx.getDocuments('households', ['h1'])).get('h1');
      secondRead = true;
      return current?.doc.count;
    });
    // Wait until PostgreSQL itself says a backend of this schema's store is waiting for a row lock.
    for (;;) {
      const waiting = await sql.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
      );
      if (Number(waiting.rows[0]!.n) > 0) break;
      expect(secondRead).toBe(false);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(secondRead).toBe(false);

    release();
    await first;
    expect(await second).toBe(1);
    await otherProcess.close();
  });
});

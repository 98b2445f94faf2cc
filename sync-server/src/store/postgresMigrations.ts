/**
 * Numbered migrations for the PostgreSQL store (sync-server/src/migrations/postgres/NNN_name.sql;
 * migrationFiles.ts has the rule both databases keep).
 *
 * All pending files run in ONE transaction that first takes a transaction-scoped
 * advisory lock for the schema, so several server processes starting together
 * queue up: the first applies the migrations, the others then find nothing to do.
 * Each applied file is recorded with its checksum.
 */
import { escapeIdentifier, type PoolClient } from 'pg';
import { loadMigrations, migrationsDir, pendingMigrations } from './migrationFiles';

/** First half of the advisory lock key; the second is a hash of the schema name. */
export const MIGRATION_LOCK_CLASS = 0x5753_0001;

/**
 * Applies pending migrations. Call inside a transaction on `client`: the
 * advisory lock and the migrations then commit or roll back together.
 */
export async function applyMigrations(client: PoolClient, schema: string): Promise<void> {
  const migrations = loadMigrations(migrationsDir('postgres'));
  await client.query('SELECT pg_advisory_xact_lock($1::int4, hashtext($2))', [MIGRATION_LOCK_CLASS, schema]);
  const quoted = escapeIdentifier(schema);
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
  await client.query(`SET LOCAL search_path TO ${quoted}`);
  await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer     PRIMARY KEY,
    name       text        NOT NULL,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied = await client.query<{ version: number; name: string; checksum: string }>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  const appliedByVersion = new Map(applied.rows.map((row) => [row.version, row.checksum]));
  for (const migration of pendingMigrations(migrations, (m) => appliedByVersion.get(m.version))) {
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      migration.checksum,
    ]);
  }
}

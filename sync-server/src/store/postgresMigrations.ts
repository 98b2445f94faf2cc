/**
 * Numbered migrations for the PostgreSQL store (sync-server/src/migrations/postgres/NNN_name.sql).
 *
 * All pending files run in ONE transaction that first takes a transaction-scoped
 * advisory lock for the schema, so several server processes starting together
 * queue up: the first applies the migrations, the others then find nothing to do.
 * Each applied file is recorded with a checksum; a shipped file that was edited
 * afterwards stops the server instead of leaving databases that disagree.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { escapeIdentifier, type PoolClient } from 'pg';

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/postgres/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

/** First half of the advisory lock key; the second is a hash of the schema name. */
export const MIGRATION_LOCK_CLASS = 0x5753_0001;

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const name of files) {
    const match = MIGRATION_FILE.exec(name);
    if (!match?.[1]) throw new Error(`Migration file name must look like 001_what_it_does.sql: ${name}`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`Two migrations numbered ${match[1]}`);
    const sql = await readFile(`${dir}${name}`, 'utf8');
    migrations.push({ version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * Applies pending migrations. Call inside a transaction on `client`: the
 * advisory lock and the migrations then commit or roll back together.
 */
export async function applyMigrations(client: PoolClient, schema: string): Promise<void> {
  const migrations = await loadMigrations();
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
  const appliedByVersion = new Map(applied.rows.map((row) => [row.version, row]));
  for (const migration of migrations) {
    const done = appliedByVersion.get(migration.version);
    if (done) {
      if (done.checksum !== migration.checksum) {
        throw new Error(
          `Migration ${migration.name} changed after it was applied (as ${done.name}); ` +
            'shipped migrations must never be edited: add a new numbered file instead',
        );
      }
      continue;
    }
    await client.query(migration.sql);
    await client.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
      migration.version,
      migration.name,
      migration.checksum,
    ]);
  }
}

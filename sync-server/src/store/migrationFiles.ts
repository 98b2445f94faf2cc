/**
 * The numbered migration files of each database (sync-server/src/migrations/<dialect>/NNN_what_it_does.sql)
 * and the one rule both runners apply: every file runs once, in number order, and a file that was
 * applied and then edited stops the server, instead of leaving databases that disagree. Each runner
 * keeps its own record of what it applied (SQLite: `migrations`, by file name; PostgreSQL:
 * `schema_migrations`, by number, in the store's schema) and its own lock against a second process.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Dialect } from './dialect';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATION_FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;

export function migrationsDir(dialect: Dialect): URL {
  return new URL(`../migrations/${dialect}/`, import.meta.url);
}

/** The .sql files of a folder in number order; a misnamed file or a number used twice is refused. */
export function loadMigrations(dir: URL): Migration[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  const migrations: Migration[] = [];
  for (const name of files) {
    const match = MIGRATION_FILE.exec(name);
    if (!match?.[1]) throw new Error(`Migration file name must look like 001_what_it_does.sql: ${name}`);
    const version = Number(match[1]);
    if (migrations.some((m) => m.version === version)) throw new Error(`Two migrations numbered ${match[1]}`);
    const sql = readFileSync(new URL(name, dir), 'utf8');
    migrations.push({ version, name, sql, checksum: createHash('sha256').update(sql).digest('hex') });
  }
  return migrations;
}

/**
 * The migrations still to apply, given the checksum each applied one had (undefined: not applied).
 * Throws, applying nothing, when an applied file's checksum changed.
 */
export function pendingMigrations(
  migrations: readonly Migration[],
  appliedChecksum: (migration: Migration) => string | undefined,
): Migration[] {
  const pending: Migration[] = [];
  for (const migration of migrations) {
    const checksum = appliedChecksum(migration);
    if (checksum === undefined) pending.push(migration);
    else if (checksum !== migration.checksum) {
      throw new Error(
        `Migration ${migration.name} was edited after it was applied; ` +
          'shipped migrations must never be edited: add a new numbered file instead',
      );
    }
  }
  return pending;
}

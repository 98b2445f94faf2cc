/**
 * Applies the numbered SQL files in migrations/sqlite/ in order, once each,
 * recording them in a `migrations` table. A shipped migration must never be
 * edited, so a changed checksum stops the server instead of silently
 * diverging from databases migrated earlier.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import type Database from 'better-sqlite3';

const MIGRATIONS_DIR = new URL('../migrations/sqlite/', import.meta.url);
const FILE_PATTERN = /^(\d{3})_[a-z0-9_]+\.sql$/;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function loadMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => FILE_PATTERN.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(new URL(file, dir), 'utf8');
      return { name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Runs under BEGIN IMMEDIATE so two processes starting at once cannot both apply a migration. */
export function applyMigrations(db: Database.Database, migrations: Migration[] = loadMigrations()): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS migrations (
    name       TEXT PRIMARY KEY,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
  const applied: string[] = [];
  const run = db.transaction(() => {
    const rows = db.prepare('SELECT name, checksum FROM migrations').all() as {
      name: string;
      checksum: string;
    }[];
    const known = new Map(rows.map((row) => [row.name, row.checksum]));
    const record = db.prepare('INSERT INTO migrations (name, checksum, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations) {
      const checksum = known.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(
            `Migration ${migration.name} was edited after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      db.exec(migration.sql);
      record.run(migration.name, migration.checksum, new Date().toISOString());
      applied.push(migration.name);
    }
  });
  run.immediate();
  return applied;
}

/**
 * Applies the numbered SQL files in migrations/sqlite/ in order, once each,
 * recording them in a `migrations` table (see migrationFiles.ts for the rule
 * both databases keep).
 */
import type Database from 'better-sqlite3';
import { loadMigrations, migrationsDir, pendingMigrations, type Migration } from './migrationFiles';

/** Runs under BEGIN IMMEDIATE so two processes starting at once cannot both apply a migration. */
export function applyMigrations(
  db: Database.Database,
  migrations: Migration[] = loadMigrations(migrationsDir('sqlite')),
): string[] {
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
    for (const migration of pendingMigrations(migrations, (m) => known.get(m.name))) {
      db.exec(migration.sql);
      record.run(migration.name, migration.checksum, new Date().toISOString());
      applied.push(migration.name);
    }
  });
  run.immediate();
  return applied;
}

/**
 * `npm run backup` / `npm run restore` for whichever store the configuration
 * names. The backup file is the store's native format: a SQLite database
 * file, or a pg_dump custom-format archive; restore checks which it was given.
 */
import { open } from 'node:fs/promises';
import type { DatabaseConfig } from '../config';
import type { RestoreOutcome } from './common';
import { backupPostgres, restorePostgres } from './postgres';
import { backupSqlite, restoreSqlite } from './sqlite';

export type { RestoreOutcome } from './common';

export async function backupDatabase(database: DatabaseConfig, file: string): Promise<void> {
  if (database.kind === 'sqlite') await backupSqlite(database.path, file);
  else await backupPostgres(database.url, database.schema, file);
}

export async function restoreDatabase(
  database: DatabaseConfig,
  file: string,
  options: { replace?: boolean } = {},
): Promise<RestoreOutcome> {
  const kind = await backupKind(file);
  if (kind !== database.kind) {
    throw new Error(
      `${file} is a ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'} backup, but this server is configured for ` +
        `${database.kind === 'sqlite' ? 'SQLite (no DATABASE_URL)' : 'PostgreSQL (DATABASE_URL)'}`,
    );
  }
  return database.kind === 'sqlite'
    ? restoreSqlite(file, database.path, options)
    : restorePostgres(file, database.url, database.schema, options);
}

/** Tells the two formats apart by their first bytes. */
async function backupKind(file: string): Promise<'sqlite' | 'postgres'> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(16), 0, 16, 0);
    const head = buffer.subarray(0, bytesRead).toString('latin1');
    if (head === 'SQLite format 3\u0000') return 'sqlite';
    if (head.startsWith('PGDMP')) return 'postgres';
  } finally {
    await handle.close();
  }
  throw new Error(`${file} is not a Waystation backup (neither a SQLite database nor a pg_dump archive)`);
}

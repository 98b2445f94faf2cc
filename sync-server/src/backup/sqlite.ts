/**
 * Backup and restore of the SQLite store.
 *
 * Backup uses SQLite's online backup API (better-sqlite3 `backup`): a
 * consistent copy taken while servers keep reading and writing. Restore puts
 * a copy of the backup in place of the database file, migrates it to this
 * version's schema and renews the server epoch (see Store.epoch).
 */
import { copyFile, rename, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../store/sqlite';
import { applyAccountSecurity, readAccountSecurity, type AccountSecurity } from './accountSecurity';
import { asideName, type RestoreOutcome } from './common';

/** SQLite's own name for the files that belong to a database in WAL mode. */
const COMPANIONS = ['', '-wal', '-shm'];

export async function backupSqlite(databasePath: string, file: string): Promise<void> {
  if (!existsSync(databasePath)) throw new Error(`No database at ${databasePath} (check DATA_DIR)`);
  const partial = `${file}.partial`;
  const db = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    await db.backup(partial);
  } finally {
    db.close();
  }
  // The copy inherits WAL mode; a backup is one self-contained file, without -wal and -shm companions.
  const copy = new Database(partial, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
  checkSqliteBackup(partial);
  // Only a complete, checked copy gets the name the operator asked for.
  await rename(partial, file);
}

/** Throws unless `file` is an intact SQLite database holding a Waystation store. */
export function checkSqliteBackup(file: string): void {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') throw new Error(`${file} is damaged: ${String(integrity)}`);
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((row) => row.name);
    for (const needed of ['migrations', 'documents', 'sequence']) {
      if (!tables.includes(needed))
        throw new Error(`${file} is not a Waystation backup (no ${needed} table)`);
    }
  } finally {
    db.close();
  }
}

/**
 * Restores `file` as the database at `databasePath`. Stop every server using
 * that file first. An existing database is refused unless `replace` is set,
 * and is then kept beside it under a `.before-restore-<time>` name.
 */
export async function restoreSqlite(
  file: string,
  databasePath: string,
  options: { replace?: boolean } = {},
): Promise<RestoreOutcome> {
  checkSqliteBackup(file);
  if (existsSync(databasePath) && !options.replace) {
    throw new Error(
      `A database already exists at ${databasePath}. Stop the server and pass --replace ` +
        '(the current database is kept beside it, renamed).',
    );
  }
  // Account security as it is now, read before anything changes (see accountSecurity.ts).
  let current: AccountSecurity[] = [];
  if (existsSync(databasePath)) {
    const live = openSqliteStore(databasePath);
    try {
      current = await readAccountSecurity(live, Date.now());
    } finally {
      await live.close();
    }
  }
  const staging = `${databasePath}.restoring`;
  for (const suffix of COMPANIONS) await rm(staging + suffix, { force: true });
  await copyFile(file, staging);

  // Migrate and renew the epoch on the copy, so the live name only ever holds a finished database.
  const store = openSqliteStore(staging);
  let epoch: string;
  let accounts: RestoreOutcome['accounts'];
  try {
    await store.migrate();
    epoch = await store.renewEpoch();
    accounts = await applyAccountSecurity(store, current, new Date());
  } finally {
    await store.close();
  }

  let keptAs: string | undefined;
  if (existsSync(databasePath)) {
    keptAs = asideName(databasePath, '.before-restore-');
    for (const suffix of COMPANIONS) {
      if (existsSync(databasePath + suffix)) await rename(databasePath + suffix, keptAs + suffix);
    }
  }
  await rename(staging, databasePath);
  return { epoch, accounts, ...(keptAs ? { keptAs } : {}) };
}

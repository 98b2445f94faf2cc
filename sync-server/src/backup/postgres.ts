/**
 * Backup and restore of the PostgreSQL store with the PostgreSQL client tools
 * (pg_dump / pg_restore, package postgresql-client, same major version as the
 * server or newer).
 *
 * Backup: `pg_dump --format=custom` of the store's schema only: a consistent
 * snapshot taken while servers keep running. Restore: pg_restore in one
 * transaction, then the store is migrated to this version's schema and its
 * server epoch renewed (see Store.epoch).
 *
 * A dump recreates the schema under the name it was taken from. Restoring
 * under another DATABASE_SCHEMA restores under the original name, then renames
 * it; that original name must therefore be free in the target database.
 */
import { execFile } from 'node:child_process';
import { rename } from 'node:fs/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { openPostgresStore } from '../store/postgres';
import { applyAccountSecurity, readAccountSecurity, type AccountSecurity } from './accountSecurity';
import { asideName, type RestoreOutcome } from './common';

const run = promisify(execFile);
const MAX_IDENTIFIER_BYTES = 63;

/** libpq arguments without the password, which goes through the environment instead of the process list. */
function clientArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

async function runTool(
  tool: 'pg_dump' | 'pg_restore',
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') {
      throw new Error(
        `${tool} not found: install the PostgreSQL client tools (e.g. apt install postgresql-client-15)`,
      );
    }
    const stderr = error instanceof Error && 'stderr' in error ? String(error.stderr).trim() : '';
    throw new Error(`${tool} failed${stderr ? `: ${stderr}` : ''}`, { cause: error });
  }
}

export async function backupPostgres(url: string, schema: string, file: string): Promise<void> {
  const { dbname, env } = clientArgs(url);
  const partial = `${file}.partial`;
  await runTool(
    'pg_dump',
    [
      '--format=custom',
      `--schema=${schema}`,
      '--no-owner',
      '--no-privileges',
      `--file=${partial}`,
      `--dbname=${dbname}`,
    ],
    env,
  );
  const dumped = await dumpedSchema(partial, env);
  if (dumped !== schema) throw new Error(`Schema ${schema} not found in the database (nothing was dumped)`);
  await rename(partial, file);
}

/** The one schema a Waystation dump holds, read from its table of contents. */
async function dumpedSchema(file: string, env: NodeJS.ProcessEnv): Promise<string> {
  const list = await runTool('pg_restore', ['--list', file], env);
  const schemas = [...list.matchAll(/^\d+; \d+ \d+ SCHEMA - (\S+) /gm)].map((match) => match[1]);
  const [schema, ...others] = schemas;
  if (!schema || others.length > 0) {
    throw new Error(`${file} is not a Waystation backup (it should hold exactly one schema)`);
  }
  if (!/\bTABLE \S+ documents\b/.test(list))
    throw new Error(`${file} is not a Waystation backup (no documents table)`);
  return schema;
}

async function schemaState(client: pg.Client, schema: string): Promise<'missing' | 'empty' | 'in use'> {
  const result = await client.query<{ exists: boolean; objects: string }>(
    `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS exists,
            (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1)
          + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1)
            AS objects`,
    [schema],
  );
  const row = result.rows[0];
  if (!row?.exists) return 'missing';
  return Number(row.objects) === 0 ? 'empty' : 'in use';
}

/**
 * Restores `file` into `schema`. Stop every server using that schema first.
 * A schema that holds anything is refused unless `replace` is set, and is then
 * kept under a `<schema>_before_restore_<time>` name.
 */
export async function restorePostgres(
  file: string,
  url: string,
  schema: string,
  options: { replace?: boolean } = {},
): Promise<RestoreOutcome> {
  const { dbname, env } = clientArgs(url);
  const dumped = await dumpedSchema(file, env);
  if (dumped !== schema && (dumped === 'public' || schema === 'public')) {
    throw new Error(`This backup is of schema ${dumped}; restore it with DATABASE_SCHEMA=${dumped}`);
  }

  let keptAs: string | undefined;
  let current: AccountSecurity[] = [];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const q = pg.escapeIdentifier;
  try {
    // Every check before any change, so a refused restore leaves the database as it was.
    const target = await schemaState(client, schema);
    const source = dumped === schema ? target : await schemaState(client, dumped);
    if (target === 'in use' && !options.replace) {
      throw new Error(
        `Schema ${schema} already holds data. Stop the servers and pass --replace ` +
          '(the current schema is kept, renamed).',
      );
    }
    if (dumped !== schema && source === 'in use') {
      throw new Error(
        `This backup is of schema ${dumped}, which exists in this database: ` +
          `restore with DATABASE_SCHEMA=${dumped} or into another database`,
      );
    }

    if (target === 'in use') {
      // Account security as it is now, read before anything changes (see accountSecurity.ts).
      const live = openPostgresStore(url, { schema, poolSize: 1 });
      try {
        current = await readAccountSecurity(live, Date.now());
      } finally {
        await live.close();
      }
      keptAs = asideName(schema.slice(0, MAX_IDENTIFIER_BYTES - 32), '_before_restore_').toLowerCase();
      await client.query(`ALTER SCHEMA ${q(schema)} RENAME TO ${q(keptAs)}`);
    }
    // pg_dump leaves out CREATE SCHEMA public (initdb makes it), so that one must exist; any other must not.
    if (dumped === 'public') await client.query('CREATE SCHEMA IF NOT EXISTS public');
    else if (source === 'empty' || (dumped === schema && target === 'empty'))
      await client.query(`DROP SCHEMA ${q(dumped)}`);
    if (dumped !== schema && target === 'empty') await client.query(`DROP SCHEMA ${q(schema)}`);

    try {
      await runTool(
        'pg_restore',
        [
          '--single-transaction',
          '--exit-on-error',
          '--no-owner',
          '--no-privileges',
          `--dbname=${dbname}`,
          file,
        ],
        env,
      );
    } catch (error) {
      // pg_restore rolled back; put the replaced schema back under its name.
      if (keptAs) await client.query(`ALTER SCHEMA ${q(keptAs)} RENAME TO ${q(schema)}`);
      keptAs = undefined;
      throw error;
    }
    if (dumped !== schema) await client.query(`ALTER SCHEMA ${q(dumped)} RENAME TO ${q(schema)}`);
  } finally {
    await client.end();
  }

  const store = openPostgresStore(url, { schema, poolSize: 1 });
  try {
    await store.migrate();
    const epoch = await store.renewEpoch();
    const accounts = await applyAccountSecurity(store, current, new Date());
    return { epoch, accounts, ...(keptAs ? { keptAs } : {}) };
  } finally {
    await store.close();
  }
}

/**
 * A throwaway PostgreSQL schema for one test file.
 *
 * Uses TEST_DATABASE_URL if set, else the local cluster (127.0.0.1:5432, user
 * postgres, database `test`). On a fresh machine the cluster may be installed
 * but stopped, so if the first connection fails we start it with
 * pg_ctlcluster and wait until it answers.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import pg from 'pg';

const DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/test';
const START_TIMEOUT_MS = 30_000;

export interface TestPostgres {
  connectionString: string;
  schema: string;
  /** Drops the schema and everything in it. */
  drop(): Promise<void>;
}

export async function createTestPostgres(): Promise<TestPostgres> {
  const connectionString = process.env.TEST_DATABASE_URL ?? DEFAULT_URL;
  await ensureServerRunning(connectionString);
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withClient(connectionString, (client) => client.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`));
  return {
    connectionString,
    schema,
    drop: () =>
      withClient(connectionString, (client) =>
        client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`),
      ).then(() => undefined),
  };
}

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function canConnect(connectionString: string): Promise<unknown> {
  try {
    await withClient(connectionString, (client) => client.query('SELECT 1'));
    return undefined;
  } catch (error) {
    return error;
  }
}

async function ensureServerRunning(connectionString: string): Promise<void> {
  let error = await canConnect(connectionString);
  if (!error) return;
  if (isMissingDatabase(error)) return createDatabase(connectionString);
  if (process.env.TEST_DATABASE_URL) {
    throw new Error(`Cannot reach TEST_DATABASE_URL: ${messageOf(error)}`);
  }
  startLocalCluster();
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (error && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    error = await canConnect(connectionString);
    if (error && isMissingDatabase(error)) return createDatabase(connectionString);
  }
  if (error) throw new Error(`PostgreSQL did not come up within ${START_TIMEOUT_MS / 1000}s: ${messageOf(error)}`);
}

function startLocalCluster() {
  const root = '/etc/postgresql';
  const version = existsSync(root) ? readdirSync(root).sort().at(-1) : undefined;
  if (!version) {
    throw new Error('PostgreSQL is not reachable and no local cluster is installed (/etc/postgresql is empty)');
  }
  try {
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'pipe' });
  } catch (startError) {
    // Another test file may have started it a moment ago ("already running"); the wait loop decides.
    console.warn(`pg_ctlcluster start: ${messageOf(startError)}`);
  }
}

function isMissingDatabase(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === '3D000';
}

async function createDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.slice(1));
  url.pathname = '/postgres';
  await withClient(url.toString(), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } catch (error) {
      // 42P04: created meanwhile by a parallel test file.
      if (!(error instanceof Error && 'code' in error && error.code === '42P04')) throw error;
    }
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

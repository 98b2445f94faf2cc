/**
 * "A server is using this data": a lock every server process holds while it
 * runs, so the restore tool refuses to replace a database under a running
 * server (a push that server acknowledged would be lost with it).
 *
 * SQLite: each process keeps a file `<database>.server-<pid>.lock` beside the
 * database and rewrites its heartbeat every few seconds; a lock whose
 * heartbeat is older than STALE_MS belongs to a server that died.
 * PostgreSQL: each process holds a shared session-level advisory lock for the
 * schema on a connection of its own; the restore takes the same lock
 * exclusively, which fails while any server holds it (on any machine), and
 * holds it until it is done, so no server starts mid-restore.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hostname } from 'node:os';
import pg from 'pg';
import type { DatabaseConfig } from '../config';

const HEARTBEAT_MS = 5_000;
const STALE_MS = 30_000;
const LOCK_NAMESPACE = 0x5741_5953; // "WAYS"

export interface ServerLock {
  release(): Promise<void>;
}

function lockKey(schema: string): [number, string] {
  return [LOCK_NAMESPACE, `waystation-server:${schema}`];
}

/** Taken by main.ts at start, released at shutdown. */
export async function holdServerLock(database: DatabaseConfig): Promise<ServerLock> {
  if (database.kind === 'sqlite') {
    const file = `${database.path}.server-${process.pid}.lock`;
    const beat = () =>
      writeFileSync(file, JSON.stringify({ pid: process.pid, host: hostname(), heartbeatAt: new Date().toISOString() }));
    beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    timer.unref();
    return {
      release: async () => {
        clearInterval(timer);
        rmSync(file, { force: true });
      },
    };
  }
  const client = new pg.Client({ connectionString: database.url });
  // The lock lives with this connection: if it drops, the lock is gone, which only makes a restore possible.
  client.on('error', () => undefined);
  await client.connect();
  const [namespace, name] = lockKey(database.schema);
  // Waits while a restore holds the lock exclusively.
  await client.query('SELECT pg_advisory_lock_shared($1::int4, hashtext($2))', [namespace, name]);
  return { release: () => client.end() };
}

/** The running servers of the SQLite database at `databasePath` (fresh heartbeats only). */
export function runningSqliteServers(databasePath: string, nowMs = Date.now()): string[] {
  const prefix = `${basename(databasePath)}.server-`;
  let names: string[];
  try {
    names = readdirSync(dirname(databasePath));
  } catch {
    return [];
  }
  const running: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.lock')) continue;
    try {
      const lock = JSON.parse(readFileSync(join(dirname(databasePath), name), 'utf8')) as {
        pid?: number;
        host?: string;
        heartbeatAt?: string;
      };
      const age = nowMs - Date.parse(lock.heartbeatAt ?? '');
      if (age < STALE_MS) running.push(`process ${lock.pid ?? '?'} on ${lock.host ?? '?'}`);
    } catch {
      // A lock being written or removed right now: the next look decides.
    }
  }
  return running;
}

/**
 * For the restore tool: throws while a server holds the data; otherwise returns a lock that keeps
 * servers from starting (PostgreSQL) until released.
 */
export async function lockOutServers(database: DatabaseConfig): Promise<ServerLock> {
  if (database.kind === 'sqlite') {
    const running = runningSqliteServers(database.path);
    if (running.length > 0) {
      throw new Error(
        `A server is using ${database.path} (${running.join(', ')}). Stop every server first; ` +
          `nothing was changed. (A server that crashed stops counting ${STALE_MS / 1000} s after its last heartbeat.)`,
      );
    }
    return { release: async () => undefined };
  }
  const client = new pg.Client({ connectionString: database.url });
  client.on('error', () => undefined);
  await client.connect();
  const [namespace, name] = lockKey(database.schema);
  const { rows } = await client.query<{ locked: boolean }>(
    'SELECT pg_try_advisory_lock($1::int4, hashtext($2)) AS locked',
    [namespace, name],
  );
  if (!rows[0]?.locked) {
    await client.end();
    throw new Error(
      `A server is using schema ${database.schema} of this database. Stop every server process first; nothing was changed.`,
    );
  }
  return { release: () => client.end() };
}

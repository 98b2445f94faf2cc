/** Opens the store the configuration names; main.ts and the backup tools share this. */
import type { DatabaseConfig } from '../config';
import { openPostgresStore } from './postgres';
import { openSqliteStore } from './sqlite';
import type { Store } from './types';

export function openConfiguredStore(
  database: DatabaseConfig,
  onIdleClientError?: (error: Error) => void,
): Store {
  if (database.kind === 'sqlite') return openSqliteStore(database.path);
  return openPostgresStore(database.url, {
    schema: database.schema,
    ...(onIdleClientError ? { onIdleClientError } : {}),
  });
}

/** Where the data is, for logs: never the PostgreSQL password. */
export function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return database.path;
  const url = new URL(database.url);
  return `postgresql://${url.host}${url.pathname} (schema ${database.schema})`;
}

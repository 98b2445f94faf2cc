import type Database from 'better-sqlite3';
import type { CompiledQuery } from 'kysely';
import type { Row } from './dialect';

/**
 * Prepared statements, kept per connection. better-sqlite3 does not cache
 * them, and preparing costs about as much as running one of these small
 * statements: a 500-row push runs ~2,000 of them.
 */
const statementCache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function cached<P extends unknown[] | Record<string, unknown> = unknown[], R = unknown>(
  db: Database.Database,
  sql: string,
): Database.Statement<P, R> {
  let statements = statementCache.get(db);
  if (!statements) {
    statements = new Map();
    statementCache.set(db, statements);
  }
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement as unknown as Database.Statement<P, R>;
}

/** A statement Kysely compiled (`dialect.ts`), run on one connection: its rows. */
export function rows(db: Database.Database, query: CompiledQuery<unknown>): Row[] {
  return cached<unknown[], Row>(db, query.sql).all(...query.parameters);
}

/** Its first row, read, or undefined. */
export function first<T>(
  db: Database.Database,
  query: CompiledQuery<unknown>,
  read: (row: Row) => T,
): T | undefined {
  const row = cached<unknown[], Row>(db, query.sql).get(...query.parameters);
  return row ? read(row) : undefined;
}

/** Runs a statement that returns no rows: how many rows it changed. */
export function run(db: Database.Database, query: CompiledQuery<unknown>): number {
  return cached(db, query.sql).run(...query.parameters).changes;
}

import type Database from 'better-sqlite3';

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

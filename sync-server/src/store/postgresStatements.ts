/** Statements Kysely compiled (`dialect.ts`), run on node-postgres: the pool, or a transaction's client. */
import type { CompiledQuery } from 'kysely';
import type { Row } from './dialect';

/** The part of pg's Pool and PoolClient we use. */
export interface Queryable {
  query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[]; rowCount: number | null }>;
}

export async function rows(db: Queryable, query: CompiledQuery<unknown>): Promise<Row[]> {
  return (await db.query<Row>(query.sql, [...query.parameters])).rows;
}

/** The first row, read, or undefined. */
export async function first<T>(
  db: Queryable,
  query: CompiledQuery<unknown>,
  read: (row: Row) => T,
): Promise<T | undefined> {
  const [row] = await rows(db, query);
  return row ? read(row) : undefined;
}

/** Runs a statement that returns no rows: how many rows it changed. */
export async function run(db: Queryable, query: CompiledQuery<unknown>): Promise<number> {
  return (await db.query(query.sql, [...query.parameters])).rowCount ?? 0;
}

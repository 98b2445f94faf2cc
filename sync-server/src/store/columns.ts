/**
 * How each database hands back the columns the two stores read differently,
 * so the row mappers (accountRows.ts, documentRows.ts) are written once.
 * PostgreSQL (node-postgres): timestamptz as Date, jsonb parsed, text[] as
 * arrays, booleans, bigint as text. SQLite (better-sqlite3): ISO text, JSON
 * as text, 0/1, numbers.
 */

/** The types one database uses for the columns that differ. */
export interface Columns {
  time: unknown;
  json: unknown;
  bool: unknown;
  list: unknown;
  /** A 64-bit integer: a sequence number, an audit id, milliseconds. */
  int64: unknown;
}

/** How one database's column values are read. */
export interface ColumnReaders<C extends Columns> {
  time(value: C['time']): string;
  json(value: C['json']): unknown;
  bool(value: C['bool']): boolean;
  /** A list of strings; `what` names it in the error when the stored value is corrupt. */
  list(value: C['list'], what: string): string[];
  int64(value: C['int64']): number;
}

/** A bigint as node-postgres gives it (text), as a number. */
export function numberFromBigint(value: string | undefined): number {
  const n = Number(value);
  // A bigint beyond 2^53 would silently lose precision as a JS number; fail loudly instead.
  if (!Number.isSafeInteger(n)) throw new Error(`Sequence number out of range: ${String(value)}`);
  return n;
}

export interface PostgresColumns {
  time: Date;
  json: unknown;
  bool: boolean;
  list: string[];
  int64: string;
}

export const postgresColumns: ColumnReaders<PostgresColumns> = {
  time: (value) => value.toISOString(),
  json: (value) => value,
  bool: (value) => value,
  list: (value) => value,
  int64: numberFromBigint,
};

export interface SqliteColumns {
  time: string;
  json: string;
  bool: number;
  list: string;
  int64: number;
}

function stringArray(json: string, what: string): string[] {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`Stored ${what} is corrupt`);
  }
  return value;
}

export const sqliteColumns: ColumnReaders<SqliteColumns> = {
  time: (value) => value,
  json: (value) => JSON.parse(value),
  bool: (value) => value === 1,
  list: stringArray,
  int64: (value) => value,
};

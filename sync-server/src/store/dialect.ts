/**
 * What differs between the store's two databases, said once for the statements
 * that Kysely builds (`accountQueries.ts`, `deviceQueries.ts`): the compiler of
 * each dialect (compile only: every store runs the SQL on its own connection,
 * see `sqliteStatements.ts` and `postgresStatements.ts`), and a `Codec` for the
 * values whose stored form differs: how a boolean, a list of names, a JSON
 * value, a timestamp and a big integer are written and read back.
 */
import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';

/** A row as a database answers it: the codec knows what each value is. */
export type Row = Record<string, unknown>;

export type Dialect = 'sqlite' | 'postgres';

/** How one database stores the values whose form differs, and reads them back. */
export interface Codec {
  bool(value: boolean): unknown;
  names(value: readonly string[]): unknown;
  json(value: unknown): unknown;
  readBool(value: unknown): boolean;
  readNames(value: unknown, what: string): string[];
  readJson(value: unknown): unknown;
  readTime(value: unknown): string;
  readInt(value: unknown): number;
}

/** A big integer as a JS number; one beyond 2^53 would silently lose precision, so it fails loudly. */
function safeInteger(value: unknown): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw new Error(`Stored integer out of range: ${String(value)}`);
  return number;
}

function checkedNames(value: unknown, what: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(`Stored ${what} is corrupt`);
  }
  return value;
}

export const CODECS: Record<Dialect, Codec> = {
  // SQLite: integers for booleans, JSON text for lists and objects, ISO text for times.
  sqlite: {
    bool: (value) => (value ? 1 : 0),
    names: (value) => JSON.stringify(value),
    json: (value) => JSON.stringify(value),
    readBool: (value) => value === 1,
    readNames: (value, what) => checkedNames(JSON.parse(String(value)), what),
    readJson: (value) => JSON.parse(String(value)),
    readTime: (value) => String(value),
    readInt: safeInteger,
  },
  // PostgreSQL: booleans, text[] for lists, jsonb (sent as text, parsed by node-postgres), timestamptz
  // (read as Date), bigint (read as a string).
  postgres: {
    bool: (value) => value,
    names: (value) => [...value],
    json: (value) => JSON.stringify(value),
    readBool: (value) => value === true,
    readNames: checkedNames,
    readJson: (value) => value,
    readTime: (value) => (value instanceof Date ? value.toISOString() : String(value)),
    readInt: safeInteger,
  },
};

export function compilerFor<Tables>(dialect: Dialect, schema: string | undefined): Kysely<Tables> {
  const db = new Kysely<Tables>({
    dialect:
      dialect === 'sqlite'
        ? {
            createAdapter: () => new SqliteAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (kysely) => new SqliteIntrospector(kysely),
            createQueryCompiler: () => new SqliteQueryCompiler(),
          }
        : {
            createAdapter: () => new PostgresAdapter(),
            createDriver: () => new DummyDriver(),
            createIntrospector: (kysely) => new PostgresIntrospector(kysely),
            createQueryCompiler: () => new PostgresQueryCompiler(),
          },
  });
  return schema === undefined ? db : db.withSchema(schema);
}

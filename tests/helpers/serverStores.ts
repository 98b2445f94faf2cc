/**
 * The two stores a server test over HTTP runs on, for `describe.each`:
 * SQLite (the test server's own, so `undefined`) and PostgreSQL (a fresh
 * schema, dropped after each test, after the test's server has closed).
 * Call at the top of a test file, before the hooks that close servers.
 */
import { afterEach } from 'vitest';
import { openPostgresStore } from '../../sync-server/src/store/postgres';
import type { Store } from '../../sync-server/src/store/types';
import { createTestPostgres, type TestPostgres } from './postgres';

export type OpenStore = () => Promise<Store | undefined>;

export function serverStores(): [name: string, open: OpenStore][] {
  const schemas: TestPostgres[] = [];
  // Registered first, so it runs after the file's own after-hooks (Vitest runs them as a stack).
  afterEach(async () => {
    for (const schema of schemas.splice(0)) await schema.drop();
  });
  return [
    ['SQLite', () => Promise.resolve(undefined)],
    [
      'PostgreSQL',
      async () => {
        const schema = await createTestPostgres();
        schemas.push(schema);
        return openPostgresStore(schema.connectionString, { schema: schema.schema });
      },
    ],
  ];
}

import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * Four projects, one command (`npm test` runs all):
 *  - unit:   tests beside the code in src/ (domain rules, components under jsdom)
 *  - server: sync-server unit tests and tests/server over real HTTP with real databases
 *  - slow:   what takes minutes by design: RxDB clients on fake-indexeddb (tests/sync), the chaos proxy,
 *            the 10,000-run fuzz, real server processes (several on one database, backup and restore
 *            as an operator runs them), and the bench smoke test (a build and Chromium)
 *  - e2e:    tests/e2e in real Chromium against the production build
 * `npm run test:fast` runs unit + server: the tier to run while working.
 *
 * Two groups, one after the other: unit, server and slow run two files at a
 * time (Vitest's default on a 2-core machine is one, and the CI machine's
 * second core sat idle), then the browser tests run alone, one file at a
 * time, so a Chromium page never waits on a CPU that a property test holds.
 */
const PARALLEL = { sequence: { groupOrder: 0 }, maxWorkers: 2 } as const;
// The names the app and the server share (`@waystation/domain/*`, `@waystation/protocol…`) come from the
// tsconfig's `paths`, for every project, as in the build (vite.config.ts) and under tsx.
const SHARED_NAMES = { tsconfigPaths: true } as const;
const slowTests = [
  'tests/sync/**/*.test.ts',
  'tests/bench/**/*.test.ts',
  'tests/server/chaos.test.ts',
  'tests/server/fuzz.test.ts',
  'tests/server/multiProcess.test.ts',
  'tests/server/messagesConcurrency.test.ts',
  'tests/server/backupRestore.test.ts',
  'tests/server/loggedMessagesRestart.test.ts',
];
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        define: { __APP_VERSION__: JSON.stringify('test'), __BUILD_ID__: JSON.stringify('test') },
        resolve: {
          ...SHARED_NAMES,
          alias: {
            // The PWA plugin's virtual module exists only in a Vite build; tests get a controllable stub.
            'virtual:pwa-register/react': fileURLToPath(new URL('./tests/setup/pwaRegisterReact.ts', import.meta.url)),
          },
        },
        test: {
          ...PARALLEL,
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/setup/jsdom.ts'],
        },
      },
      {
        resolve: SHARED_NAMES,
        test: {
          ...PARALLEL,
          name: 'server',
          include: ['sync-server/src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', ...slowTests],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: SHARED_NAMES,
        test: {
          ...PARALLEL,
          name: 'slow',
          include: slowTests,
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: SHARED_NAMES,
        test: {
          name: 'e2e',
          sequence: { groupOrder: 1 },
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          globalSetup: ['tests/e2e/globalSetup.ts'],
        },
      },
    ],
  },
});

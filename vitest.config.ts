import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

/**
 * Three projects, one command (`npm test` runs all):
 *  - unit:   tests beside the code in src/ (domain rules, components under jsdom)
 *  - server: sync-server unit tests and tests/ over real HTTP with real databases and RxDB clients
 *  - e2e:    tests/e2e in real Chromium against the production build
 */
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [react()],
        define: { __APP_VERSION__: JSON.stringify('test'), __BUILD_ID__: JSON.stringify('test') },
        resolve: {
          alias: {
            // The PWA plugin's virtual module exists only in a Vite build; tests get a controllable stub.
            'virtual:pwa-register/react': fileURLToPath(new URL('./tests/setup/pwaRegisterReact.ts', import.meta.url)),
          },
        },
        test: {
          name: 'unit',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/setup/jsdom.ts'],
        },
      },
      {
        test: {
          name: 'server',
          include: ['sync-server/src/**/*.test.ts', 'tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
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

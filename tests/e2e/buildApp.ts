import path from 'node:path';
import { build } from 'vite';

/**
 * A production build with a distinct build id (shown by the app, used to tell
 * versions apart). Vitest runs with NODE_ENV=test, which would otherwise give
 * a development build of React and skip the service worker: force production.
 */
export async function buildApp(outDir: string, buildId: string, root = '.'): Promise<void> {
  const saved = { id: process.env.WAYSTATION_BUILD_ID, env: process.env.NODE_ENV };
  process.env.WAYSTATION_BUILD_ID = buildId;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      // Another source tree (an earlier release, see previousRelease.ts) builds with its own config.
      root,
      configFile: path.join(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    restore('WAYSTATION_BUILD_ID', saved.id);
    restore('NODE_ENV', saved.env);
  }
}

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

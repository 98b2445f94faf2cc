import { build } from 'vite';

/** A production build with a distinct build id (shown by the app, used to tell versions apart). */
export async function buildApp(outDir: string, buildId: string): Promise<void> {
  const previous = process.env.WAYSTATION_BUILD_ID;
  process.env.WAYSTATION_BUILD_ID = buildId;
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false },
    });
  } finally {
    if (previous === undefined) delete process.env.WAYSTATION_BUILD_ID;
    else process.env.WAYSTATION_BUILD_ID = previous;
  }
}

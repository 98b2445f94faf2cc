/** Production builds for the bench: its own page (bench/page) and the app (for size and cold start). */
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

const PAGE_ROOT = fileURLToPath(new URL('./page/', import.meta.url));

async function inProduction<T>(fn: () => Promise<T>): Promise<T> {
  const saved = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved;
  }
}

export async function buildBenchPage(outDir: string): Promise<void> {
  await inProduction(() =>
    build({
      root: PAGE_ROOT,
      configFile: false,
      mode: 'production',
      logLevel: 'warn',
      define: { __APP_VERSION__: '"bench"', __BUILD_ID__: '"bench"' },
      build: {
        outDir,
        emptyOutDir: true,
        sourcemap: false,
        chunkSizeWarningLimit: 5_000,
        // A profile (BENCH_CPU_PROFILE) names RxDB's and the app's functions instead of minified letters.
        ...(process.env.BENCH_CPU_PROFILE ? { minify: false } : {}),
      },
    }),
  );
}

export interface AppChunk {
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
}

/** Builds the app exactly as `npm run build` does, into outDir; returns its JavaScript chunks. */
export async function buildProductionApp(outDir: string): Promise<AppChunk[]> {
  const chunks: AppChunk[] = [];
  await inProduction(() =>
    build({
      configFile: 'vite.config.ts',
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, sourcemap: false },
      plugins: [
        {
          name: 'bench-chunks',
          generateBundle(_options, bundle) {
            for (const output of Object.values(bundle)) {
              if (output.type !== 'chunk') continue;
              chunks.push({
                fileName: output.fileName,
                code: output.code,
                isEntry: output.isEntry,
                imports: [...output.imports],
                dynamicImports: [...output.dynamicImports],
              });
            }
          },
        },
      ],
    }),
  );
  return chunks;
}

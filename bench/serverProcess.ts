/** Starts bench/serverMain.ts as a child process and waits for its ready line. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const START_TIMEOUT_MS = 180_000;

export interface BenchServer {
  url: string;
  tokens: string[];
  dataDir: string;
  stop(): Promise<void>;
}

export interface BenchServerOptions {
  staticDir?: string;
  seedFile?: string;
  sessions?: number;
  sites: readonly string[];
  /** PostgreSQL instead of SQLite. */
  postgres?: { url: string; schema: string };
}

export async function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'waystation-bench-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'production',
    BENCH_DATA_DIR: dataDir,
    BENCH_SITES: options.sites.join(','),
    BENCH_SESSIONS: String(options.sessions ?? 1),
  };
  delete env.DATABASE_URL;
  if (options.staticDir) env.BENCH_STATIC_DIR = options.staticDir;
  if (options.seedFile) env.BENCH_SEED_FILE = options.seedFile;
  if (options.postgres) {
    env.DATABASE_URL = options.postgres.url;
    env.DATABASE_SCHEMA = options.postgres.schema;
  }
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_PROFILE
        ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_SERVER_PROFILE]
        : []),
      '--import',
      'tsx',
      'bench/serverMain.ts',
    ],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let errors = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const ready = await new Promise<{ url: string; tokens: string[] }>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`bench server did not start: ${errors}`)),
        START_TIMEOUT_MS,
      );
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        const line = output.split('\n').find((l) => l.startsWith('{'));
        if (line && output.includes('\n')) {
          clearTimeout(timer);
          resolve(JSON.parse(line) as { url: string; tokens: string[] });
        }
      });
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`bench server exited: ${errors}`));
      });
    });
    return { ...ready, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

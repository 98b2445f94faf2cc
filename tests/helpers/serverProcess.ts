/**
 * A real sync-server process (`node --import tsx sync-server/src/main.ts`), as
 * production runs it, for tests of several processes on one database. It
 * listens on a free port (PORT=0) and prints its address once ready.
 * Always `stop()` it; tests give up on a process that does not start in time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const READY_LINE = /Waystation is running at (http:\/\/[^\s]+)/;

export interface ServerProcess {
  url: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within a few seconds. Resolves with the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL at once, as a crash or the OOM killer would: no shutdown handler runs. Resolves on exit. */
  kill(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sync-server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };

  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGKILL');
    await exited;
  };

  try {
    const url = await waitForReady(child, () => output, exited);
    return { url, output: () => output, stop, kill };
  } catch (error) {
    await stop();
    throw error;
  }
}

function waitForReady(
  child: ChildProcess,
  output: () => string,
  exited: Promise<number | null>,
): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = READY_LINE.exec(output());
      if (match?.[1]) finish(() => resolve(match[1]!));
    };
    const timer = setTimeout(
      () => finish(() => reject(new Error(`server did not start in ${START_TIMEOUT_MS} ms:\n${output()}`))),
      START_TIMEOUT_MS,
    );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      settle();
    };
    child.stdout?.on('data', check);
    void exited.then((code) =>
      finish(() => reject(new Error(`server exited (${code}) before it was ready:\n${output()}`))),
    );
    check();
  });
}

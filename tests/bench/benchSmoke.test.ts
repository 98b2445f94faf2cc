/**
 * The benchmark end to end at tiny sizes (BENCH_SCALE=smoke): every figure is
 * measured through the same code as the full run (real Chromium, real sync
 * server over loopback HTTP, production builds) and the results file has the
 * shape the README and the lead's tooling read. No figure is asserted: speed
 * is judged from `npm run bench` on a quiet machine, never in tests.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'waystation-bench-smoke-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const REQUIRED = [
  'initialSync10k',
  'initialSync100k',
  'push10k',
  'push50k',
  'upload50Photos',
  'serverIngestSqlite',
  'searchP95',
  'entryJsGzip',
  'coldOfflineStart',
  'firstLoad3g',
];

describe('npm run bench (smoke scale)', () => {
  it('measures every figure and writes machine and results', { timeout: 600_000 }, async () => {
    const out = join(dir, 'latest.json');
    await run(process.execPath, ['--import', 'tsx', 'bench/run.ts'], {
      env: { ...process.env, BENCH_SCALE: 'smoke', BENCH_OUT: out },
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(readFileSync(out, 'utf8')) as {
      machine: Record<string, unknown>;
      results: {
        name: string;
        value: unknown;
        unit: unknown;
        target: unknown;
        met: unknown;
        bound?: { atMost?: number; atLeast?: number };
        missedBy?: unknown;
      }[];
    };

    for (const key of ['cpu', 'cores', 'memory', 'os', 'node', 'chromium']) {
      expect(report.machine[key], key).toBeDefined();
    }
    const names = report.results.map((r) => r.name);
    expect(names).toEqual(expect.arrayContaining(REQUIRED));
    for (const name of names) {
      expect([...REQUIRED, 'serverIngestPostgres']).toContain(name);
    }
    for (const result of report.results) {
      expect(typeof result.value, result.name).toBe('number');
      expect(Number.isFinite(result.value), result.name).toBe(true);
      expect(typeof result.unit, result.name).toBe('string');
      expect(typeof result.target, result.name).toBe('string');
      expect(typeof result.met, result.name).toBe('boolean');
      // Every figure names its bound, and one outside it says by how much.
      expect(result.bound, result.name).toBeDefined();
      const value = result.value as number;
      const outside =
        (result.bound?.atMost !== undefined && value > result.bound.atMost) ||
        (result.bound?.atLeast !== undefined && value < result.bound.atLeast);
      if (outside) expect(result.missedBy, result.name).toMatch(/^[\d.]+× over$|^\d+ % under$/);
      else expect(result.missedBy, result.name).toBeUndefined();
    }
  });
});

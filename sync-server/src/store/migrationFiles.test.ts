import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, migrationsDir, pendingMigrations } from './migrationFiles';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function folder(files: Record<string, string>): URL {
  const dir = mkdtempSync(join(tmpdir(), 'waystation-migrations-'));
  dirs.push(dir);
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return pathToFileURL(`${dir}/`);
}

describe('migration files', () => {
  it('are the same numbered files for both databases', () => {
    const names = (dialect: 'sqlite' | 'postgres') =>
      loadMigrations(migrationsDir(dialect)).map((m) => m.name);
    expect(names('sqlite')).toEqual(names('postgres'));
    expect(names('sqlite')[0]).toBe('001_initial.sql');
  });

  it('load in number order and refuse a misnamed file or a number used twice', () => {
    const loaded = loadMigrations(
      folder({ '002_b.sql': 'B', '001_a.sql': 'A', 'README.md': 'not a migration' }),
    );
    expect(loaded.map((m) => [m.version, m.name, m.sql])).toEqual([
      [1, '001_a.sql', 'A'],
      [2, '002_b.sql', 'B'],
    ]);
    expect(() => loadMigrations(folder({ '1_a.sql': 'A' }))).toThrow(
      /must look like 001_what_it_does\.sql: 1_a\.sql/,
    );
    expect(() => loadMigrations(folder({ '001_a.sql': 'A', '001_b.sql': 'B' }))).toThrow(
      /Two migrations numbered 001/,
    );
  });

  it('leave out what was applied, and stop at one edited since', () => {
    const [a, b] = loadMigrations(folder({ '001_a.sql': 'A', '002_b.sql': 'B' }));
    expect(pendingMigrations([a!, b!], (m) => (m === a ? a.checksum : undefined))).toEqual([b]);
    expect(() => pendingMigrations([a!, b!], (m) => (m === a ? 'other' : undefined))).toThrow(
      /001_a\.sql was edited after it was applied/,
    );
  });
});

/**
 * Server processes that start together on one DATA_DIR (several processes on
 * one PostgreSQL database share it) must agree on one attachment key: the one
 * that makes the key file first, read whole by the others.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { attachmentKey } from './blobStore';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'waystation-key-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('starts made at once agree on one whole key, and leave only the key file', async () => {
  for (let round = 0; round < 20; round++) {
    const keyFile = join(dir, `round-${round}`, 'server.key');
    const keys = await Promise.all(Array.from({ length: 8 }, () => attachmentKey(keyFile)));
    for (const key of keys) expect(key).toHaveLength(32);
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
    expect(await readdir(join(dir, `round-${round}`))).toEqual(['server.key']);
  }
});

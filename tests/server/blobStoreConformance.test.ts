/**
 * What every BlobStore (sync-server/src/attachments/blobStore.ts) must do,
 * written once so another implementation (an S3-compatible store) runs the
 * same cases: content kept once by its SHA-256 and encrypted at rest, an
 * upload's chunks written at their offsets (a resent chunk replaces, never
 * appends), uploads and families' totals kept and read back. Run against
 * the directory store and the S3 store, the latter on a local S3-compatible
 * server (s3rver) that checks every request's signature.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryBlobStore, type BlobStore, type UploadRecord } from '../../sync-server/src/attachments/blobStore';
import { S3BlobStore } from '../../sync-server/src/attachments/s3BlobStore';
import { startLocalS3 } from '../helpers/s3Server';

interface Subject {
  store: BlobStore;
  /** A second store on the same place with the same key (another process). */
  reopen(): BlobStore;
  /** Every byte the store keeps at rest, to look for plaintext. */
  rawBytes(): Promise<Buffer>;
  close(): Promise<void>;
}

async function directorySubject(): Promise<Subject> {
  const dir = await mkdtemp(join(tmpdir(), 'waystation-blobs-'));
  const key = randomBytes(32);
  const files = async (at: string): Promise<string[]> => {
    const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(
      entries.map((entry) => (entry.isDirectory() ? files(join(at, entry.name)) : [join(at, entry.name)])),
    );
    return nested.flat();
  };
  return {
    store: new DirectoryBlobStore(dir, key),
    reopen: () => new DirectoryBlobStore(dir, key),
    rawBytes: async () => Buffer.concat(await Promise.all((await files(dir)).map((f) => readFile(f)))),
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

async function s3Subject(): Promise<Subject> {
  const s3 = await startLocalS3();
  const key = randomBytes(32);
  return {
    store: new S3BlobStore(s3.config, key),
    reopen: () => new S3BlobStore(s3.config, key),
    rawBytes: () => s3.rawBytes(),
    close: () => s3.close(),
  };
}

const IMPLEMENTATIONS: Array<[string, () => Promise<Subject>]> = [
  ['directory', directorySubject],
  ['S3 (s3rver)', s3Subject],
];

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(IMPLEMENTATIONS)('BlobStore: %s', (_name, open) => {
  let subject: Subject | undefined;
  afterEach(async () => {
    await subject?.close();
    subject = undefined;
  });

  it('keeps content once by its SHA-256, encrypted at rest, readable by another instance', async () => {
    subject = await open();
    const bytes = randomBytes(50_000);
    const address = sha(bytes);
    expect(await subject.store.has(address)).toBe(false);
    expect(await subject.store.get(address)).toBeUndefined();
    await subject.store.put(address, bytes);
    await subject.store.put(address, bytes);
    expect(await subject.store.has(address)).toBe(true);
    expect((await subject.reopen().get(address))?.equals(bytes)).toBe(true);
    const raw = await subject.rawBytes();
    expect(raw.includes(bytes.subarray(1000, 1064))).toBe(false);
    // Stored once: the second put added nothing.
    expect(raw.length).toBeLessThan(2 * bytes.length);
  });

  it('writes chunks at their offsets; a resent chunk replaces what followed it', async () => {
    subject = await open();
    const bytes = randomBytes(3000);
    const upload: UploadRecord = {
      id: sha(Buffer.from('upload-1')),
      sha256: sha(bytes),
      size: bytes.length,
      received: 0,
      siteId: 'site-a',
      householdId: 'h1',
      userId: 'u1',
      createdAt: '2026-12-07T10:00:00.000Z',
    };
    expect(await subject.store.getUpload(upload.id)).toBeUndefined();
    await subject.store.putUpload(upload);
    await subject.store.writeChunk(upload.id, 0, bytes.subarray(0, 1000));
    // A chunk cut off after more bytes than the chunk resent in its place will have.
    await subject.store.writeChunk(upload.id, 1000, randomBytes(1500));
    // The device resends from 1000 (the server's offset): nothing of the cut one stays beyond it.
    await subject.store.writeChunk(upload.id, 1000, bytes.subarray(1000, 2000));
    expect((await subject.store.readPartial(upload.id, 2500)).length).toBe(2000);
    await subject.store.writeChunk(upload.id, 2000, bytes.subarray(2000));
    await subject.store.putUpload({ ...upload, received: bytes.length });
    const other = subject.reopen();
    expect((await other.getUpload(upload.id))?.received).toBe(bytes.length);
    expect((await other.readPartial(upload.id, bytes.length)).equals(bytes)).toBe(true);
    expect((await subject.rawBytes()).includes(bytes.subarray(100, 164))).toBe(false);
    await subject.store.deleteUpload(upload.id);
    expect(await other.getUpload(upload.id)).toBeUndefined();
  });

  it("keeps each family's total by content, counting the same content once", async () => {
    subject = await open();
    expect(await subject.store.householdUsage('site-a', 'h1')).toEqual({});
    await subject.store.addHouseholdUsage('site-a', 'h1', 'a'.repeat(64), 100);
    await subject.store.addHouseholdUsage('site-a', 'h1', 'a'.repeat(64), 100);
    await subject.store.addHouseholdUsage('site-a', 'h1', 'b'.repeat(64), 50);
    await subject.store.addHouseholdUsage('site-a', 'h2', 'a'.repeat(64), 100);
    expect(await subject.reopen().householdUsage('site-a', 'h1')).toEqual({ ['a'.repeat(64)]: 100, ['b'.repeat(64)]: 50 });
    expect(await subject.store.householdUsage('site-b', 'h1')).toEqual({});
  });
});

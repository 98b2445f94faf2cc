/**
 * Where the server keeps documents' content: outside the record tables,
 * content-addressed by SHA-256, encrypted at rest with the server's
 * attachment key (AES-256-GCM, a random IV per blob, the hash as additional
 * data so a blob renamed to another address does not open; blobCrypto.ts).
 *
 * `BlobStore` is the one interface; `DirectoryBlobStore` (a directory under
 * DATA_DIR, the default) implements it here, `S3BlobStore` (s3BlobStore.ts)
 * on an S3-compatible bucket, and both pass blobStoreConformance.test.ts
 * (openBlobStore.ts picks one from the configuration). The store also keeps what an upload in
 * progress has received (encrypted with AES-CTR at its offset, so a chunk is
 * appended without rewriting what came before) and the bytes each household
 * holds, for the per-household cap. Those live beside the blobs, not in the
 * database, so the blobs and what counts them are backed up and lost together.
 */
import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { assertHexAddress, openBlob, sealBlob, uploadCipherAt } from './blobCrypto';

export interface UploadRecord {
  id: string;
  sha256: string;
  size: number;
  received: number;
  siteId: string;
  householdId?: string;
  userId: string;
  createdAt: string;
  /** Checked and kept: a chunk sent again changes nothing. */
  complete?: boolean;
}

export interface BlobStore {
  has(sha256: string): Promise<boolean>;
  /** Stores `bytes` under their SHA-256 (which the caller checked); storing the same content again changes nothing. */
  put(sha256: string, bytes: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | undefined>;

  getUpload(id: string): Promise<UploadRecord | undefined>;
  putUpload(upload: UploadRecord): Promise<void>;
  /** Writes `chunk` at `offset` of the upload's partial content (anything beyond is dropped). */
  writeChunk(id: string, offset: number, chunk: Buffer): Promise<void>;
  /** The first `length` bytes received for the upload. */
  readPartial(id: string, length: number): Promise<Buffer>;
  deleteUpload(id: string): Promise<void>;

  /** Content hash → bytes of the content counted against a household. */
  householdUsage(siteId: string, householdId: string): Promise<Record<string, number>>;
  addHouseholdUsage(siteId: string, householdId: string, sha256: string, size: number): Promise<void>;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class DirectoryBlobStore implements BlobStore {
  constructor(
    private readonly root: string,
    private readonly key: Buffer,
  ) {
    if (key.length !== 32) throw new Error('The attachment key must be 32 bytes');
  }

  private blobPath(sha256: string): string {
    assertHexAddress(sha256);
    return join(this.root, 'blobs', sha256.slice(0, 2), sha256);
  }
  private uploadPath(id: string, ext: 'json' | 'part'): string {
    assertHexAddress(id);
    return join(this.root, 'uploads', `${id}.${ext}`);
  }
  private usagePath(siteId: string, householdId: string): string {
    const safe = (part: string) => Buffer.from(part).toString('base64url');
    return join(this.root, 'households', safe(siteId), `${safe(householdId)}.json`);
  }

  /** Written whole to a temporary name, then renamed: a crash leaves the old file or the new one. */
  private async atomicWrite(path: string, data: Buffer | string): Promise<void> {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  }

  async has(sha256: string): Promise<boolean> {
    return stat(this.blobPath(sha256)).then(
      () => true,
      () => false,
    );
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    if (await this.has(sha256)) return;
    await this.atomicWrite(this.blobPath(sha256), sealBlob(this.key, sha256, bytes));
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    let sealed: Buffer;
    try {
      sealed = await readFile(this.blobPath(sha256));
    } catch {
      return undefined;
    }
    return openBlob(this.key, sha256, sealed);
  }

  async getUpload(id: string): Promise<UploadRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.uploadPath(id, 'json'), 'utf8')) as UploadRecord;
    } catch {
      return undefined;
    }
  }

  async putUpload(upload: UploadRecord): Promise<void> {
    await this.atomicWrite(this.uploadPath(upload.id, 'json'), JSON.stringify(upload));
  }

  async writeChunk(id: string, offset: number, chunk: Buffer): Promise<void> {
    const path = this.uploadPath(id, 'part');
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a+', 0o600).then(async (h) => {
      await h.close();
      return open(path, 'r+');
    });
    try {
      await handle.truncate(offset);
      const cipher = uploadCipherAt(this.key, id, offset);
      await handle.write(cipher.update(chunk), 0, chunk.length, offset);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async readPartial(id: string, length: number): Promise<Buffer> {
    const sealed = (await readFile(this.uploadPath(id, 'part'))).subarray(0, length);
    return uploadCipherAt(this.key, id, 0).update(sealed);
  }

  async deleteUpload(id: string): Promise<void> {
    await rm(this.uploadPath(id, 'part'), { force: true });
    await rm(this.uploadPath(id, 'json'), { force: true });
  }

  async householdUsage(siteId: string, householdId: string): Promise<Record<string, number>> {
    try {
      return JSON.parse(await readFile(this.usagePath(siteId, householdId), 'utf8')) as Record<
        string,
        number
      >;
    } catch {
      return {};
    }
  }

  async addHouseholdUsage(siteId: string, householdId: string, sha256: string, size: number): Promise<void> {
    const usage = await this.householdUsage(siteId, householdId);
    if (usage[sha256] !== undefined) return;
    await this.atomicWrite(this.usagePath(siteId, householdId), JSON.stringify({ ...usage, [sha256]: size }));
  }
}

/**
 * The server's attachment key: ATTACHMENT_KEY (64 hex characters) when set,
 * else one made at first start and kept in `keyFile` (mode 600). Keep a copy
 * of it with the backups: without it the stored documents do not open.
 */
export async function attachmentKey(keyFile: string, fromEnv?: string): Promise<Buffer> {
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('ATTACHMENT_KEY must be 64 hex characters');
    return Buffer.from(fromEnv, 'hex');
  }
  try {
    const stored = (await readFile(keyFile, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(stored)) return Buffer.from(stored, 'hex');
    throw new Error(`${keyFile} does not hold a key`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dirname(keyFile), { recursive: true });
  // Written whole under a name of its own, then linked into place (a link is made at once, or refused when the
  // file exists): a process starting at the same moment reads a whole key, never a file still being written
  // (seen: "The attachment key must be 32 bytes" when two processes started on one DATA_DIR).
  const pending = `${keyFile}.${process.pid}.${randomBytes(6).toString('hex')}`;
  await writeFile(pending, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  try {
    await link(pending, keyFile);
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(pending, { force: true });
  }
  const stored = (await readFile(keyFile, 'utf8')).trim();
  if (!/^[0-9a-f]{64}$/.test(stored)) throw new Error(`${keyFile} does not hold a key`);
  return Buffer.from(stored, 'hex');
}

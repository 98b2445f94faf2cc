/**
 * A local S3-compatible server (s3rver) for tests of the S3 document store:
 * any free port on 127.0.0.1, its objects as files in a temporary directory,
 * one bucket, s3rver's fixed credentials. s3rver refuses an unknown access
 * key id but does not verify SigV4 signatures (its authentication middleware
 * leaves them unimplemented), so the signing itself is aws4fetch's, unproved here.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import type { S3Config } from '../../sync-server/src/attachments/s3BlobStore';

export interface LocalS3 {
  config: S3Config;
  /** Every byte s3rver keeps on disk, to look for plaintext. */
  rawBytes(): Promise<Buffer>;
  close(): Promise<void>;
}

async function filesUnder(at: string): Promise<string[]> {
  const entries = await readdir(at, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => (entry.isDirectory() ? filesUnder(join(at, entry.name)) : [join(at, entry.name)])),
  );
  return nested.flat();
}

/** The part of s3rver's FilesystemStore (lib/stores/filesystem.js) that makePutsDurable replaces. */
interface S3rverFilesystemStore {
  putObject(object: { bucket: string; key: string }): Promise<{ size: number; md5: string }>;
  getResourcePath(bucket: string, key: string, resource: 'object'): string;
}

/**
 * s3rver answers a PUT before the object's file is fully written (its
 * putObject resolves when its own transform finishes, not when the file
 * stream does), so a GET right after can read a short object; AWS S3 and
 * MinIO are read-after-write consistent, and the store relies on that. Make
 * s3rver's PUT wait until the file holds every byte.
 */
function makePutsDurable(server: S3rver): void {
  const store = (server as unknown as { store: S3rverFilesystemStore }).store;
  const putObject = store.putObject.bind(store);
  store.putObject = async (object) => {
    const result = await putObject(object);
    const path = store.getResourcePath(object.bucket, object.key, 'object');
    for (let waited = 0; (await stat(path)).size < result.size; waited += 1) {
      if (waited > 1000) throw new Error(`s3rver did not finish writing ${object.key}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    return result;
  };
}

export async function startLocalS3(bucket = 'waystation-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'waystation-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  makePutsDurable(server);
  const { port } = await server.run();
  return {
    config: {
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      bucket,
      accessKeyId: 'S3RVER',
      secretAccessKey: 'S3RVER',
      pathStyle: true,
      timeoutMs: 10_000,
    },
    rawBytes: async () =>
      Buffer.concat(await Promise.all((await filesUnder(directory)).map((f) => readFile(f)))),
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

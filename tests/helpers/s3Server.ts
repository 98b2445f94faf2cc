/**
 * A local S3-compatible server (s3rver) for tests of the S3 document store:
 * any free port on 127.0.0.1, its objects as files in a temporary directory,
 * one bucket, s3rver's fixed credentials. s3rver refuses an unknown access
 * key id but does not verify SigV4 signatures (its authentication middleware
 * leaves them unimplemented), so the signing itself is aws4fetch's, unproved here.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
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

export async function startLocalS3(bucket = 'waystation-test'): Promise<LocalS3> {
  const directory = await mkdtemp(join(tmpdir(), 'waystation-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory,
    silent: true,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
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

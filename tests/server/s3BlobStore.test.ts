/**
 * What only the S3 document store has to get right, beyond the cases every
 * store passes (blobStoreConformance.test.ts): the object store's error
 * answers (a missing object is "not there", anything else is an error that
 * names the request), several installations in one bucket, and documents
 * at the size cap.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3BlobStore, S3StoreError } from '../../sync-server/src/attachments/s3BlobStore';
import { startLocalS3, type LocalS3 } from '../helpers/s3Server';

let s3: LocalS3;
beforeAll(async () => {
  s3 = await startLocalS3();
});
afterAll(async () => s3.close());

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('S3 store: the object store answers', () => {
  it('an error other than a missing object is an S3StoreError naming the request, after retries', async () => {
    let requests = 0;
    const failing: Server = createServer((_request, response) => {
      requests += 1;
      response.writeHead(500, { 'content-type': 'application/xml' });
      response.end(
        '<?xml version="1.0"?><Error><Code>InternalError</Code><Message>disk on fire</Message></Error>',
      );
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = failing.address() as AddressInfo;
      const store = new S3BlobStore(
        { ...s3.config, endpoint: `http://127.0.0.1:${port}`, retries: 2 },
        randomBytes(32),
      );
      const error = await store.get('a'.repeat(64)).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(S3StoreError);
      expect(error).toMatchObject({ status: 500, s3Code: 'InternalError', operation: 'GET' });
      expect(String(error)).toMatch(/blobs\/a{64} failed: 500 InternalError \(disk on fire\)/);
      expect(requests).toBe(3);
    } finally {
      await new Promise((resolve) => failing.close(resolve));
    }
  });

  it('a missing object is not there; a missing bucket is an error, not an empty store', async () => {
    const key = randomBytes(32);
    const store = new S3BlobStore(s3.config, key);
    expect(await store.get('b'.repeat(64))).toBeUndefined();
    expect(await store.getUpload('c'.repeat(64))).toBeUndefined();
    expect(await store.householdUsage('site-a', 'nobody')).toEqual({});
    await store.deleteUpload('c'.repeat(64));

    const noBucket = new S3BlobStore({ ...s3.config, bucket: 'no-such-bucket' }, key);
    await expect(noBucket.get('b'.repeat(64))).rejects.toThrow(/404 NoSuchBucket/);
    await expect(noBucket.check()).rejects.toThrow(/404 NoSuchBucket/);
  });

  it('content sealed under another key does not open', async () => {
    const bytes = randomBytes(1000);
    await new S3BlobStore(s3.config, randomBytes(32)).put(sha(bytes), bytes);
    await expect(new S3BlobStore(s3.config, randomBytes(32)).get(sha(bytes))).rejects.toThrow();
  });
});

describe('S3 store: one bucket, several installations', () => {
  it('keeps each prefix apart', async () => {
    const key = randomBytes(32);
    const north = new S3BlobStore({ ...s3.config, prefix: 'north/' }, key);
    const south = new S3BlobStore({ ...s3.config, prefix: 'south/' }, key);
    const bytes = randomBytes(2000);
    await north.put(sha(bytes), bytes);
    await north.addHouseholdUsage('site-a', 'h1', sha(bytes), bytes.length);
    expect(await north.has(sha(bytes))).toBe(true);
    expect(await south.has(sha(bytes))).toBe(false);
    expect(await south.householdUsage('site-a', 'h1')).toEqual({});
    expect(() => new S3BlobStore({ ...s3.config, prefix: '../escape' }, key)).toThrow(/prefix/);
  });
});

describe('S3 store: documents at the size cap', () => {
  it('a 20 MB document sent in 1 MB chunks is read back whole and kept whole', async () => {
    const store = new S3BlobStore(s3.config, randomBytes(32));
    const bytes = randomBytes(20 * 1024 * 1024);
    const id = sha(Buffer.from('large-upload'));
    const step = 1024 * 1024;
    for (let offset = 0; offset < bytes.length; offset += step) {
      await store.writeChunk(id, offset, bytes.subarray(offset, offset + step));
    }
    const received = await store.readPartial(id, bytes.length);
    expect(received.equals(bytes)).toBe(true);
    await store.put(sha(bytes), received);
    expect((await store.get(sha(bytes)))?.equals(bytes)).toBe(true);
    await store.deleteUpload(id);
    expect((await store.readPartial(id, bytes.length)).length).toBe(0);
  }, 60_000);
});

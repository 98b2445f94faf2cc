/**
 * Documents over real HTTP with the S3 store configured (issue 19): the
 * server reads ATTACHMENT_S3_* as main.ts does (loadConfig, openBlobStore),
 * a device uploads a photo in resumable chunks through the real routes, the
 * bucket of a local S3-compatible server (s3rver) holds only ciphertext, and
 * a coordinator downloads the same bytes. A wrong setting stops the start.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../src/domain/attachments';
import { UPLOAD_OFFSET_HEADER, type UploadStatus } from '../../src/sync/attachmentProtocol';
import { openBlobStore } from '../../sync-server/src/attachments/openBlobStore';
import { S3BlobStore, S3StoreError } from '../../sync-server/src/attachments/s3BlobStore';
import { loadConfig } from '../../sync-server/src/config';
import { startLocalS3, type LocalS3 } from '../helpers/s3Server';
import {
  authFetch,
  householdDoc,
  pushRows,
  readJson,
  startTestServer,
  type TestServer,
} from '../helpers/testServer';

let s3: LocalS3;
let dataDir: string;
let server: TestServer;
const ATTACHMENT_KEY = randomBytes(32).toString('hex');

function s3Env(overrides: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    DATA_DIR: dataDir,
    ATTACHMENT_KEY,
    ATTACHMENT_S3_BUCKET: s3.config.bucket,
    ATTACHMENT_S3_ENDPOINT: s3.config.endpoint,
    ATTACHMENT_S3_REGION: s3.config.region,
    ATTACHMENT_S3_ACCESS_KEY_ID: s3.config.accessKeyId,
    ATTACHMENT_S3_SECRET_ACCESS_KEY: s3.config.secretAccessKey,
    ATTACHMENT_S3_PATH_STYLE: '1',
    ...overrides,
  };
}

beforeAll(async () => {
  s3 = await startLocalS3();
  dataDir = await mkdtemp(join(tmpdir(), 'waystation-s3-data-'));
  const config = loadConfig(s3Env());
  server = await startTestServer({ blobs: await openBlobStore(config.attachments) });
});
afterAll(async () => {
  await server.close();
  await s3.close();
  await rm(dataDir, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);
const CHUNK = 256 * 1024;

/** Starts an upload of `photo` for a household of site-a, as the device's queue does. */
function startUpload(to: TestServer, photo: Uint8Array, householdId: string) {
  return authFetch(to, '/api/attachments/uploads', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ sha256: sha(photo), size: photo.length, siteId: 'site-a', householdId }),
  });
}

describe('documents with the S3 store configured', () => {
  it('a photo uploaded in chunks is kept encrypted in the bucket and downloaded whole', async () => {
    const config = loadConfig(s3Env());
    expect(config.attachments.s3).toMatchObject({ bucket: s3.config.bucket, pathStyle: true });

    const photo = jpeg(700 * 1024);
    const started = await readJson<UploadStatus>(await startUpload(server, photo, 'h-s3'));
    expect(started.status).toBe(200);
    let status = started.body;
    while (!status.complete) {
      const offset = status.received;
      const answer = await readJson<UploadStatus>(
        await authFetch(server, `/api/attachments/uploads/${started.body.id}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/octet-stream', [UPLOAD_OFFSET_HEADER]: String(offset) },
          body: new Uint8Array(photo.subarray(offset, offset + CHUNK)),
        }),
      );
      expect(answer.status).toBe(200);
      status = answer.body;
    }
    expect(status).toMatchObject({ complete: true, received: photo.length, mime: 'image/jpeg' });

    // In the bucket, and only as ciphertext; nothing under DATA_DIR.
    const inBucket = new S3BlobStore(s3.config, Buffer.from(ATTACHMENT_KEY, 'hex'));
    expect(await inBucket.has(sha(photo))).toBe(true);
    expect((await s3.rawBytes()).includes(photo.subarray(5000, 5064))).toBe(false);
    expect(await readdir(dataDir)).toEqual([]);

    const attachment: Attachment = {
      kind: 'release_form',
      mime: 'image/jpeg',
      originalSize: photo.length * 4,
      size: photo.length,
      sha256: sha(photo),
      createdBy: 'coordinator',
      createdAt: '2026-12-07T10:00:00.000Z',
      deleted: false,
    };
    const family = householdDoc('h-s3', { attachments: { rel: attachment } });
    expect(
      (await pushRows(server, 'households', [{ assumedMasterState: null, newDocumentState: family }])).status,
    ).toBe(200);
    const download = await authFetch(server, '/api/attachments/households/h-s3/rel');
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await download.arrayBuffer()).equals(photo)).toBe(true);
    const audits = await server.store.listAudit({
      action: 'attachment_download',
      recordId: 'h-s3',
      limit: 5,
    });
    expect(audits).toHaveLength(1);
  });

  it('refuses to start with an S3 store and no ATTACHMENT_KEY, an unknown access key or a missing bucket', async () => {
    expect(() => loadConfig(s3Env({ ATTACHMENT_KEY: '' }))).toThrow(
      /ATTACHMENT_S3_BUCKET needs ATTACHMENT_KEY/,
    );
    expect(() => loadConfig(s3Env({ ATTACHMENT_S3_ENDPOINT: '' }))).toThrow(/ATTACHMENT_S3_ENDPOINT/);

    // s3rver checks the access key id but not the SigV4 signature itself (its source says so).
    const unknownKey = loadConfig(s3Env({ ATTACHMENT_S3_ACCESS_KEY_ID: 'NOT-A-KEY' }));
    const refused = await openBlobStore(unknownKey.attachments).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(S3StoreError);
    expect(refused).toMatchObject({ status: 403 });
    const noBucket = loadConfig(s3Env({ ATTACHMENT_S3_BUCKET: 'no-such-bucket' }));
    await expect(openBlobStore(noBucket.attachments)).rejects.toThrow(/404 NoSuchBucket/);
  });

  it('an object store that fails is a 500 to the device, never "no such upload" or a bad request', async () => {
    const failing = createServer((_request, response) => {
      response.writeHead(503, { 'content-type': 'application/xml' });
      response.end('<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const { port } = failing.address() as AddressInfo;
    const down = await startTestServer({
      blobs: new S3BlobStore(
        { ...s3.config, endpoint: `http://127.0.0.1:${port}`, retries: 1 },
        Buffer.from(ATTACHMENT_KEY, 'hex'),
      ),
    });
    try {
      const photo = jpeg(2000);
      const answer = await readJson<{ error: string }>(await startUpload(down, photo, 'h-down'));
      expect(answer.status).toBe(500);
      expect(answer.body.error).toBe('internal_error');
    } finally {
      await down.close();
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});

/**
 * Several server processes and documents (docs/deployment.md): an upload's
 * bookkeeping (what arrived so far, each family's total) and the content
 * live in DATA_DIR/attachments, not in the database, so processes that see
 * the same directory and key carry on each other's uploads, and a process
 * with a directory of its own does not know them. Two apps on one store stand
 * for two processes: each has its own DirectoryBlobStore, so its own lock.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UPLOAD_OFFSET_HEADER, type UploadStatus } from '../../src/sync/attachmentProtocol';
import { buildApp } from '../../sync-server/src/app';
import { DirectoryBlobStore } from '../../sync-server/src/attachments/blobStore';
import { householdDoc, pushRows, readJson, startTestServer, type TestServer } from '../helpers/testServer';

const KEY = randomBytes(32);
const CHUNK = 256 * 1024;
let first: TestServer;
const others: Array<() => Promise<void>> = [];
let elsewhere: string;

/** A second process on the same database, with `dir` as its DATA_DIR/attachments. */
async function secondProcess(dir: string, key: Buffer): Promise<string> {
  const app = buildApp({ store: first.store, attachments: { blobs: new DirectoryBlobStore(dir, key) } });
  await app.listen({ port: 0, host: '127.0.0.1' });
  others.push(() => app.close());
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  first = await startTestServer({ attachmentKey: KEY });
  elsewhere = await mkdtemp(join(tmpdir(), 'waystation-other-data-'));
});
afterAll(async () => {
  for (const close of others) await close();
  await first.close();
  await rm(elsewhere, { recursive: true, force: true });
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function call(url: string, path: string, init: RequestInit = {}) {
  return fetch(`${url}${path}`, {
    ...init,
    headers: { ...first.authHeaders, ...(init.headers as Record<string, string> | undefined) },
  });
}

const put = async (url: string, id: string, offset: number, chunk: Buffer) =>
  readJson<UploadStatus & { error?: string }>(
    await call(url, `/api/attachments/uploads/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', [UPLOAD_OFFSET_HEADER]: String(offset) },
      body: new Uint8Array(chunk),
    }),
  );

describe('documents on several server processes', () => {
  it('sharing DATA_DIR, one process carries on the upload another began, and either serves it', async () => {
    const second = await secondProcess(first.attachmentsDir, KEY);
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(600 * 1024)]);
    const started = await readJson<UploadStatus>(
      await call(first.url, '/api/attachments/uploads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sha256: sha(bytes), size: bytes.length, siteId: 'site-a', householdId: 'h-shared' }),
      }),
    );
    const { id } = started.body;
    expect((await put(first.url, id, 0, bytes.subarray(0, CHUNK))).body.received).toBe(CHUNK);
    // The device's next request lands on the other process: it knows where the upload stands.
    const status = await readJson<UploadStatus>(await call(second, `/api/attachments/uploads/${id}`));
    expect(status.body).toMatchObject({ received: CHUNK, complete: false });
    expect((await put(second, id, CHUNK, bytes.subarray(CHUNK, 2 * CHUNK))).body.received).toBe(2 * CHUNK);
    const last = await put(second, id, 2 * CHUNK, bytes.subarray(2 * CHUNK));
    expect(last.body).toMatchObject({ complete: true, received: bytes.length });

    const family = householdDoc('h-shared', {
      attachments: {
        scan: {
          kind: 'letter',
          mime: 'image/jpeg',
          originalSize: bytes.length,
          size: bytes.length,
          sha256: sha(bytes),
          createdBy: first.user.id,
          createdAt: '2026-12-07T10:00:00.000Z',
          deleted: false,
        },
      },
    });
    expect((await pushRows(first, 'households', [{ assumedMasterState: null, newDocumentState: family }])).status).toBe(200);
    for (const url of [first.url, second]) {
      const download = await call(url, '/api/attachments/households/h-shared/scan');
      expect(download.status).toBe(200);
      expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    }
  });

  it('with a DATA_DIR of its own, a process knows neither the upload nor the document', async () => {
    const loner = await secondProcess(elsewhere, randomBytes(32));
    const bytes = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(300 * 1024)]);
    const started = await readJson<UploadStatus>(
      await call(first.url, '/api/attachments/uploads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sha256: sha(bytes), size: bytes.length, siteId: 'site-a', householdId: 'h-shared' }),
      }),
    );
    expect((await put(first.url, started.body.id, 0, bytes.subarray(0, CHUNK))).status).toBe(200);
    expect((await call(loner, `/api/attachments/uploads/${started.body.id}`)).status).toBe(404);
    // The document the first test stored (its record is in the shared database) is not there either.
    expect((await call(loner, '/api/attachments/households/h-shared/scan')).status).toBe(404);
  });
});

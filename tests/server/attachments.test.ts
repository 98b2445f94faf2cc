/**
 * Documents over real HTTP (issue 19): a resumable upload that survives a cut
 * connection and is kept exactly once, encrypted at rest; types checked by
 * content; per-file and per-household caps; downloads under the record's
 * role and site rules, each audited.
 */
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../src/domain/attachments';
import { UPLOAD_OFFSET_HEADER, type UploadStatus } from '../../src/sync/attachmentProtocol';
import {
  authFetch,
  createUser,
  householdDoc,
  pullAll,
  pushRows,
  readJson,
  startTestServer,
  type Client,
  type Doc,
  type TestServer,
} from '../helpers/testServer';

let server: TestServer;
const CHUNK = 256 * 1024;

beforeAll(async () => {
  server = await startTestServer({
    attachmentLimits: { maxFileBytes: 2 * 1024 * 1024, maxHouseholdBytes: 3 * 1024 * 1024 },
  });
});
afterAll(async () => server.close());

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A JPEG by its first bytes, with content no one could guess. */
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(size - 4)]);

async function start(client: Client, bytes: Buffer, householdId = 'h-docs', siteId = 'site-a') {
  return readJson<UploadStatus & { error?: string }>(
    await authFetch(client, '/api/attachments/uploads', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sha256: sha(bytes), size: bytes.length, siteId, householdId }),
    }),
  );
}

async function put(client: Client, id: string, offset: number, chunk: Buffer) {
  return readJson<UploadStatus & { error?: string }>(
    await authFetch(client, `/api/attachments/uploads/${id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', [UPLOAD_OFFSET_HEADER]: String(offset) },
      body: new Uint8Array(chunk),
    }),
  );
}

/** Sends all the bytes from where the server says it is. */
async function upload(client: Client, bytes: Buffer, householdId = 'h-docs') {
  const started = await start(client, bytes, householdId);
  if (started.status !== 200) return started;
  let status = started;
  while (!status.body.complete) {
    const offset = status.body.received;
    status = await put(client, started.body.id, offset, bytes.subarray(offset, offset + CHUNK));
    if (status.status !== 200) return status;
  }
  return status;
}

/** Starts a chunk, sends half of it and cuts the connection. */
function cutMidChunk(id: string, offset: number, chunk: Buffer): Promise<void> {
  const url = new URL(`${server.url}/api/attachments/uploads/${id}`);
  return new Promise((resolve) => {
    const req = httpRequest({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: 'PUT',
      headers: {
        authorization: `Bearer ${server.token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(chunk.length),
        [UPLOAD_OFFSET_HEADER]: String(offset),
      },
    });
    req.on('error', () => resolve());
    req.write(chunk.subarray(0, chunk.length / 2), () => {
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 100);
    });
  });
}

async function blobFiles(): Promise<string[]> {
  const root = join(server.attachmentsDir, 'blobs');
  const dirs = await readdir(root).catch(() => []);
  const files = await Promise.all(
    dirs.map(async (d) => (await readdir(join(root, d))).map((f) => join(root, d, f))),
  );
  return files.flat().filter((f) => !f.endsWith('.tmp'));
}

describe('a resumable upload', () => {
  it('arrives whole after a connection cut mid-chunk, exactly once, encrypted at rest', async () => {
    const bytes = jpeg(700 * 1024);
    const started = await start(server, bytes);
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ received: 0, complete: false, size: bytes.length });
    const { id } = started.body;

    expect((await put(server, id, 0, bytes.subarray(0, CHUNK))).body.received).toBe(CHUNK);
    await cutMidChunk(id, CHUNK, bytes.subarray(CHUNK, 2 * CHUNK));
    // Half a chunk is never counted: the device resumes from what the server says.
    const after = await readJson<UploadStatus>(await authFetch(server, `/api/attachments/uploads/${id}`));
    expect(after.body.received).toBe(CHUNK);
    // A chunk at another offset writes nothing.
    const wrong = await put(server, id, 2 * CHUNK, bytes.subarray(2 * CHUNK, 3 * CHUNK));
    expect(wrong.status).toBe(409);
    expect(wrong.body.error).toBe('offset_mismatch');
    // Asking to start again finds the same upload where it stopped.
    expect((await start(server, bytes)).body).toMatchObject({ id, received: CHUNK });

    expect((await put(server, id, CHUNK, bytes.subarray(CHUNK, 2 * CHUNK))).body.received).toBe(2 * CHUNK);
    const last = await put(server, id, 2 * CHUNK, bytes.subarray(2 * CHUNK));
    expect(last.body).toMatchObject({ complete: true, received: bytes.length, mime: 'image/jpeg' });
    // The last chunk's answer was lost and it is sent again: nothing changes.
    const again = await put(server, id, 2 * CHUNK, bytes.subarray(2 * CHUNK));
    expect(again.status).toBe(200);
    expect(again.body.complete).toBe(true);

    const files = await blobFiles();
    expect(files.filter((f) => f.endsWith(sha(bytes)))).toHaveLength(1);
    const stored = await readFile(files.find((f) => f.endsWith(sha(bytes)))!);
    expect(stored.includes(bytes.subarray(100, 164))).toBe(false);

    const audits = await server.store.listAudit({ action: 'attachment_upload', limit: 10 });
    expect(audits.filter((a) => (a.details as { sha256?: string }).sha256 === sha(bytes))).toHaveLength(1);
  });
});

describe('what the server refuses', () => {
  it('content that is not JPEG, PNG, WebP or PDF, whatever it claims, and keeps nothing', async () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const result = await upload(server, html, 'h-html');
    expect(result.status).toBe(415);
    expect(result.body.error).toBe('unsupported_type');
    expect((await blobFiles()).some((f) => f.endsWith(sha(html)))).toBe(false);
  });

  it('a file over the per-file cap, and one that would take a household over its cap', async () => {
    const big = jpeg(2 * 1024 * 1024 + 1);
    const tooBig = await start(server, big, 'h-cap');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toBe('too_large');
    expect((await upload(server, jpeg(1500 * 1024), 'h-cap')).status).toBe(200);
    expect((await upload(server, jpeg(1500 * 1024), 'h-cap')).status).toBe(200);
    const over = await upload(server, jpeg(1500 * 1024), 'h-cap');
    expect(over.status).toBe(413);
    // The device tells "this file is too large" from "this family has no room left" by the code.
    expect(over.body.error).toBe('household_full');
    // Another family has its own room.
    expect((await upload(server, jpeg(1500 * 1024), 'h-other')).status).toBe(200);
  });

  it('content whose SHA-256 is not the one announced', async () => {
    const bytes = jpeg(10_000);
    const started = await readJson<UploadStatus & { error?: string }>(
      await authFetch(server, '/api/attachments/uploads', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          sha256: sha(jpeg(10_000)),
          size: bytes.length,
          siteId: 'site-a',
          householdId: 'h-x',
        }),
      }),
    );
    const sent = await put(server, started.body.id, 0, bytes);
    expect(sent.status).toBe(422);
    expect(sent.body.error).toBe('checksum_mismatch');
  });

  it('an upload for a site that is not the user\u2019s', async () => {
    const result = await start(server, jpeg(1000), 'h1', 'site-elsewhere');
    expect(result.status).toBe(403);
  });
});

function attachment(kind: Attachment['kind'], bytes: Buffer): Attachment {
  return {
    kind,
    mime: 'image/jpeg',
    originalSize: bytes.length * 10,
    size: bytes.length,
    sha256: sha(bytes),
    createdBy: 'coordinator',
    createdAt: '2026-12-07T10:00:00.000Z',
    deleted: false,
  };
}

function legDoc(id: string, driverId: string, attachments: Record<string, Attachment>): Doc {
  return {
    id,
    siteId: 'site-a',
    createdAt: '2026-12-07T09:00:00.000Z',
    updatedAt: '2026-12-07T09:00:00.000Z',
    updatedBy: 'coordinator',
    deviceId: 'desk',
    _deleted: false,
    householdId: 'h-scope',
    mode: 'bus',
    carrier: 'Greyhound',
    departureAt: '2026-12-08T15:00:00.000Z',
    departurePlace: 'El Paso',
    arrivalPlace: 'Denver',
    bookingReference: 'GH123',
    seats: 3,
    status: 'ticketed',
    statusHistory: {},
    driverId,
    attachments,
  };
}

describe('who receives which document', () => {
  it('a driver only the ticket of a leg they drive; a volunteer no medical document; each download audited', async () => {
    const ticket = jpeg(5000);
    const letter = jpeg(5001);
    const medical = jpeg(5002);
    const release = jpeg(5003);
    for (const bytes of [ticket, letter, medical, release])
      expect((await upload(server, bytes, 'h-scope')).status).toBe(200);
    const driver = await createUser(server, { roles: ['driver'], siteIds: ['site-a'] });
    const otherDriver = await createUser(server, { roles: ['driver'], siteIds: ['site-a'] });
    const volunteer = await createUser(server, { roles: ['volunteer'], siteIds: ['site-a'] });
    const outsider = await createUser(server, { roles: ['coordinator'], siteIds: ['site-b'] });

    const family = householdDoc('h-scope', {
      attachments: { med: attachment('medical', medical), rel: attachment('release_form', release) },
    });
    expect(
      (await pushRows(server, 'households', [{ assumedMasterState: null, newDocumentState: family }])).status,
    ).toBe(200);
    const leg = legDoc('leg-1', driver.user.id, {
      t: attachment('ticket', ticket),
      l: attachment('letter', letter),
    });
    expect(
      (await pushRows(server, 'travelLegs', [{ assumedMasterState: null, newDocumentState: leg }])).status,
    ).toBe(200);

    // Metadata: the records as each role pulls them.
    const driversLeg = (await pullAll(driver, 'travelLegs')).find((d) => d.id === 'leg-1')!;
    expect(Object.keys(driversLeg.attachments as object)).toEqual(['t']);
    const othersLeg = (await pullAll(otherDriver, 'travelLegs')).find((d) => d.id === 'leg-1')!;
    expect(othersLeg.attachments).toEqual({});
    const volunteersFamily = (await pullAll(volunteer, 'households')).find((d) => d.id === 'h-scope')!;
    expect(Object.keys(volunteersFamily.attachments as object)).toEqual(['rel']);

    const get = (client: Client, path: string) => authFetch(client, `/api/attachments/${path}`);
    const ticketAnswer = await get(driver, 'travelLegs/leg-1/t');
    expect(ticketAnswer.status).toBe(200);
    expect(ticketAnswer.headers.get('content-type')).toBe('image/jpeg');
    expect(ticketAnswer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="document-t\.jpg"$/,
    );
    expect(ticketAnswer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await ticketAnswer.arrayBuffer()).equals(ticket)).toBe(true);

    expect((await get(driver, 'travelLegs/leg-1/l')).status).toBe(403);
    expect((await get(otherDriver, 'travelLegs/leg-1/t')).status).toBe(403);
    expect((await get(driver, 'households/h-scope/rel')).status).toBe(404);
    expect((await get(volunteer, 'households/h-scope/med')).status).toBe(403);
    expect((await get(volunteer, 'households/h-scope/rel')).status).toBe(200);
    expect((await get(outsider, 'households/h-scope/rel')).status).toBe(404);
    expect((await get(server, 'households/h-scope/med')).status).toBe(200);

    const downloads = await server.store.listAudit({
      action: 'attachment_download',
      recordId: 'h-scope',
      limit: 10,
    });
    expect(downloads.map((a) => a.userId).sort()).toEqual([server.user.id, volunteer.user.id].sort());
    const refused = await server.store.listAudit({ action: 'attachment_download_refused', limit: 10 });
    expect(refused.map((a) => a.userId)).toEqual(
      expect.arrayContaining([driver.user.id, otherDriver.user.id, volunteer.user.id]),
    );
  });

  it("a volunteer's edit of a family keeps the medical document it never received", async () => {
    const volunteer = await createUser(server, {
      roles: ['volunteer'],
      siteIds: ['site-a'],
      deviceId: 'intake-tablet',
    });
    const pulled = (await pullAll(volunteer, 'households')).find((d) => d.id === 'h-scope')!;
    const note = jpeg(4000);
    const mine = {
      ...pulled,
      contactPhone: '+1 915 555 0100',
      attachments: { ...(pulled.attachments as object), mine: attachment('letter', note) },
      updatedAt: '2026-12-07T11:00:00.000Z',
    };
    const answer = await pushRows(volunteer, 'households', [
      { assumedMasterState: pulled, newDocumentState: mine },
    ]);
    expect(answer.status).toBe(200);
    // The answer the volunteer's device stores still holds no medical document.
    for (const doc of answer.body) expect(Object.keys(doc.attachments as object)).not.toContain('med');
    const stored = await server.store.getDocument('households', 'h-scope');
    expect(Object.keys(stored!.doc.attachments as object).sort()).toEqual(['med', 'mine', 'rel']);
  });
});

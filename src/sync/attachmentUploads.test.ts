/**
 * The upload queue against a scripted server: a document the server refuses
 * for good is marked refused with its reason and the queue goes on to the
 * next; content damaged on the way (422) is sent again, not refused.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StoredContent, UploadRefusal } from '../db/attachmentStore';
import { startAttachmentUploads, type UploadQueueStore } from './attachmentUploads';

function entry(id: string, sha256: string, size: number): StoredContent {
  return {
    id,
    sha256,
    mime: 'image/jpeg',
    size,
    iv: new Uint8Array(12),
    data: new ArrayBuffer(0),
    siteId: 'site-a',
    householdId: 'h1',
    waiting: 1,
    createdAt: `2026-12-07T10:00:0${id.length}.000Z`,
  };
}

function fakeStore(entries: StoredContent[]) {
  const uploaded: string[] = [];
  const refused: Record<string, UploadRefusal> = {};
  const pending = () => entries.filter((e) => !uploaded.includes(e.id) && !refused[e.id]);
  const store: UploadQueueStore = {
    waiting: async () => pending(),
    waitingTotals: async () => ({ count: pending().length, bytes: 0 }),
    read: async (id) => {
      const found = entries.find((e) => e.id === id);
      return found && { bytes: new Uint8Array(found.size), mime: found.mime, sha256: found.sha256 };
    },
    markUploaded: async (id) => void uploaded.push(id),
    markRefused: async (id, reason) => void (refused[id] = reason),
    refusals: async () => ({ ...refused }),
    subscribe: () => () => undefined,
  };
  return { store, uploaded, refused };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refusal = (status: number, error: string) => json(status, { error, message: error });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the document upload queue', () => {
  it('marks what the server refuses for good with its reason, and uploads the rest', async () => {
    const sha = (c: string) => c.repeat(64);
    const entries = [
      entry('a', sha('a'), 10),
      entry('bb', sha('b'), 10),
      entry('ccc', sha('c'), 10),
      entry('dddd', sha('d'), 10),
      entry('eeeee', sha('e'), 10),
    ];
    const damagedOnce = new Set<string>();
    const uploadIds = new Map<string, string>();
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string, init: RequestInit) => {
        if (init.method === 'POST') {
          const { sha256, size } = JSON.parse(String(init.body)) as { sha256: string; size: number };
          if (sha256 === sha('a')) return refusal(413, 'household_full');
          if (sha256 === sha('e')) return refusal(413, 'too_large');
          uploadIds.set(sha256, sha256);
          return json(200, { id: sha256, size, received: 0, complete: false });
        }
        const id = url.split('/').pop()!;
        if (id === sha('b')) return refusal(415, 'unsupported_type');
        if (id === sha('d') && !damagedOnce.has(id)) {
          damagedOnce.add(id);
          return refusal(422, 'checksum_mismatch');
        }
        return json(200, { id, size: 10, received: 10, complete: true, mime: 'image/jpeg' });
      }),
    );
    const { store, uploaded, refused } = fakeStore(entries);
    const uploader = startAttachmentUploads({ baseUrl: 'http://server', store, getHeaders: () => ({}) });
    try {
      await vi.waitFor(() => expect(uploaded).toContain('ccc'), { timeout: 2_000 });
      expect(refused).toEqual({ a: 'householdFull', bb: 'unsupportedType' });
      // Damaged on the way: not refused; the queue stops as for a cut line and tries again.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(refused.dddd).toBeUndefined();
      uploader.kick();
      await vi.waitFor(() => expect(uploaded).toContain('dddd'), { timeout: 2_000 });
      await vi.waitFor(() => expect(refused.eeeee).toBe('tooLarge'), { timeout: 2_000 });
      expect(uploaded.sort()).toEqual(['ccc', 'dddd']);
    } finally {
      uploader.stop();
    }
  });
});

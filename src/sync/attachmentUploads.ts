/**
 * The upload queue of documents (issue 19): sends each document waiting on
 * the device (db/attachmentStore.ts) in chunks, resuming from what the server
 * says it received (sync/attachmentProtocol.ts), so a cut connection costs at
 * most one chunk and a document arrives exactly once. Runs while sync runs;
 * tries again every few seconds and at once when the browser says it is
 * online. What waits is published for the sync bar.
 */
import { create } from '../state';
import type {
  AttachmentStore,
  StoredContent,
  UploadRefusal,
  WaitingUploads,
} from '../db/attachmentStore';
import { apiErrorCodeOf, type ApiErrorCode } from './api/errors';
import {
  UPLOAD_CHUNK_BYTES,
  UPLOAD_OFFSET_HEADER,
  uploadPath,
  uploadsPath,
  uploadStatusSchema,
  type UploadStatus,
} from './attachmentProtocol';
import { protocolFetch } from './protocolFetch';

export const waitingUploadsStore = create<WaitingUploads & { known: boolean; refused: number }>(() => ({
  count: 0,
  bytes: 0,
  /** Documents the server refused for good, kept on this device with the reason. */
  refused: 0,
  known: false,
}));

const RETRY_MS = 5_000;

/** The server refused this document for good (type, size, checksum): trying again would not help. */
class RefusedUpload extends Error {
  constructor(readonly reason: UploadRefusal) {
    super(reason);
  }
}

const REFUSALS: Partial<Record<ApiErrorCode, UploadRefusal>> = {
  too_large: 'tooLarge',
  household_full: 'householdFull',
  unsupported_type: 'unsupportedType',
  forbidden: 'notAllowed',
};

/**
 * Statuses that answer "never" rather than "not now". Not 422 (the content
 * did not match its SHA-256): the device's copy is sealed and checked, so the
 * bytes were damaged on the way, and sending them again is the cure.
 */
const FINAL_STATUSES = new Set([400, 403, 413, 415]);

/** Throws RefusedUpload when `response` refuses the document for good, with the reason its code gives. */
async function assertNotRefused(response: Response): Promise<void> {
  if (!FINAL_STATUSES.has(response.status)) return;
  const code = apiErrorCodeOf(await response.json().catch(() => undefined));
  const byStatus: UploadRefusal =
    response.status === 413
      ? 'tooLarge'
      : response.status === 415
        ? 'unsupportedType'
        : response.status === 403
          ? 'notAllowed'
          : 'invalid';
  throw new RefusedUpload((code && REFUSALS[code]) ?? byStatus);
}

/** What the queue needs of the device's document store (db/attachmentStore.ts). */
export type UploadQueueStore = Pick<
  AttachmentStore,
  'waiting' | 'waitingTotals' | 'read' | 'markUploaded' | 'markRefused' | 'refusals' | 'subscribe'
>;

interface UploaderOptions {
  baseUrl: string;
  store: UploadQueueStore;
  getHeaders: () => Record<string, string>;
  onUnauthorized?: () => void;
}

async function statusFrom(response: Response): Promise<UploadStatus> {
  return uploadStatusSchema.parse(await response.json());
}

async function uploadOne(options: UploaderOptions, entry: StoredContent, content: Uint8Array<ArrayBuffer>) {
  const send = (path: string, init: RequestInit) =>
    protocolFetch(`${options.baseUrl}${path}`, {
      ...init,
      headers: { ...options.getHeaders(), ...init.headers },
    });
  const started = await send(uploadsPath(), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      sha256: entry.sha256,
      size: entry.size,
      siteId: entry.siteId,
      ...(entry.householdId ? { householdId: entry.householdId } : {}),
    }),
  });
  if (started.status === 401) options.onUnauthorized?.();
  await assertNotRefused(started);
  if (!started.ok) throw new Error(`upload start answered ${started.status}`);
  let status = await statusFrom(started);
  while (!status.complete) {
    const offset = status.received;
    const chunk = content.subarray(offset, Math.min(offset + UPLOAD_CHUNK_BYTES, entry.size));
    const answer = await send(uploadPath(status.id), {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', [UPLOAD_OFFSET_HEADER]: String(offset) },
      body: chunk,
    });
    if (answer.status === 409 || answer.status === 404) {
      // Where does the server stand? (Another tab sent a chunk, or the upload must start again.)
      if (answer.status === 404) return uploadOne(options, entry, content);
      status = await statusFrom(await send(uploadPath(status.id), { method: 'GET' }));
      continue;
    }
    await assertNotRefused(answer);
    if (!answer.ok) throw new Error(`upload chunk answered ${answer.status}`);
    status = await statusFrom(answer);
  }
}

export interface Uploader {
  /** Tries to send what waits now (also called on a timer and when the browser goes online). */
  kick(): void;
  stop(): void;
}

export function startAttachmentUploads(options: UploaderOptions): Uploader {
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;

  const publish = async () => {
    const [totals, refusals] = await Promise.all([options.store.waitingTotals(), options.store.refusals()]);
    waitingUploadsStore.setState({ ...totals, refused: Object.keys(refusals).length, known: true });
  };

  const drain = async () => {
    for (const entry of await options.store.waiting()) {
      if (stopped) return;
      const content = await options.store.read(entry.id);
      if (!content) continue;
      try {
        await uploadOne(options, entry, content.bytes);
        await options.store.markUploaded(entry.id);
      } catch (error) {
        if (error instanceof RefusedUpload) {
          // Kept on the device with the reason (the person is told); the rest goes on.
          await options.store.markRefused(entry.id, error.reason);
          continue;
        }
        // Offline or the server is away: the rest waits for the next try.
        return;
      }
    }
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => console.warn('document upload failed', error))
      .finally(() => {
        running = undefined;
        void publish();
        if (again) {
          again = false;
          kick();
        }
      });
  };

  const unsubscribe = options.store.subscribe(() => {
    void publish();
    kick();
  });
  const timer = setInterval(kick, RETRY_MS);
  const onOnline = () => kick();
  if (typeof window !== 'undefined') window.addEventListener('online', onOnline);
  void publish();
  kick();
  return {
    kick,
    stop() {
      stopped = true;
      clearInterval(timer);
      unsubscribe();
      if (typeof window !== 'undefined') window.removeEventListener('online', onOnline);
    },
  };
}

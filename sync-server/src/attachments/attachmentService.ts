/**
 * Documents' uploads and downloads (issue 19): no HTTP in here (routes/attachments.ts).
 * The wire contract and its steps are described in src/sync/attachmentProtocol.ts.
 */
import { createHash } from 'node:crypto';
import { grantFor, projectForRead } from '@waystation/domain/access';
import {
  ATTACHMENT_COLLECTIONS,
  attachmentVisibleTo,
  isAttachmentCollection,
  sniffAttachmentType,
  type Attachment,
  type AttachmentMime,
} from '@waystation/domain/attachments';
import { uploadRequestSchema, type UploadStatus } from '@waystation/protocol/attachments';
import type { Principal } from '../services/actor';
import { forbidden } from '../services/access';
import { InputError, parseBody } from '../services/errors';
import { AsyncMutex } from '../store/mutex';
import type { Store } from '../store/types';
import { sha256Of, type BlobStore, type UploadRecord } from './blobStore';

export interface AttachmentLimits {
  /** Largest file accepted (after the device downscaled it). */
  maxFileBytes: number;
  /** Largest total of distinct documents one household holds. */
  maxHouseholdBytes: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxHouseholdBytes: 200 * 1024 * 1024,
};

export const ATTACHMENT_AUDIT_ACTIONS = {
  upload: 'attachment_upload',
  download: 'attachment_download',
  downloadRefused: 'attachment_download_refused',
} as const;

export interface AttachmentDeps {
  store: Store;
  blobs: BlobStore;
  limits: AttachmentLimits;
  now: () => Date;
}

// One writer at a time per process: an upload's chunks and the household totals are read-modify-write.
const writers = new WeakMap<BlobStore, AsyncMutex>();
function writer(blobs: BlobStore): AsyncMutex {
  let mutex = writers.get(blobs);
  if (!mutex) writers.set(blobs, (mutex = new AsyncMutex()));
  return mutex;
}

function statusOf(upload: UploadRecord, mime?: AttachmentMime): UploadStatus {
  return {
    id: upload.id,
    size: upload.size,
    received: upload.received,
    complete: upload.received === upload.size && upload.complete === true,
    ...(mime ? { mime } : {}),
  };
}

function mayAttach(principal: Principal): boolean {
  return ATTACHMENT_COLLECTIONS.some((collection) => grantFor(principal.roles, collection).write);
}

function tooLarge(message: string): InputError {
  return new InputError('too_large', message);
}

async function assertHouseholdRoom(
  deps: AttachmentDeps,
  upload: Pick<UploadRecord, 'siteId' | 'householdId' | 'sha256' | 'size'>,
) {
  if (!upload.householdId) return;
  const usage = await deps.blobs.householdUsage(upload.siteId, upload.householdId);
  if (usage[upload.sha256] !== undefined) return;
  const used = Object.values(usage).reduce((sum, size) => sum + size, 0);
  if (used + upload.size > deps.limits.maxHouseholdBytes) {
    throw new InputError(
      'household_full',
      `This family's documents would exceed ${deps.limits.maxHouseholdBytes} bytes (${used} used); nothing was stored`,
    );
  }
}

export async function startUpload(
  deps: AttachmentDeps,
  principal: Principal,
  body: unknown,
): Promise<UploadStatus> {
  const request = parseBody(uploadRequestSchema, body, 'The upload');
  if (!mayAttach(principal)) throw forbidden('Your role may not add documents; nothing was stored');
  if (!principal.siteIds.includes(request.siteId)) {
    throw forbidden(`Site ${request.siteId} is not one of your sites; nothing was stored`);
  }
  if (request.size > deps.limits.maxFileBytes) {
    throw tooLarge(
      `A document may have at most ${deps.limits.maxFileBytes} bytes; this one has ${request.size}`,
    );
  }
  const id = createHash('sha256')
    .update(
      `waystation/upload/v1\u0000${request.siteId}\u0000${request.householdId ?? ''}\u0000${request.sha256}`,
    )
    .digest('hex');
  return writer(deps.blobs).run(async () => {
    const existing = await deps.blobs.getUpload(id);
    if (existing) return statusOf(existing);
    await assertHouseholdRoom(deps, { ...request });
    const upload: UploadRecord = {
      id,
      sha256: request.sha256,
      size: request.size,
      received: 0,
      siteId: request.siteId,
      ...(request.householdId ? { householdId: request.householdId } : {}),
      userId: principal.userId,
      createdAt: deps.now().toISOString(),
    };
    // The same content already stored and counted for this household: nothing to send again.
    if (await deps.blobs.has(request.sha256)) {
      const counted = request.householdId
        ? (await deps.blobs.householdUsage(request.siteId, request.householdId))[request.sha256] !== undefined
        : true;
      if (counted) {
        const done = { ...upload, received: upload.size, complete: true };
        await deps.blobs.putUpload(done);
        return statusOf(done);
      }
    }
    await deps.blobs.putUpload(upload);
    return statusOf(upload);
  });
}

async function uploadOf(deps: AttachmentDeps, principal: Principal, id: string): Promise<UploadRecord> {
  const upload = /^[0-9a-f]{64}$/.test(id) ? await deps.blobs.getUpload(id) : undefined;
  if (!upload || !principal.siteIds.includes(upload.siteId)) {
    throw new InputError('not_found', 'No such upload; start it again');
  }
  return upload;
}

export async function uploadStatus(
  deps: AttachmentDeps,
  principal: Principal,
  id: string,
): Promise<UploadStatus> {
  return statusOf(await uploadOf(deps, principal, id));
}

export async function appendChunk(
  deps: AttachmentDeps,
  principal: Principal,
  id: string,
  offset: number,
  chunk: Buffer,
): Promise<UploadStatus> {
  return writer(deps.blobs).run(async () => {
    const upload = await uploadOf(deps, principal, id);
    // A retried chunk whose answer was lost: the upload is done, nothing is written twice.
    if (upload.complete) return statusOf(upload);
    if (offset !== upload.received) {
      throw new InputError('offset_mismatch', `The upload has ${upload.received} bytes; send from there`);
    }
    if (offset + chunk.length > upload.size) {
      throw new InputError(
        'invalid_body',
        `The chunk goes beyond the ${upload.size} bytes announced; nothing was stored`,
      );
    }
    await deps.blobs.writeChunk(id, offset, chunk);
    const received = { ...upload, received: offset + chunk.length };
    if (received.received < upload.size) {
      await deps.blobs.putUpload(received);
      return statusOf(received);
    }
    return complete(deps, principal, received);
  });
}

/** Checks the whole content (hash, type by its first bytes, the household's room) and keeps it. */
async function complete(
  deps: AttachmentDeps,
  principal: Principal,
  upload: UploadRecord,
): Promise<UploadStatus> {
  const bytes = await deps.blobs.readPartial(upload.id, upload.size);
  const refuse = async (error: InputError) => {
    await deps.blobs.deleteUpload(upload.id);
    return Promise.reject(error);
  };
  if (sha256Of(bytes) !== upload.sha256) {
    return refuse(
      new InputError('checksum_mismatch', 'The content does not match its SHA-256; nothing was stored'),
    );
  }
  const mime = sniffAttachmentType(bytes);
  if (!mime) {
    return refuse(
      new InputError(
        'unsupported_type',
        'Only JPEG, PNG and WebP images and PDF documents are kept; nothing was stored',
      ),
    );
  }
  await assertHouseholdRoom(deps, upload).catch(async (error: unknown) => {
    await deps.blobs.deleteUpload(upload.id);
    throw error;
  });
  await deps.blobs.put(upload.sha256, bytes);
  if (upload.householdId)
    await deps.blobs.addHouseholdUsage(upload.siteId, upload.householdId, upload.sha256, upload.size);
  const done = { ...upload, complete: true };
  await deps.blobs.putUpload(done);
  await deps.store.transaction((tx) =>
    tx.appendAudit({
      at: deps.now().toISOString(),
      userId: principal.userId,
      deviceId: principal.deviceId,
      action: ATTACHMENT_AUDIT_ACTIONS.upload,
      siteId: upload.siteId,
      ...(upload.householdId ? { recordId: upload.householdId, collection: 'households' } : {}),
      details: { sha256: upload.sha256, size: upload.size, mime },
    }),
  );
  return statusOf(done, mime);
}

export interface Download {
  bytes: Buffer;
  mime: AttachmentMime;
  attachment: Attachment;
}

/**
 * The content of one attachment, under the record's rules: the record's site
 * is the user's, the role reads the collection (and, for a reduced grant, the
 * field), and the attachment is one the role receives. Each download, and
 * each refusal of a record the user could otherwise see, is audited.
 */
export async function download(
  deps: AttachmentDeps,
  principal: Principal,
  collection: string,
  recordId: string,
  attachmentId: string,
): Promise<Download> {
  const notFound = () => new InputError('not_found', 'No such document');
  if (!isAttachmentCollection(collection)) throw notFound();
  const grant = grantFor(principal.roles, collection).read;
  const stored = await deps.store.getDocument(collection, recordId);
  if (!stored || stored.deleted || !principal.siteIds.includes(stored.siteId) || grant.kind === 'none')
    throw notFound();
  const visible = projectForRead(stored.doc, grant) as Record<string, unknown> | undefined;
  const attachments = (visible?.attachments ?? {}) as Record<string, Attachment>;
  const attachment = Object.prototype.hasOwnProperty.call(attachments, attachmentId)
    ? attachments[attachmentId]
    : undefined;
  if (!attachment || attachment.deleted) throw notFound();
  const audit = (action: string, details: Record<string, unknown>) =>
    deps.store.transaction((tx) =>
      tx.appendAudit({
        at: deps.now().toISOString(),
        userId: principal.userId,
        deviceId: principal.deviceId,
        action,
        collection,
        recordId,
        siteId: stored.siteId,
        details: { attachmentId, kind: attachment.kind, ...details },
      }),
    );
  if (!attachmentVisibleTo(principal, collection, stored.doc, attachment)) {
    await audit(ATTACHMENT_AUDIT_ACTIONS.downloadRefused, {});
    throw forbidden('Your role does not receive this document');
  }
  const bytes = await deps.blobs.get(attachment.sha256);
  if (!bytes) throw new InputError('not_found', 'This document has not been uploaded yet');
  const mime = sniffAttachmentType(bytes);
  if (!mime) throw new InputError('unsupported_type', 'The stored document is of no type the server serves');
  await audit(ATTACHMENT_AUDIT_ACTIONS.download, { sha256: attachment.sha256, size: bytes.length });
  return { bytes, mime, attachment };
}

/**
 * The wire contract of document uploads and downloads (issue 19), shared by
 * the sync server's routes and the device's upload queue.
 *
 * Upload, resumable and exactly once (tus-like):
 *  1. POST /api/attachments/uploads {sha256, size, siteId, householdId?}
 *     → UploadStatus. The upload's id follows from site, household and
 *     content, so asking again (another tab, after a restart) finds the same
 *     upload and how much of it arrived; content the server already holds for
 *     that household answers `complete` at once.
 *  2. PUT /api/attachments/uploads/:id with `Upload-Offset: <received>` and an
 *     application/octet-stream chunk of at most UPLOAD_CHUNK_MAX_BYTES
 *     → UploadStatus. A chunk at any other offset is refused (409
 *     `offset_mismatch`; nothing is written) and the device asks GET for the
 *     offset; a chunk is kept whole or not at all, so a cut connection never
 *     leaves half a chunk counted. The last chunk completes the upload: the
 *     server checks the SHA-256 and the type by content before keeping it.
 *  3. GET /api/attachments/uploads/:id → UploadStatus.
 *
 * Download: GET /api/attachments/:collection/:recordId/:attachmentId, under
 * the record's role and site rules (domain/attachments.ts), audited.
 */
import { z } from 'zod';
import { ATTACHMENT_MIME_TYPES, MAX_ATTACHMENT_BYTES, sha256Hex } from '../domain/attachments';
import { idSchema } from '../domain/common';

export const UPLOAD_CHUNK_MAX_BYTES = 1024 * 1024;
/** What the device sends per PUT: small enough to get through a line that drops every 30 s. */
export const UPLOAD_CHUNK_BYTES = 256 * 1024;
export const UPLOAD_OFFSET_HEADER = 'upload-offset';

export const uploadRequestSchema = z
  .object({
    sha256: sha256Hex,
    size: z.number().int().min(1).max(MAX_ATTACHMENT_BYTES),
    siteId: idSchema,
    householdId: idSchema.optional(),
  })
  .strict();
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

export const uploadStatusSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().min(1),
    received: z.number().int().min(0),
    complete: z.boolean(),
    /** The type the server found in the content, once complete. */
    mime: z.enum(ATTACHMENT_MIME_TYPES).optional(),
  })
  .strict();
export type UploadStatus = z.infer<typeof uploadStatusSchema>;

export function uploadsPath(): string {
  return '/api/attachments/uploads';
}

export function uploadPath(id: string): string {
  return `/api/attachments/uploads/${encodeURIComponent(id)}`;
}

export function downloadPath(collection: string, recordId: string, attachmentId: string): string {
  return `/api/attachments/${encodeURIComponent(collection)}/${encodeURIComponent(recordId)}/${encodeURIComponent(attachmentId)}`;
}

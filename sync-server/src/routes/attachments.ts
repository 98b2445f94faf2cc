/** Documents: resumable uploads and audited downloads (attachments/attachmentService.ts does the work). */
import type { FastifyInstance } from 'fastify';
import { UPLOAD_CHUNK_MAX_BYTES, UPLOAD_OFFSET_HEADER } from '@waystation/protocol/attachments';
import * as attachments from '../attachments/attachmentService';
import type { AttachmentDeps } from '../attachments/attachmentService';
import { InputError } from '../services/errors';
import { principalOf } from './actor';

const EXTENSIONS = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
} as const;

function offsetOf(value: unknown): number {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' || !/^\d{1,12}$/.test(text)) {
    throw new InputError(
      'invalid_query',
      'Upload-Offset must say where the chunk starts (a number of bytes)',
    );
  }
  return Number(text);
}

export function registerAttachmentRoutes(app: FastifyInstance, deps: AttachmentDeps) {
  app.register(async (scope) => {
    // Chunks are raw bytes, in this scope only; the rest of the API takes JSON.
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: UPLOAD_CHUNK_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );

    scope.post('/api/attachments/uploads', async (request) =>
      attachments.startUpload(deps, principalOf(request), request.body),
    );
    scope.get<{ Params: { id: string } }>('/api/attachments/uploads/:id', async (request) =>
      attachments.uploadStatus(deps, principalOf(request), request.params.id),
    );
    scope.put<{ Params: { id: string } }>('/api/attachments/uploads/:id', async (request) => {
      const offset = offsetOf(request.headers[UPLOAD_OFFSET_HEADER]);
      const body = Buffer.isBuffer(request.body) ? request.body : undefined;
      if (!body) throw new InputError('invalid_body', 'Send the chunk as application/octet-stream');
      return attachments.appendChunk(deps, principalOf(request), request.params.id, offset, body);
    });

    scope.get<{ Params: { collection: string; recordId: string; attachmentId: string } }>(
      '/api/attachments/:collection/:recordId/:attachmentId',
      async (request, reply) => {
        const { collection, recordId, attachmentId } = request.params;
        const found = await attachments.download(
          deps,
          principalOf(request),
          collection,
          recordId,
          attachmentId,
        );
        return (
          reply
            // The type found in the content, never one a sender chose; nothing a browser would run.
            .type(found.mime)
            .header(
              'content-disposition',
              `attachment; filename="document-${attachmentId}.${EXTENSIONS[found.mime]}"`,
            )
            .header('x-content-type-options', 'nosniff')
            .header('content-security-policy', "default-src 'none'; sandbox")
            .header('cache-control', 'no-store')
            .send(found.bytes)
        );
      },
    );
  });
}

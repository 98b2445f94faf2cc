/**
 * One place that turns failures into ApiError answers. A client's mistake is
 * always a 4xx with a stable code; only a server fault is a 5xx. Rejections
 * are logged with their reason, never with the request body (it holds
 * people's data).
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiError, ApiErrorCode } from '@waystation/protocol/api';
import { InputError, type InputErrorCode } from '../services/errors';

const INPUT_ERROR_STATUS: Record<InputErrorCode, number> = {
  invalid_document: 400,
  invalid_query: 400,
  // Not the device's fault and not for setting aside: it retries once this server is updated.
  schema_version_ahead: 409,
  invalid_body: 400,
  invalid_text: 400,
  unknown_collection: 404,
  not_found: 404,
  username_taken: 409,
  self_lockout: 409,
  erasure_state: 409,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden: 403,
  password_change_required: 403,
  device_revoked: 401,
  locked: 429,
  rate_limited: 429,
  too_large: 413,
  household_full: 413,
  unsupported_type: 415,
  offset_mismatch: 409,
  checksum_mismatch: 422,
};

/** Fastify's own request errors (body parsing, limits) in our vocabulary. */
const FASTIFY_ERRORS: Record<string, { status: number; error: ApiErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    error: 'invalid_json',
    message: 'The body is not valid JSON',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    error: 'invalid_json',
    message: 'The body is empty; JSON was expected',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, error: 'payload_too_large', message: 'The body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    error: 'unsupported_media_type',
    message: 'Send the body as application/json',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    error: 'invalid_request',
    message: 'Content-Length does not match the body',
  },
};

export function sendApiError(reply: FastifyReply, status: number, body: ApiError): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

function logRejection(
  request: FastifyRequest,
  status: number,
  reason: string,
  detail?: Record<string, unknown>,
) {
  request.log.info({ status, reason, ...detail }, 'request rejected');
}

function toApiError(error: FastifyError): { status: number; body: ApiError; retryAfter?: number } | undefined {
  if (error instanceof InputError) {
    const body: ApiError = { error: error.code, message: error.message };
    if (error.issues.length > 0) body.issues = error.issues;
    return {
      status: INPUT_ERROR_STATUS[error.code],
      body,
      ...(error.retryAfterSeconds === undefined ? {} : { retryAfter: error.retryAfterSeconds }),
    };
  }
  const known = error.code ? FASTIFY_ERRORS[error.code] : undefined;
  if (known) return { status: known.status, body: { error: known.error, message: known.message } };
  // JSON.parse errors from the body parser (e.g. a __proto__ key) carry a 400 but no FST code.
  if (error instanceof SyntaxError) {
    return { status: 400, body: { error: 'invalid_json', message: 'The body is not valid JSON' } };
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, body: { error: 'bad_request', message: error.message } };
  }
  return undefined;
}

export function registerErrorHandlers(
  app: FastifyInstance,
  fallback?: (request: FastifyRequest, reply: FastifyReply) => unknown,
) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const mapped = toApiError(error);
    if (mapped) {
      logRejection(request, mapped.status, mapped.body.error, {
        issues: mapped.body.issues?.map((issue) => issue.path),
      });
      if (mapped.status === 401) reply.header('WWW-Authenticate', 'Bearer');
      if (mapped.retryAfter !== undefined) reply.header('Retry-After', String(mapped.retryAfter));
      return sendApiError(reply, mapped.status, mapped.body);
    }
    request.log.error({ err: error }, 'request failed');
    return sendApiError(reply, 500, {
      error: 'internal_error',
      message: 'The server failed; nothing was lost, try again',
    });
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (fallback && !path.startsWith('/api/') && path !== '/api') return fallback(request, reply);
    logRejection(request, 404, 'not_found');
    return sendApiError(reply, 404, {
      error: 'not_found',
      message: `No such endpoint: ${request.method} ${path}`,
    });
  });
}

/**
 * Every error the server answers is an ApiError `{ error, message, issues? }`
 * with a 4xx/5xx status; `error` is one of these codes, stable across
 * releases, and what the app switches on (never on the message).
 */
import { z } from 'zod';

export const API_ERROR_CODES = [
  // A caller's mistake a service reports (sync-server/src/services/errors.ts maps each to a status).
  'invalid_document',
  'invalid_query',
  /** Not the device's fault: it retries once the server is updated (409). */
  'schema_version_ahead',
  'invalid_body',
  /** A NUL character, a lone surrogate or bytes that are not UTF-8: no person typed that. */
  'invalid_text',
  'unknown_collection',
  'not_found',
  'username_taken',
  'self_lockout',
  'unauthorized',
  'invalid_credentials',
  'forbidden',
  'locked',
  /** The account's password was chosen by someone else: only changing it (or signing out) is allowed. */
  'password_change_required',
  /** An administrator revoked this device: it may only push what it holds and say it wiped itself. */
  'device_revoked',
  'rate_limited',
  /** The erasure was already carried out (or the second person is the first). */
  'erasure_state',
  /** A document over the per-file cap. */
  'too_large',
  /** A document that would take its household over the per-household cap. */
  'household_full',
  /** A document that is not JPEG, PNG, WebP or PDF by its content. */
  'unsupported_type',
  /** A chunk sent at another offset than the upload has reached. */
  'offset_mismatch',
  /** The uploaded content is not what its SHA-256 says. */
  'checksum_mismatch',
  // The HTTP layer's own (sync-server/src/routes/errors.ts, protocolVersion.ts).
  'invalid_json',
  'payload_too_large',
  'unsupported_media_type',
  'invalid_request',
  'bad_request',
  'invalid_protocol_version',
  /** 426: see IncompatibleClientError in protocolVersion.ts. */
  'incompatible_client',
  'internal_error',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The codes a service may raise for a caller's mistake (the rest belong to the HTTP layer). */
export type InputErrorCode = Exclude<
  ApiErrorCode,
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'invalid_request'
  | 'bad_request'
  | 'invalid_protocol_version'
  | 'incompatible_client'
  | 'internal_error'
>;

export const apiErrorIssueSchema = z.object({ path: z.string(), message: z.string() });
export type ApiErrorIssue = z.infer<typeof apiErrorIssueSchema>;

export const apiErrorSchema = z.object({
  /** Stable, machine-readable code, e.g. "invalid_document". */
  error: z.enum(API_ERROR_CODES),
  /** What is wrong, for a person. */
  message: z.string(),
  issues: z.array(apiErrorIssueSchema).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** The error code of an answer's body, when it is one this app knows. */
export function apiErrorCodeOf(body: unknown): ApiErrorCode | undefined {
  const parsed = apiErrorCodeBodySchema.safeParse(body);
  return parsed.success ? parsed.data.error : undefined;
}
const apiErrorCodeBodySchema = z.object({ error: z.enum(API_ERROR_CODES) });

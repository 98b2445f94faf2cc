/**
 * Errors a service raises for a caller's mistake. They carry a stable code
 * (the ApiError `error` field, one of src/sync/api/errors.ts) but no HTTP status: the HTTP layer maps codes
 * to statuses, so services stay usable without HTTP.
 */
import type { z } from 'zod';
import type { ApiErrorIssue, InputErrorCode } from '@waystation/protocol/api';

export type { InputErrorCode };

/** Enough issues to fix a request; a hostile body cannot make the answer huge. */
const MAX_REPORTED_ISSUES = 100;

export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    readonly code: InputErrorCode,
    message: string,
    readonly issues: ApiErrorIssue[] = [],
    /** For locked / rate_limited: when to try again (sent as Retry-After). */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** A caller's body failed its schema: 400 with every problem by field. */
export function parseBody<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new InputError('invalid_body', `${what} is not valid; nothing was changed`, zodIssues(result.error));
  return result.data;
}

/** "[3].newDocumentState.sponsor.phone": the row index first, then the field. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => {
      if (typeof part === 'number') return `[${part}]`;
      const name = String(part);
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}

export function zodIssues(error: z.ZodError): ApiErrorIssue[] {
  return error.issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => ({ path: formatIssuePath(issue.path), message: issue.message }));
}

/**
 * "The device is out of storage", recognised wherever it surfaces.
 *
 * The browser reports a full origin as a DOMException named
 * 'QuotaExceededError' (Firefox: NS_ERROR_DOM_QUOTA_REACHED, legacy code 22).
 * By the time it reaches an operation it is usually wrapped: Dexie rethrows it
 * as its own QuotaExceededError, or as an AbortError of the transaction with
 * the DOMException in `inner`, or inside a BulkError's `failures`; RxDB puts
 * storage errors in `parameters` (`error`, `errors`, `writeError`); our own
 * errors chain with `cause`. `isStorageFullError` looks through all of them.
 * RxDB copies errors it reports from replication to plain JSON, which drops
 * Dexie's `inner`; Dexie's AbortError message still starts with the inner
 * error's name, so that is recognised too.
 */

const QUOTA_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_DOM_QUOTA_REACHED']);
/** DOMException.QUOTA_EXCEEDED_ERR, and Firefox's code for the same condition. */
const QUOTA_CODES = new Set([22, 1014]);
/** Wrapping seen in practice is 2–3 levels deep; the bound only guards against cycles of odd shapes. */
const MAX_DEPTH = 6;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The errors an error wraps, in every place the libraries above put them. */
function innerErrors(error: Record<string, unknown>): unknown[] {
  const inner: unknown[] = [error.cause, error.inner, error.writeError];
  if (Array.isArray(error.failures)) inner.push(...(error.failures as unknown[]));
  if (Array.isArray(error.errors)) inner.push(...(error.errors as unknown[]));
  const parameters = error.parameters;
  if (isObject(parameters)) {
    inner.push(parameters.error, parameters.writeError);
    if (Array.isArray(parameters.errors)) inner.push(...(parameters.errors as unknown[]));
  }
  return inner.filter(isObject);
}

function isQuotaItself(error: Record<string, unknown>): boolean {
  if (typeof error.name === 'string' && QUOTA_NAMES.has(error.name)) return true;
  if (
    error.name === 'AbortError' &&
    typeof error.message === 'string' &&
    /^QuotaExceededError\b/.test(error.message)
  )
    return true;
  // A DOMException's code is only meaningful with its name; plain objects with `code: 22` are something else.
  return typeof DOMException !== 'undefined' && error instanceof DOMException && QUOTA_CODES.has(error.code);
}

/** True when `error` is, or wraps, the browser saying the origin's storage is full. */
export function isStorageFullError(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (value: unknown, depth: number): boolean => {
    if (!isObject(value) || seen.has(value) || depth > MAX_DEPTH) return false;
    seen.add(value);
    if (value instanceof StorageFullError || isQuotaItself(value)) return true;
    return innerErrors(value).some((inner) => visit(inner, depth + 1));
  };
  return visit(error, 0);
}

/**
 * A save failed because the device has no room left. Thrown by the record
 * writers after they have undone whatever part of the save had been written,
 * so the caller can say plainly: this change was not saved, earlier ones are.
 */
export class StorageFullError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('The device is out of storage: the change was not saved', options);
    this.name = 'StorageFullError';
  }
}

/** `error` as a StorageFullError when it means the device is full; otherwise unchanged. */
export function asStorageFull(error: unknown): unknown {
  if (error instanceof StorageFullError || !isStorageFullError(error)) return error;
  return new StorageFullError({ cause: error });
}

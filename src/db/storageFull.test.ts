import Dexie from 'dexie';
import { newRxError } from 'rxdb';
import { errorToPlainJson } from 'rxdb/plugins/utils';
import { describe, expect, it } from 'vitest';
import { asStorageFull, isStorageFullError, StorageFullError } from './storageFull';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const constraint = () => new DOMException('Key already exists in the object store.', 'ConstraintError');

describe('isStorageFullError', () => {
  it('recognises the browser’s own error', () => {
    expect(isStorageFullError(quota())).toBe(true);
  });

  it('recognises Dexie’s forms: its QuotaExceededError, a transaction aborted by quota, a bulk failure', () => {
    expect(isStorageFullError(new Dexie.QuotaExceededError(quota()))).toBe(true);
    expect(isStorageFullError(new Dexie.AbortError(quota()))).toBe(true);
    expect(isStorageFullError(new Dexie.BulkError('bulkPut failed', { 0: constraint(), 1: quota() }))).toBe(
      true,
    );
  });

  it('recognises it inside RxDB’s errors and after RxDB copied them to plain JSON', () => {
    expect(isStorageFullError(newRxError('RC_PULL', { error: errorToPlainJson(quota()) }))).toBe(true);
    expect(isStorageFullError(newRxError('RC_PUSH', { errors: [errorToPlainJson(quota())] }))).toBe(true);
    // errorToPlainJson drops Dexie's `inner`; the abort's message still names the cause.
    expect(
      isStorageFullError(newRxError('RC_PULL', { error: errorToPlainJson(new Dexie.AbortError(quota())) })),
    ).toBe(true);
  });

  it('follows `cause` chains, and knows its own error', () => {
    expect(
      isStorageFullError(new Error('save failed', { cause: new Error('write failed', { cause: quota() }) })),
    ).toBe(true);
    expect(isStorageFullError(new StorageFullError())).toBe(true);
  });

  it('leaves other failures alone, wrapped or not', () => {
    expect(isStorageFullError(constraint())).toBe(false);
    expect(isStorageFullError(new Dexie.AbortError(constraint()))).toBe(false);
    expect(isStorageFullError(new Dexie.AbortError())).toBe(false);
    expect(
      isStorageFullError(
        newRxError('RC_PUSH', { errors: [errorToPlainJson(new TypeError('Failed to fetch'))] }),
      ),
    ).toBe(false);
    expect(isStorageFullError(new Error('Could not save 1 households record(s): 409'))).toBe(false);
    // Code 22 means quota only on a DOMException.
    expect(isStorageFullError({ name: 'Error', code: 22 })).toBe(false);
    for (const value of [undefined, null, 'QuotaExceededError', 22])
      expect(isStorageFullError(value)).toBe(false);
  });

  it('stops on errors that wrap each other', () => {
    const a: { name: string; cause?: unknown } = { name: 'A' };
    a.cause = { name: 'B', inner: a };
    expect(isStorageFullError(a)).toBe(false);
  });
});

describe('asStorageFull', () => {
  it('turns a quota failure into a StorageFullError that keeps the original as its cause', () => {
    const original = new Dexie.AbortError(quota());
    const converted = asStorageFull(original);
    expect(converted).toBeInstanceOf(StorageFullError);
    expect((converted as StorageFullError).cause).toBe(original);
  });

  it('returns any other error as it was', () => {
    const original = constraint();
    expect(asStorageFull(original)).toBe(original);
    const full = new StorageFullError();
    expect(asStorageFull(full)).toBe(full);
  });
});

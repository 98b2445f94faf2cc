import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  PERSISTENCE_ITEM,
  askPersistenceOnce,
  checkPersistence,
  configurePersistence,
  persistenceStore,
} from './storagePersistence';

function fakeBrowser(options: { grants: boolean; permission?: PermissionState }) {
  let persisted = false;
  const storage = {
    persisted: vi.fn(async () => persisted),
    persist: vi.fn(async () => {
      persisted = options.grants;
      return persisted;
    }),
  };
  const permissions = {
    query: vi.fn(async () => ({ state: options.permission ?? 'prompt' }) as PermissionStatus),
  };
  configurePersistence({ storage, permissions, remembered: localStorage });
  return storage;
}

const state = () => persistenceStore.getState().persistence;

describe('storage persistence', () => {
  beforeEach(() => localStorage.clear());

  it('asks once per page load, at a save, and remembers a refusal for the next load', async () => {
    const storage = fakeBrowser({ grants: false });
    await checkPersistence();
    expect(state()).toBe('notAsked');
    expect(storage.persist).not.toHaveBeenCalled();

    await Promise.all([askPersistenceOnce(), askPersistenceOnce()]);
    await askPersistenceOnce();
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(state()).toBe('refused');
    expect(localStorage.getItem(PERSISTENCE_ITEM)).toBe('refused');

    fakeBrowser({ grants: false }); // the next page load
    await checkPersistence();
    expect(state()).toBe('refused');
  });

  it('says protected when the browser grants it', async () => {
    fakeBrowser({ grants: true });
    await askPersistenceOnce();
    expect(state()).toBe('protected');
  });

  it('does not ask a browser that blocked the question', async () => {
    const storage = fakeBrowser({ grants: true, permission: 'denied' });
    await askPersistenceOnce();
    expect(storage.persist).not.toHaveBeenCalled();
    expect(state()).toBe('refused');
  });

  it('says unsupported where the browser has no persistence', async () => {
    configurePersistence({ storage: undefined, permissions: undefined, remembered: localStorage });
    await checkPersistence();
    expect(state()).toBe('unsupported');
  });
});

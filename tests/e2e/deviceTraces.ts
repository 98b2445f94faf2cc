/**
 * What a device still holds of its users, read the way anyone holding the
 * device could read it: the names of the origin's IndexedDB databases, the
 * Cache Storage, and localStorage. Sign-out and the wrong-PIN wipe must leave
 * none of a user's traces (issue 15).
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

/** localStorage keys a signed-out device keeps: who the device is and the interface language. */
export const DEVICE_KEYS = ['waystation.deviceId', 'waystation.language'];

export interface DeviceTraces {
  databases: string[];
  /** Every cache with the URLs it holds. */
  caches: { name: string; urls: string[] }[];
  localStorage: Record<string, string>;
}

export async function readDeviceTraces(page: Page): Promise<DeviceTraces> {
  return page.evaluate(async () => {
    const databases = (await indexedDB.databases()).map((info) => info.name ?? '').sort();
    const caches = await Promise.all(
      (await globalThis.caches.keys()).map(async (name) => {
        const cache = await globalThis.caches.open(name);
        return { name, urls: (await cache.keys()).map((request) => request.url) };
      }),
    );
    return { databases, caches, localStorage: { ...window.localStorage } };
  });
}

/**
 * The device holds nothing of `user` and no personal data at all:
 *  - no IndexedDB database is named after the user (the names alone say who used the device),
 *    and, as no one else used this device, no database of the app is left;
 *  - no cache holds an answer of the API. The service worker's precache of the app shell
 *    may stay: it holds the app's own files, the same for everyone, no personal data;
 *  - localStorage holds the device id and the interface language, nothing else.
 */
export async function expectNoTracesOf(page: Page, user: { id: string; username: string }): Promise<void> {
  const traces = await readDeviceTraces(page);
  const sanitizedId = user.id.toLowerCase().replace(/[^a-z0-9_-]/g, '_');
  const named = traces.databases.filter(
    (name) => name.includes(sanitizedId) || name.includes(user.id) || name.includes(user.username),
  );
  expect(named, `databases named after ${user.username}`).toEqual([]);
  expect(traces.databases, 'databases left on a device no one is signed in to').toEqual([]);

  for (const cache of traces.caches) {
    expect(cache.name, 'only the service worker precache may stay').toMatch(/^workbox-precache/);
    const apiAnswers = cache.urls.filter((url) => new URL(url).pathname.startsWith('/api/'));
    expect(apiAnswers, `API answers in cache ${cache.name}`).toEqual([]);
  }

  const extraKeys = Object.keys(traces.localStorage).filter((key) => !DEVICE_KEYS.includes(key));
  expect(extraKeys, 'localStorage keys besides the device id and language').toEqual([]);
  const stored = JSON.stringify(traces.localStorage);
  expect(stored).not.toContain(user.username);
  expect(stored).not.toContain(user.id);
}

/** Whether any IndexedDB store of the page's origin holds the text (case-insensitive). */
export async function deviceHolds(page: Page, text: string): Promise<boolean> {
  return page.evaluate(async (needle) => {
    const request = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await request(indexedDB.open(info.name));
      try {
        for (const store of Array.from(db.objectStoreNames)) {
          const all = await request(db.transaction(store).objectStore(store).getAll());
          if (JSON.stringify(all).toLowerCase().includes(needle.toLowerCase())) return true;
        }
      } finally {
        db.close();
      }
    }
    return false;
  }, text);
}

/**
 * What sign-out and the wrong-PIN wipe remove besides the user's database:
 * every localStorage key but the device id and the interface language, and
 * every cached answer of the API. Keys are removed by what is kept, not by a
 * list of what to remove, so a cache a feature adds later is not forgotten.
 *
 * While other people still have an account on this device (a shared tablet),
 * their keyring entries, their queued read reports and the device's settings
 * stay: removing them would lock those people out of their own unsynced work.
 */
import { DEVICE_ID_ITEM } from '../../db/deviceKey';
import { KEYRING_ITEM } from '../../db/keyring';
import { PERSISTENCE_ITEM } from '../../db/storagePersistence';
import { LANGUAGE_STORAGE_KEY } from '../../app/i18n';
import { IDLE_SETTINGS_ITEM } from './idleSettings';

/** Where a user's queued audit reports of sensitive reads wait (sealed under their key). */
export const readReportItem = (userId: string) => `waystation.readReports.${userId}`;

/** Removes every key but those of the device and of the accounts still on it. */
export function forgetLocalData(storage: Storage, remainingUserIds: readonly string[]): void {
  const kept = new Set([DEVICE_ID_ITEM, LANGUAGE_STORAGE_KEY]);
  if (remainingUserIds.length > 0) {
    for (const item of [KEYRING_ITEM, IDLE_SETTINGS_ITEM, PERSISTENCE_ITEM]) kept.add(item);
    for (const userId of remainingUserIds) kept.add(readReportItem(userId));
  }
  const keys: string[] = [];
  for (let index = 0; index < storage.length; index += 1) {
    const key = storage.key(index);
    if (key !== null && !kept.has(key)) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}

/**
 * Deletes every API answer from Cache Storage. The service worker's precache
 * of the app shell stays: the app's own files, the same for everyone.
 */
export async function forgetCachedApiAnswers(
  cacheStorage: CacheStorage | undefined = globalThis.caches,
): Promise<void> {
  if (!cacheStorage) return;
  for (const name of await cacheStorage.keys()) {
    const cache = await cacheStorage.open(name);
    for (const request of await cache.keys()) {
      if (new URL(request.url).pathname.startsWith('/api/')) await cache.delete(request);
    }
  }
}

import { beforeEach, describe, expect, it } from 'vitest';
import { isIndexedDbOf } from '../../app/deviceStore';
import { forgetCachedApiAnswers, forgetLocalData, readReportItem } from './forgetUser';

function keysOf(storage: Storage): string[] {
  return Object.keys({ ...storage }).sort();
}

describe('forgetLocalData', () => {
  beforeEach(() => {
    localStorage.clear();
    for (const key of [
      'waystation.deviceId',
      'waystation.language',
      'waystation.keyring',
      'waystation.idleLock',
      'waystation.storagePersistence',
      'waystation.demo',
      'waystation.coordination.directory',
      readReportItem('amani'),
      readReportItem('baraka'),
    ]) {
      localStorage.setItem(key, 'x');
    }
  });

  it('keeps only the device id and the language when no account is left', () => {
    forgetLocalData(localStorage, []);
    expect(keysOf(localStorage)).toEqual(['waystation.deviceId', 'waystation.language']);
  });

  it('keeps what the people still on a shared device need, and nothing of the one who left', () => {
    forgetLocalData(localStorage, ['baraka']);
    expect(keysOf(localStorage)).toEqual([
      'waystation.deviceId',
      'waystation.idleLock',
      'waystation.keyring',
      'waystation.language',
      readReportItem('baraka'),
      'waystation.storagePersistence',
    ]);
  });
});

describe('isIndexedDbOf', () => {
  it("matches every IndexedDB name of the user's database and no other user's", () => {
    const name = 'waystation-u-abc';
    expect(isIndexedDbOf(name, 'rxdb-dexie-waystation-u-abc--0--households')).toBe(true);
    expect(isIndexedDbOf(name, 'rxdb-dexie-waystation-u-abc--3--plugin-local-documents-outbox')).toBe(true);
    expect(isIndexedDbOf(name, 'rxdb-dexie-waystation-u-abc--0--rx-replication-meta-16d1d2')).toBe(true);
    expect(isIndexedDbOf(name, 'rxdb-dexie-waystation-u-abcd--0--households')).toBe(false);
    expect(isIndexedDbOf(name, 'rxdb-dexie-waystation-u-abc--0--x--0--households')).toBe(false);
    expect(isIndexedDbOf(name, 'waystation-u-abc')).toBe(false);
  });
});

describe('forgetCachedApiAnswers', () => {
  it('deletes API answers from every cache and keeps the app shell', async () => {
    const entries = new Map<string, string[]>([
      ['workbox-precache-v2', ['http://app.test/index.html', 'http://app.test/assets/app.js']],
      ['api-answers', ['http://app.test/api/users', 'http://app.test/api/sync/households/pull?x=1']],
    ]);
    const cacheStorage = {
      keys: async () => [...entries.keys()],
      open: async (name: string) => ({
        keys: async () => (entries.get(name) ?? []).map((url) => new Request(url)),
        delete: async (request: Request) => {
          entries.set(
            name,
            (entries.get(name) ?? []).filter((url) => url !== request.url),
          );
          return true;
        },
      }),
    } as unknown as CacheStorage;
    await forgetCachedApiAnswers(cacheStorage);
    expect(Object.fromEntries(entries)).toEqual({
      'workbox-precache-v2': ['http://app.test/index.html', 'http://app.test/assets/app.js'],
      'api-answers': [],
    });
  });
});

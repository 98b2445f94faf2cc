import { afterEach, describe, expect, it } from 'vitest';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createWaystationDatabase, pendingIndexOf, type WaystationDatabase } from './database';
import { markPending } from './outbox';

const NOW = '2026-11-01T10:00:00.000Z';
const meta = { siteId: 'site-1', createdAt: NOW, updatedAt: NOW, updatedBy: 'u1', deviceId: 'd1' };

let open: WaystationDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.map((db) => db.close()));
  open = [];
});

async function openDb(name: string, password = 'device-key-123') {
  const db = await createWaystationDatabase({
    name,
    storage: getRxStorageDexie(),
    encryptionPassword: password,
    multiInstance: false,
  });
  open.push(db);
  return db;
}

/** Reads what Dexie actually wrote to (fake) IndexedDB, bypassing RxDB. */
function rawRows(dbName: string): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const idb = request.result;
      const all = idb.transaction('docs').objectStore('docs').getAll();
      all.onsuccess = () => {
        idb.close();
        resolve(all.result);
      };
      all.onerror = () => reject(all.error);
    };
  });
}

describe('device store on IndexedDB', () => {
  it('keeps sensitive fields encrypted at rest and readable through RxDB', async () => {
    const db = await openDb('enc-test');
    await db.sensitive.insert({
      ...meta,
      id: 'p1',
      subjectType: 'person',
      householdId: 'h1',
      identifiers: [{ type: 'a_number', value: 'A123456789' }],
      medicalFlags: ['pregnant'],
      medicalNotes: 'insulin twice a day',
    });
    expect((await db.sensitive.findOne('p1').exec())?.medicalNotes).toBe('insulin twice a day');

    // RxDB's Dexie storage keeps one IndexedDB database per collection, named after both.
    const dbNames = (await indexedDB.databases()).map((d) => d.name ?? '');
    const raw = JSON.stringify(
      await Promise.all(dbNames.filter((n) => n.includes('enc-test') && n.includes('sensitive')).map(rawRows)),
    );
    expect(raw).toContain('p1');
    expect(raw).not.toContain('A123456789');
    expect(raw).not.toContain('insulin');
  });

  it('keeps the outbox across a reload', async () => {
    const first = await openDb('reload-test');
    await markPending(first.outbox, [{ collection: 'households', id: 'h1', updatedAt: NOW }]);
    await first.close();
    open = [];
    const second = await openDb('reload-test');
    expect(pendingIndexOf(second).has('households', 'h1')).toBe(true);
    expect(pendingIndexOf(second).size).toBe(1);
  });

  it('refuses to open with another encryption password', async () => {
    const first = await openDb('password-test', 'first-password');
    await first.close();
    open = [];
    await expect(openDb('password-test', 'other-password')).rejects.toThrow();
  });
});

describe('conflicts collection', () => {
  it('stores a conflict document', async () => {
    const db = await openDb('conflict-test');
    await db.conflicts.insert({
      ...meta,
      id: 'c1',
      recordCollection: 'households',
      recordId: 'h1',
      field: 'contactPhone',
      kept: { valueJson: '"1"', userId: 'u', deviceId: 'd', at: NOW },
      rejected: { valueJson: '"2"', userId: 'u', deviceId: 'd', at: NOW },
      status: 'open',
    });
    expect((await db.conflicts.findOne('c1').exec())?.recordCollection).toBe('households');
  });
});

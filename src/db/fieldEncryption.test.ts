/**
 * The sensitive fields' encryption at rest after the move from crypto-js to
 * WebCrypto AES-GCM: a device whose store an earlier release wrote (crypto-js,
 * records and replication meta) opens with the current app, reads every
 * value, writes the new format, and keeps replicating from where it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { COLLECTIONS } from '../domain/collections';
import type { Sensitive } from '../domain/sensitive';
import { createWaystationDatabase } from './database';
import { toRxJsonSchema } from './rxSchema';
import { FIELD_CIPHER_PREFIX } from './fieldEncryption';

const PASSWORD = 'c0ffee'.repeat(10) + 'beef';
const NOW = '2026-11-01T10:00:00.000Z';
const LEGACY_PREFIX = 'U2FsdGVkX1'; // base64 of OpenSSL's "Salted__", crypto-js's format

const open: Pick<RxDatabase, 'close'>[] = [];
const replications: RxReplicationState<unknown, unknown>[] = [];
afterEach(async () => {
  await Promise.all(replications.splice(0).map((r) => r.cancel()));
  await Promise.all(open.splice(0).map((db) => db.close()));
});

const sensitive = (id: string, medicalNotes: string): Sensitive => ({
  id,
  siteId: 'site-1',
  createdAt: NOW,
  updatedAt: NOW,
  updatedBy: 'u1',
  deviceId: 'd1',
  subjectType: 'household',
  householdId: `hh-${id}`,
  identifiers: [{ type: 'a_number', value: `A-${id}-881` }],
  medicalFlags: ['chronic_condition'],
  medicalNotes,
});

/** A store as the previous release wrote it: RxDB's crypto-js wrapper over Dexie. */
async function openPreviousRelease(name: string) {
  const db = await createRxDatabase<{ sensitive: RxCollection<Sensitive> }>({
    name,
    storage: wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageDexie() }),
    password: PASSWORD,
    multiInstance: false,
  });
  open.push(db);
  await db.addCollections({ sensitive: { schema: toRxJsonSchema(COLLECTIONS.sensitive) } });
  return db;
}

async function openCurrent(name: string) {
  const db = await createWaystationDatabase({
    name,
    storage: getRxStorageDexie(),
    encryptionPassword: PASSWORD,
    multiInstance: false,
    collections: ['sensitive'],
  });
  open.push(db);
  return db;
}

async function closeAll() {
  await Promise.all(replications.splice(0).map((r) => r.cancel()));
  await Promise.all(open.splice(0).map((db) => db.close()));
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

async function openIdb(name: string): Promise<IDBDatabase> {
  return request(indexedDB.open(name));
}

/** The raw rows of every IndexedDB store of the database's `collection` (records, or its replication meta). */
async function rawRows(dbName: string, matches: (idbName: string) => boolean) {
  const rows: Record<string, unknown>[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name?.includes(dbName) || !matches(info.name)) continue;
    const idb = await openIdb(info.name);
    for (const store of Array.from(idb.objectStoreNames)) {
      rows.push(
        ...((await request(idb.transaction(store).objectStore(store).getAll())) as Record<string, unknown>[]),
      );
    }
    idb.close();
  }
  return rows;
}

const recordRows = (dbName: string) => rawRows(dbName, (n) => n.includes('sensitive') && !n.includes('meta'));

describe('sensitive fields at rest', () => {
  it('a store written by the previous release (crypto-js) opens, and values move to AES-GCM when written', async () => {
    const name = `legacy-${Date.now().toString(36)}`;
    const old = await openPreviousRelease(name);
    await old.sensitive.bulkInsert([
      sensitive('s1', 'Insulin twice a day'),
      sensitive('s2', 'Asthma inhaler'),
    ]);
    await closeAll();
    const before = await recordRows(name);
    expect(before.map((r) => String(r.medicalNotes).slice(0, 10))).toEqual([LEGACY_PREFIX, LEGACY_PREFIX]);

    const db = await openCurrent(name);
    const read = await db.sensitive.find().exec();
    expect(read.map((d) => [d.id, d.medicalNotes, d.identifiers[0]?.value]).sort()).toEqual([
      ['s1', 'Insulin twice a day', 'A-s1-881'],
      ['s2', 'Asthma inhaler', 'A-s2-881'],
    ]);
    await read.find((d) => d.id === 's1')!.incrementalPatch({ medicalNotes: 'Insulin three times a day' });
    await db.sensitive.insert(sensitive('s3', 'Pregnant, 30 weeks'));
    await closeAll();

    const after = await recordRows(name);
    const byId = new Map(after.map((r) => [String(r.id), r]));
    // Written now: the new format, every encrypted field; untouched: still the old one, still readable.
    for (const id of ['s1', 's3']) {
      for (const field of ['medicalNotes', 'identifiers', 'medicalFlags']) {
        expect(String(byId.get(id)?.[field]).startsWith(FIELD_CIPHER_PREFIX), `${id}.${field}`).toBe(true);
      }
    }
    expect(String(byId.get('s2')?.medicalNotes).startsWith(LEGACY_PREFIX)).toBe(true);
    const raw = JSON.stringify(after);
    for (const secret of ['Insulin', 'Asthma', 'Pregnant', 'A-s1-881', 'chronic_condition']) {
      expect(raw).not.toContain(secret);
    }

    const reopened = await openCurrent(name);
    const notes = (await reopened.sensitive.find().exec()).map((d) => [d.id, d.medicalNotes]).sort();
    expect(notes).toEqual([
      ['s1', 'Insulin three times a day'],
      ['s2', 'Asthma inhaler'],
      ['s3', 'Pregnant, 30 weeks'],
    ]);
  });

  it('replication meta the previous release wrote is read: a push after the upgrade carries the right server state', async () => {
    const name = `legacy-meta-${Date.now().toString(36)}`;
    const onServer = { ...sensitive('s1', 'Insulin twice a day'), _deleted: false };
    const handlers = (pushed: unknown[]) => ({
      replicationIdentifier: 'test-sensitive',
      live: true,
      retryTime: 50,
      pull: {
        // The server holds one record; after the first page the device is up to date.
        handler: (checkpoint: unknown) =>
          Promise.resolve(
            checkpoint ? { documents: [], checkpoint } : { documents: [onServer], checkpoint: { seq: 1 } },
          ),
      },
      push: {
        handler: (rows: unknown[]) => {
          pushed.push(...rows);
          return Promise.resolve([]);
        },
      },
    });

    const old = await openPreviousRelease(name);
    const first = replicateRxCollection({ collection: old.sensitive, ...handlers([]) });
    replications.push(first as RxReplicationState<unknown, unknown>);
    await first.awaitInSync();
    await closeAll();
    const meta = await rawRows(name, (n) => n.includes('meta'));
    const docData = meta.map((row) => row.docData).filter((v): v is string => typeof v === 'string');
    expect(docData.length).toBeGreaterThan(0);
    expect(docData.every((v) => v.startsWith(LEGACY_PREFIX))).toBe(true);

    const db = await openCurrent(name);
    const pushed: unknown[] = [];
    const second = replicateRxCollection({ collection: db.sensitive, ...handlers(pushed) });
    replications.push(second as RxReplicationState<unknown, unknown>);
    await second.awaitInSync();
    await (await db.sensitive.findOne('s1').exec())!.incrementalPatch({ medicalNotes: 'Insulin at night' });
    await second.awaitInSync();

    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({
      assumedMasterState: { id: 's1', medicalNotes: 'Insulin twice a day' },
      newDocumentState: { id: 's1', medicalNotes: 'Insulin at night' },
    });
  });

  it('a value copied onto another record does not open', async () => {
    const name = `moved-${Date.now().toString(36)}`;
    const db = await openCurrent(name);
    await db.sensitive.bulkInsert([
      sensitive('s1', 'Insulin twice a day'),
      sensitive('s2', 'Asthma inhaler'),
    ]);
    await closeAll();

    // Someone with the device's storage swaps s1's note into s2.
    for (const info of await indexedDB.databases()) {
      if (!info.name?.includes(name) || !info.name.includes('sensitive') || info.name.includes('meta'))
        continue;
      const idb = await openIdb(info.name);
      for (const storeName of Array.from(idb.objectStoreNames)) {
        const store = idb.transaction(storeName, 'readwrite').objectStore(storeName);
        const rows = (await request(store.getAll())) as Record<string, unknown>[];
        const s1 = rows.find((r) => r.id === 's1');
        const s2 = rows.find((r) => r.id === 's2');
        if (s1 && s2) await request(store.put({ ...s2, medicalNotes: s1.medicalNotes }));
      }
      idb.close();
    }

    const reopened = await openCurrent(name);
    expect((await reopened.sensitive.findOne('s1').exec())?.medicalNotes).toBe('Insulin twice a day');
    await expect(reopened.sensitive.findOne('s2').exec()).rejects.toThrow();
  });
});

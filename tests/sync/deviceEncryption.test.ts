/**
 * What a lost tablet gives away: a caseworker's device syncs a family with a
 * medical note, an A-number and protection notes from the real server, into
 * the real device store (RxDB on Dexie on IndexedDB) keyed the way the app
 * keys it (keyring data key → database password). Then every value of every
 * object store of every IndexedDB database is read raw. The family name must
 * be there (the scan sees the data); the sensitive values must not be.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { createWaystationDatabase, type WaystationDatabase } from '../../src/db/database';
import { Keyring, databaseNameFor, databasePassword } from '../../src/db/keyring';
import { startSync, type SyncHandle } from '../../src/sync/replication';
import { collectionsFor } from '../../src/app/deviceStore';
import {
  createUser,
  householdDoc,
  pushRows,
  startTestServer,
  type TestServer,
  type TestUser,
} from '../helpers/testServer';

const FAMILY_NAME = 'Okonkwo-Baptiste';
const MEDICAL_NOTE = 'Insulin-dependent diabetes; needs refrigeration for insulin pens';
const A_NUMBER = 'A-204-881-397';
const PROTECTION_NOTE = 'Fled a militia commander named Kasongo; must not be placed near Goma arrivals';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Every value in every object store of every database, as JSON text. */
async function rawIndexedDbDump(): Promise<string> {
  const parts: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(info.name!);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('open failed'));
    });
    for (const storeName of Array.from(db.objectStoreNames)) {
      const values = await request(db.transaction(storeName, 'readonly').objectStore(storeName).getAll());
      parts.push(`${info.name}/${storeName}: ${JSON.stringify(values)}`);
    }
    db.close();
  }
  return parts.join('\n');
}

let server: TestServer;
let caseworker: TestUser;
let db: WaystationDatabase | undefined;
let sync: SyncHandle | undefined;

beforeEach(async () => {
  server = await startTestServer();
  caseworker = await createUser(server, { roles: ['caseworker'], username: 'grace' });
});

afterEach(async () => {
  await sync?.stop();
  if (db && !db.closed) await db.close();
  await server.close();
});

describe('a device database at rest', () => {
  it('holds the synced family but no medical note, identifier value or protection note in clear', async () => {
    const household = householdDoc('hh-okonkwo', { familyName: FAMILY_NAME, siteId: 'site-a' });
    const sensitive = {
      id: 'sens-okonkwo',
      siteId: 'site-a',
      createdAt: household.createdAt,
      updatedAt: household.updatedAt,
      updatedBy: server.user.id,
      deviceId: 'office-1',
      _deleted: false,
      subjectType: 'household',
      householdId: household.id,
      identifiers: [{ type: 'a_number', value: A_NUMBER }],
      medicalFlags: ['chronic_condition'],
      medicalNotes: MEDICAL_NOTE,
      protectionNotes: PROTECTION_NOTE,
    };
    // Written by the coordinator of the site through the real, authenticated API.
    expect(
      (await pushRows(server, 'households', [{ assumedMasterState: null, newDocumentState: household }]))
        .status,
    ).toBe(200);
    const pushed = await pushRows(server, 'sensitive', [
      { assumedMasterState: null, newDocumentState: sensitive },
    ]);
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);

    // The device keys its store exactly as the app does after sign-in.
    const keyring = new Keyring(new MemoryStorage());
    const unlocked = await keyring.unlockWithPassword(caseworker.user, 'a long enough password');
    if (!unlocked.ok) throw new Error('enrolment failed');
    db = await createWaystationDatabase({
      name: databaseNameFor(caseworker.user.id),
      storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
      encryptionPassword: await databasePassword(unlocked.dataKey),
      multiInstance: false,
    });
    // A new device: it bootstraps from the server's snapshot pages (checked below).
    const requested: string[] = [];
    sync = startSync(db, {
      baseUrl: server.url,
      deviceId: 'tablet-7',
      collections: collectionsFor(caseworker.user.roles),
      getHeaders: () => caseworker.headers,
      retryTimeMs: 200,
      fetch: (input, init) => {
        requested.push(new URL(String(input)).pathname);
        return fetch(input, init);
      },
    });
    await sync.awaitInSync();
    expect(requested).toEqual(expect.arrayContaining(['/api/sync/sensitive/snapshot', '/api/sync/households/snapshot']));

    // The device really has the data, readable through the unlocked store.
    const local = await db.sensitive.findOne('sens-okonkwo').exec();
    expect(local?.medicalNotes).toBe(MEDICAL_NOTE);
    expect(local?.identifiers[0]?.value).toBe(A_NUMBER);
    expect((await db.households.findOne('hh-okonkwo').exec())?.familyName).toBe(FAMILY_NAME);

    await sync.stop();
    sync = undefined;
    await db.close();

    const dump = await rawIndexedDbDump();
    expect(dump).toContain(FAMILY_NAME); // proves the scan reads the stored records
    expect(dump).not.toContain(MEDICAL_NOTE);
    expect(dump).not.toContain('Insulin');
    expect(dump).not.toContain(A_NUMBER);
    expect(dump).not.toContain('204-881-397');
    expect(dump).not.toContain(PROTECTION_NOTE);
    expect(dump).not.toContain('Kasongo');
  });
});

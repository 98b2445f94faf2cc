/**
 * The device store's migration on a real (fake-IndexedDB) Dexie store: a
 * device that stored people under schema version 0 opens the current app.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { COLLECTIONS } from '../domain/collections';
import { personSchema } from '../domain/person';
import { createWaystationDatabase, type WaystationDatabase } from './database';
import { toRxJsonSchema } from './rxSchema';

const PASSWORD = 'device-key-123';
const open: (WaystationDatabase | RxDatabase)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

/** The people collection as version 0 of the app declared it. */
const PEOPLE_V0 = { ...COLLECTIONS.people, version: 0, schema: personSchema.omit({ ageEstimatedOn: true }) };

const person = (id: string, extra: Record<string, unknown>) => ({
  id,
  siteId: 'site-1',
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
  updatedBy: 'u1',
  deviceId: 'd1',
  householdId: 'h1',
  givenName: id,
  familyName: 'Uwase',
  sex: 'female',
  relationship: 'child',
  languages: [],
  interpreterNeeded: false,
  nameKey: `${id} uwase`,
  familyKey: `uwase ${id}`,
  ...extra,
});

describe('the device store after an upgrade', () => {
  it('migrates people stored under version 0 to the current version on opening', async () => {
    const name = `upgrade-${Date.now().toString(36)}`;
    const old = await createRxDatabase({
      name,
      storage: wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageDexie() }),
      password: PASSWORD,
      multiInstance: false,
    });
    open.push(old);
    await old.addCollections({ people: { schema: toRxJsonSchema(PEOPLE_V0) } });
    await old.people!.bulkInsert([
      person('estimated', { estimatedAge: 7 }),
      person('born', { dateOfBirth: '2018-04-02' }),
    ]);
    await old.close();
    open.pop();

    const db = await createWaystationDatabase({
      name,
      storage: getRxStorageDexie(),
      encryptionPassword: PASSWORD,
      multiInstance: false,
      collections: ['people'],
    });
    open.push(db);
    const stored = (await db.people.find().exec()).map((doc) => doc.toJSON());
    expect(stored).toHaveLength(2);
    expect(stored.find((p) => p.id === 'estimated')).toMatchObject({
      estimatedAge: 7,
      ageEstimatedOn: '2025-03-01',
    });
    expect(stored.find((p) => p.id === 'born')).not.toHaveProperty('ageEstimatedOn');
  });
});

/**
 * The device store's migration on a real (fake-IndexedDB) Dexie store: a
 * device that stored people under schema version 0, or households under
 * version 1, opens the current app.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRxDatabase, type RxDatabase } from 'rxdb';
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedKeyEncryptionCryptoJsStorage } from 'rxdb/plugins/encryption-crypto-js';
import { COLLECTIONS } from '../domain/collections';
import { personSchema } from '../domain/person';
import { emptyNeeds, householdSchema } from '../domain/household';
import { MESSAGE_CHANNELS, WITHDRAWN_HOW } from '../domain/messaging';
import { z } from 'zod';
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

/** Households as version 1 declared them: consent to messages without who withdrew it. */
const HOUSEHOLDS_V1 = {
  ...COLLECTIONS.households,
  version: 1,
  schema: householdSchema.extend({
    messaging: z
      .object({
        phone: z.string(),
        channel: z.enum(MESSAGE_CHANNELS),
        language: z.string(),
        consentedAt: z.string(),
        withdrawnAt: z.string().optional(),
        withdrawnHow: z.enum(WITHDRAWN_HOW).optional(),
      })
      .strict()
      .optional(),
  }),
};

describe('households stored under version 1', () => {
  it('open in the current version, a staff withdrawal naming who recorded it (the last editor) and a STOP left as it was', async () => {
    const name = `upgrade-households-${Date.now().toString(36)}`;
    const old = await createRxDatabase({
      name,
      storage: wrappedKeyEncryptionCryptoJsStorage({ storage: getRxStorageDexie() }),
      password: PASSWORD,
      multiInstance: false,
    });
    open.push(old);
    await old.addCollections({ households: { schema: toRxJsonSchema(HOUSEHOLDS_V1) } });
    const household = (id: string, messaging: Record<string, unknown>) => ({
      id,
      siteId: 'site-1',
      createdAt: '2026-11-01T10:00:00.000Z',
      updatedAt: '2026-11-02T10:00:00.000Z',
      updatedBy: 'cw.amina',
      deviceId: 'd1',
      familyName: id,
      arrivalDate: '2026-11-01',
      arrivalMode: 'bus',
      needs: emptyNeeds(),
      destination: {},
      sponsor: {},
      consent: { dataSharing: true, photo: false },
      status: 'active',
      nameKey: id,
      messaging: { phone: '+254712345678', channel: 'sms', language: 'sw', consentedAt: '2026-11-01T10:00:00.000Z', ...messaging },
    });
    await old.households!.bulkInsert([
      household('by-staff', { withdrawnAt: '2026-11-02T10:00:00.000Z', withdrawnHow: 'staff' }),
      household('by-stop', { withdrawnAt: '2026-11-02T10:00:00.000Z', withdrawnHow: 'reply_stop' }),
      household('given', {}),
    ]);
    await old.close();
    open.pop();

    const db = await createWaystationDatabase({
      name,
      storage: getRxStorageDexie(),
      encryptionPassword: PASSWORD,
      multiInstance: false,
      collections: ['households'],
    });
    open.push(db);
    const stored = new Map((await db.households.find().exec()).map((doc) => [doc.id, doc.toJSON().messaging]));
    expect(stored.get('by-staff')).toMatchObject({ withdrawnHow: 'staff', withdrawnBy: 'cw.amina' });
    expect(stored.get('by-stop')).not.toHaveProperty('withdrawnBy');
    expect(stored.get('given')).not.toHaveProperty('withdrawnAt');
    for (const doc of await db.households.find().exec()) {
      expect(COLLECTIONS.households.schema.safeParse(doc.toJSON()).success).toBe(true);
    }
  });
});

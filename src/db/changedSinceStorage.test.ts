import { afterEach, describe, expect, it } from 'vitest';
import {
  createRxDatabase,
  fillWithDefaultSettings,
  getChangedDocumentsSince,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageDefaultCheckpoint,
  type RxCollection,
  type RxStorageInstance,
} from 'rxdb';
import { getRxStorageDexie, type RxStorageInstanceDexie } from 'rxdb/plugins/storage-dexie';
import { wrappedFieldEncryptionStorage } from './fieldEncryption';
import { changedDocumentsSince, getIndexedChangesDexieStorage } from './changedSinceStorage';

interface Note {
  id: string;
  text: string;
  done: boolean;
}

const schema = fillWithDefaultSettings<Note>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    text: { type: 'string' },
    done: { type: 'boolean' },
  },
  required: ['id', 'text', 'done'],
  indexes: [['done', 'id']],
} as RxJsonSchema<Note>) as RxJsonSchema<RxDocumentData<Note>>;

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

let dbCounter = 0;
async function noteInstance(): Promise<RxStorageInstanceDexie<Note>> {
  dbCounter += 1;
  const instance = await getRxStorageDexie().createStorageInstance<Note>({
    databaseInstanceToken: `token-${dbCounter}`,
    databaseName: `changed-since-${dbCounter}`,
    collectionName: 'notes',
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  closers.push(() => instance.remove());
  return instance as RxStorageInstanceDexie<Note>;
}

/** Writes notes with chosen write times: many share one lwt, as after a bulk insert. */
async function writeNotes(instance: RxStorageInstance<Note, unknown, unknown>, lwts: number[]) {
  // Ids out of insertion order, so (lwt, id) order differs from write order.
  const docs = lwts.map((lwt, i) => ({
    id: `n${String((i * 7919) % 1000).padStart(4, '0')}-${i}`,
    text: `note ${i}`,
    done: i % 3 === 0,
    _deleted: i % 5 === 0,
    _attachments: {},
    _rev: '1-a',
    _meta: { lwt },
  }));
  const result = await instance.bulkWrite(
    docs.map((document) => ({ document })),
    'test',
  );
  expect(result.error).toEqual([]);
}

/** Pages through a changes feed and returns every page. */
async function pages(
  read: (
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ) => Promise<{
    documents: RxDocumentData<Note>[];
    checkpoint: RxStorageDefaultCheckpoint;
  }>,
  limit: number,
) {
  const out: { ids: string[]; checkpoint: RxStorageDefaultCheckpoint; docs: RxDocumentData<Note>[] }[] = [];
  let checkpoint: RxStorageDefaultCheckpoint | undefined;
  for (let guard = 0; guard < 1000; guard++) {
    const page = await read(limit, checkpoint);
    out.push({ ids: page.documents.map((d) => d.id), checkpoint: page.checkpoint, docs: page.documents });
    if (page.documents.length < limit) return out;
    checkpoint = page.checkpoint;
  }
  throw new Error('changes feed never ended');
}

describe('indexed getChangedDocumentsSince', () => {
  it('returns exactly what the generic query returns, page by page, across equal-lwt groups', async () => {
    const instance = await noteInstance();
    // One big group sharing a write time, a few singles, then another group.
    const lwts = [
      ...Array.from({ length: 40 }, () => 1000.5),
      1001,
      1002,
      ...Array.from({ length: 25 }, () => 1003.25),
      1004,
    ];
    await writeNotes(instance, lwts);

    for (const limit of [1, 3, 7, 40, 100]) {
      const generic = await pages((l, c) => getChangedDocumentsSince(instance, l, c), limit);
      const indexed = await pages((l, c) => changedDocumentsSince(instance, l, c), limit);
      expect(indexed).toEqual(generic);
      expect(indexed.flatMap((p) => p.ids)).toHaveLength(lwts.length);
    }
  });

  it('gives the same answer from a checkpoint in the middle of an equal-lwt group and past the end', async () => {
    const instance = await noteInstance();
    await writeNotes(
      instance,
      Array.from({ length: 30 }, () => 2000),
    );
    const all = await getChangedDocumentsSince(instance, 100);
    const middle = all.documents[12]!;
    const checkpoint = { id: middle.id, lwt: middle._meta.lwt };
    expect(await changedDocumentsSince(instance, 5, checkpoint)).toEqual(
      await getChangedDocumentsSince(instance, 5, checkpoint),
    );
    const end = { id: 'zzzz', lwt: 3000 };
    expect(await changedDocumentsSince(instance, 5, end)).toEqual(
      await getChangedDocumentsSince(instance, 5, end),
    );
    expect((await changedDocumentsSince(instance, 5, end)).documents).toEqual([]);
  });

  it('is used through the encryption wrapper, which decrypts what it returns', async () => {
    const encrypted = wrappedFieldEncryptionStorage({ storage: getIndexedChangesDexieStorage() });
    const db = await createRxDatabase<{ notes: RxCollection<Note> }>({
      name: 'changed-since-encrypted',
      storage: encrypted,
      password: 'device-key-123',
      multiInstance: false,
    });
    closers.push(() => db.remove());
    await db.addCollections({
      notes: {
        schema: {
          version: 0,
          primaryKey: 'id',
          type: 'object',
          properties: {
            id: { type: 'string', maxLength: 40 },
            text: { type: 'string' },
            done: { type: 'boolean' },
          },
          required: ['id', 'text', 'done'],
          encrypted: ['text'],
        },
      },
    });
    const notes = db.collections.notes;
    await notes.bulkInsert(
      Array.from({ length: 10 }, (_, i) => ({ id: `n${i}`, text: `secret ${i}`, done: false })),
    );

    const instance = notes.storageInstance;
    expect(instance.getChangedDocumentsSince).toBeTypeOf('function');
    const first = await instance.getChangedDocumentsSince!(4);
    const rest = await instance.getChangedDocumentsSince!(100, first.checkpoint);
    const texts = [...first.documents, ...rest.documents].map((d) => (d as unknown as Note).text).sort();
    expect(texts).toEqual(Array.from({ length: 10 }, (_, i) => `secret ${i}`).sort());
  });
});

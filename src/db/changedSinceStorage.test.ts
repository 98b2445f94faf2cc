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

describe('inserts without a read first', () => {
  async function instances() {
    dbCounter += 1;
    const params = {
      databaseInstanceToken: `token-${dbCounter}`,
      collectionName: 'notes',
      schema,
      options: {},
      multiInstance: false,
      devMode: false,
    };
    const plain = (await getRxStorageDexie().createStorageInstance<Note>({
      ...params,
      databaseName: `inserts-plain-${dbCounter}`,
    })) as RxStorageInstanceDexie<Note>;
    const fast = (await getIndexedChangesDexieStorage().createStorageInstance<Note>({
      ...params,
      databaseName: `inserts-fast-${dbCounter}`,
    })) as unknown as RxStorageInstanceDexie<Note>;
    closers.push(
      () => plain.remove(),
      () => fast.remove(),
    );
    // Every read RxDB's Dexie storage makes before a write goes through the table's bulkGet.
    const { dexieTable } = await fast.internals;
    const bulkGet = dexieTable.bulkGet.bind(dexieTable);
    const reads = { count: 0 };
    dexieTable.bulkGet = ((keys: unknown[]) => {
      reads.count += 1;
      return bulkGet(keys as never);
    }) as typeof dexieTable.bulkGet;
    return { plain, fast, reads };
  }

  const note = (id: string, extra: Partial<RxDocumentData<Note>> = {}): RxDocumentData<Note> => ({
    id,
    text: `note ${id}`,
    done: false,
    _deleted: false,
    _attachments: {},
    _rev: '1-a',
    _meta: { lwt: 1000 + Number(id.slice(1)) },
    ...extra,
  });

  /** The events a write emits, without the bulk's random id. */
  function recordEvents(instance: RxStorageInstance<Note, unknown, unknown>) {
    const seen: unknown[] = [];
    const subscription = instance
      .changeStream()
      .subscribe((bulk) =>
        seen.push({ checkpoint: bulk.checkpoint, context: bulk.context, events: bulk.events }),
      );
    closers.push(async () => subscription.unsubscribe());
    return seen;
  }

  it('stores, answers and emits exactly what RxDB storage does, and reads only when an id exists', async () => {
    const { plain, fast, reads } = await instances();
    const plainEvents = recordEvents(plain);
    const fastEvents = recordEvents(fast);
    const first = [note('n1'), note('n2', { _deleted: true }), note('n3', { done: true })].map(
      (document) => ({ document }),
    );
    expect(await fast.bulkWrite(first, 'test-insert')).toEqual(await plain.bulkWrite(first, 'test-insert'));
    expect(reads.count).toBe(0);

    // n2 exists (deleted): the store must answer it as a conflict and still write n4.
    const second = [note('n2', { text: 'again' }), note('n4')].map((document) => ({ document }));
    const plainAnswer = await plain.bulkWrite(second, 'test-insert');
    const fastAnswer = await fast.bulkWrite(second, 'test-insert');
    expect(plainAnswer.error.map((e) => [e.status, e.documentId])).toEqual([[409, 'n2']]);
    expect(fastAnswer).toEqual(plainAnswer);
    expect(reads.count).toBeGreaterThan(0);

    const stored = async (instance: RxStorageInstance<Note, unknown, unknown>) =>
      (await getChangedDocumentsSince(instance, 100)).documents;
    expect(await stored(fast)).toEqual(await stored(plain));
    expect((await stored(fast)).map((d) => d.id)).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(fastEvents).toEqual(plainEvents);
    expect(fastEvents).toHaveLength(2);
  });
});

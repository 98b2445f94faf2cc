import { afterEach, describe, expect, it } from 'vitest';
import { pendingIndexOf, type WaystationDatabase } from './database';
import {
  changedRecord,
  findRecord,
  newRecord,
  writeRecords,
  writeRecordSets,
  type WriteActor,
} from './recordWrites';
import { StorageFullError } from './storageFull';
import { reportSaved, storageStatusStore } from './storageStatus';
import { createTestDatabase } from '../../tests/fixtures/testDatabase';
import { fullDevice, type FullDevice } from '../../tests/fixtures/testFullDevice';
import type { OutboxEntry } from './outbox';

const actor: WriteActor = { userId: 'volunteer-1', deviceId: 'tablet-1', siteId: 'site-1' };
const householdId = 'household-1';

function task(title: string, now: Date, id?: string) {
  return newRecord(
    'tasks',
    actor,
    now,
    {
      title,
      dueAt: '2026-11-02T10:00:00.000Z',
      status: 'open',
      assigneeUserId: actor.userId,
      assigneeKey: '',
    },
    id,
  );
}

function note(body: string, now: Date) {
  return newRecord('caseNotes', actor, now, {
    householdId,
    body,
    authorId: actor.userId,
    writtenAt: now.toISOString(),
  });
}

let db: WaystationDatabase | undefined;
let device: FullDevice;

async function open(): Promise<WaystationDatabase> {
  device = fullDevice();
  db = await createTestDatabase(device.storage, ['tasks', 'caseNotes']);
  return db;
}

async function outboxEntries(database: WaystationDatabase): Promise<Omit<OutboxEntry, 'rejectedAt'>[]> {
  const docs = await database.outbox.find().exec();
  return docs.map((d) => ({
    id: d.id,
    collectionName: d.collectionName,
    docId: d.docId,
    updatedAt: d.updatedAt,
  }));
}

afterEach(async () => {
  await db?.close();
  db = undefined;
  reportSaved();
});

describe('saving on a full device', () => {
  it('refuses the save as StorageFullError and writes nothing when even the outbox is refused', async () => {
    const database = await open();
    device.refuse('all');
    const error = await writeRecords(database, 'tasks', [task('Call the sponsor', new Date())]).catch(
      (e: unknown) => e,
    );
    device.free();

    expect(error).toBeInstanceOf(StorageFullError);
    expect(await database.tasks.find().exec()).toHaveLength(0);
    expect(await outboxEntries(database)).toEqual([]);
    expect(storageStatusStore.getState().full).toBe(true);
  });

  it('takes the outbox entry back when the record itself could not be stored, so nothing waits forever', async () => {
    const database = await open();
    const saved = task('Book the bus', new Date('2026-11-01T09:00:00.000Z'));
    await writeRecords(database, 'tasks', [saved]);
    const before = await outboxEntries(database);

    device.refuse(['tasks']);
    await expect(
      writeRecords(database, 'tasks', [task('Call the sponsor', new Date())]),
    ).rejects.toBeInstanceOf(StorageFullError);
    device.free();

    expect((await database.tasks.find().exec()).map((t) => t.title)).toEqual(['Book the bus']);
    expect(await outboxEntries(database)).toEqual(before);
    await expect.poll(() => pendingIndexOf(database).size).toBe(1);
  });

  it('leaves an edited record and its waiting version as they were', async () => {
    const database = await open();
    const saved = task('Book the bus', new Date('2026-11-01T09:00:00.000Z'));
    await writeRecords(database, 'tasks', [saved]);
    const before = await outboxEntries(database);

    device.refuse(['tasks']);
    const edit = changedRecord('tasks', saved, actor, new Date('2026-11-01T10:00:00.000Z'), {
      ...saved,
      title: 'Book the train',
    });
    await expect(writeRecords(database, 'tasks', [edit])).rejects.toBeInstanceOf(StorageFullError);
    device.free();

    expect(await findRecord(database, 'tasks', saved.id)).toEqual(saved);
    expect(await outboxEntries(database)).toEqual(before);
  });

  it('undoes the part of a save that went through before the device filled up', async () => {
    const database = await open();
    const saved = task('Book the bus', new Date('2026-11-01T09:00:00.000Z'));
    await writeRecords(database, 'tasks', [saved]);
    const before = await outboxEntries(database);

    // One operation over two collections: the tasks are stored, then the note is refused.
    device.refuse(['caseNotes']);
    const now = new Date('2026-11-01T10:00:00.000Z');
    const edit = changedRecord('tasks', saved, actor, now, { ...saved, title: 'Book the train' });
    const added = task('Call the sponsor', now);
    await expect(
      writeRecordSets(database, [
        { collection: 'tasks', docs: [edit, added] },
        { collection: 'caseNotes', docs: [note('Sponsor confirmed', now)] },
      ]),
    ).rejects.toBeInstanceOf(StorageFullError);
    device.free();

    expect(await findRecord(database, 'tasks', saved.id)).toEqual(saved);
    expect(await findRecord(database, 'tasks', added.id)).toBeUndefined();
    expect(await database.caseNotes.find().exec()).toHaveLength(0);
    expect(await outboxEntries(database)).toEqual(before);
  });

  it('saves the same change once there is room again, and stops reporting the device as full', async () => {
    const database = await open();
    const now = new Date('2026-11-01T10:00:00.000Z');
    const retried = task('Call the sponsor', now);
    device.refuse('all');
    await expect(writeRecords(database, 'tasks', [retried])).rejects.toBeInstanceOf(StorageFullError);
    expect(storageStatusStore.getState().full).toBe(true);

    device.free();
    await writeRecords(database, 'tasks', [retried]);
    expect(await findRecord(database, 'tasks', retried.id)).toEqual(retried);
    expect(await outboxEntries(database)).toEqual([
      { id: `tasks:${retried.id}`, collectionName: 'tasks', docId: retried.id, updatedAt: retried.updatedAt },
    ]);
    expect(storageStatusStore.getState().full).toBe(false);
  });

  it('passes other storage failures on as they are, still undone', async () => {
    const database = await open();
    const refusal = new DOMException('The database connection is closing.', 'InvalidStateError');
    device.refuse(['tasks'], () => refusal);
    await expect(writeRecords(database, 'tasks', [task('Call the sponsor', new Date())])).rejects.toBe(
      refusal,
    );
    device.free();

    expect(await outboxEntries(database)).toEqual([]);
    expect(storageStatusStore.getState().full).toBe(false);
  });
});

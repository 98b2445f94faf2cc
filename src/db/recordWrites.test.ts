import { afterEach, describe, expect, it } from 'vitest';
import { pendingIndexOf, type WaystationDatabase } from './database';
import { applyEdits, changeFrom, createEdit } from './recordEdits';
import { contentOf, findRecord, type WriteActor } from './recordWrites';
import { StorageFullError } from './storageFull';
import { reportSaved, storageStatusStore } from './storageStatus';
import { createTestDatabase } from '../../tests/fixtures/testDatabase';
import { fullDevice, type FullDevice } from '../../tests/fixtures/testFullDevice';
import type { OutboxEntry } from './outbox';
import type { DocumentTypes } from './types';

const actor: WriteActor = { userId: 'volunteer-1', deviceId: 'tablet-1', siteId: 'site-1' };
const householdId = 'household-1';

function task(title: string, id?: string) {
  return createEdit(
    'tasks',
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
  return createEdit('caseNotes', { householdId, body, authorId: actor.userId, writtenAt: now.toISOString() });
}

type Task = DocumentTypes['tasks'];
/** Saves a task through the one write path; returns it as stored. */
async function saveTask(database: WaystationDatabase, title: string, now: Date): Promise<Task> {
  const [saved] = await applyEdits(database, actor, [task(title)], { now });
  return saved as unknown as Task;
}
function retitled(saved: Task, title: string) {
  return changeFrom('tasks', saved, { ...contentOf(saved), title });
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
    const error = await applyEdits(database, actor, [task('Call the sponsor')]).catch((e: unknown) => e);
    device.free();

    expect(error).toBeInstanceOf(StorageFullError);
    expect(await database.tasks.find().exec()).toHaveLength(0);
    expect(await outboxEntries(database)).toEqual([]);
    expect(storageStatusStore.getState().full).toBe(true);
  });

  it('takes the outbox entry back when the record itself could not be stored, so nothing waits forever', async () => {
    const database = await open();
    await saveTask(database, 'Book the bus', new Date('2026-11-01T09:00:00.000Z'));
    const before = await outboxEntries(database);

    device.refuse(['tasks']);
    await expect(applyEdits(database, actor, [task('Call the sponsor')])).rejects.toBeInstanceOf(
      StorageFullError,
    );
    device.free();

    expect((await database.tasks.find().exec()).map((t) => t.title)).toEqual(['Book the bus']);
    expect(await outboxEntries(database)).toEqual(before);
    await expect.poll(() => pendingIndexOf(database).size).toBe(1);
  });

  it('leaves an edited record and its waiting version as they were', async () => {
    const database = await open();
    const saved = await saveTask(database, 'Book the bus', new Date('2026-11-01T09:00:00.000Z'));
    const before = await outboxEntries(database);

    device.refuse(['tasks']);
    await expect(
      applyEdits(database, actor, [retitled(saved, 'Book the train')], {
        now: new Date('2026-11-01T10:00:00.000Z'),
      }),
    ).rejects.toBeInstanceOf(StorageFullError);
    device.free();

    expect(await findRecord(database, 'tasks', saved.id)).toEqual(saved);
    expect(await outboxEntries(database)).toEqual(before);
  });

  it('undoes the part of a save that went through before the device filled up', async () => {
    const database = await open();
    const saved = await saveTask(database, 'Book the bus', new Date('2026-11-01T09:00:00.000Z'));
    const before = await outboxEntries(database);

    // One operation over two collections: the tasks are stored, then the note is refused.
    device.refuse(['caseNotes']);
    const now = new Date('2026-11-01T10:00:00.000Z');
    const added = task('Call the sponsor');
    await expect(
      applyEdits(
        database,
        actor,
        [retitled(saved, 'Book the train'), added, note('Sponsor confirmed', now)],
        {
          now,
        },
      ),
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
    const retried = task('Call the sponsor');
    device.refuse('all');
    await expect(applyEdits(database, actor, [retried], { now })).rejects.toBeInstanceOf(StorageFullError);
    expect(storageStatusStore.getState().full).toBe(true);

    device.free();
    const [stored] = (await applyEdits(database, actor, [retried], { now })) as unknown as Task[];
    expect(stored?.id).toBe(retried.id);
    expect(await findRecord(database, 'tasks', retried.id)).toEqual(stored);
    expect(await outboxEntries(database)).toEqual([
      { id: `tasks:${retried.id}`, collectionName: 'tasks', docId: retried.id, updatedAt: stored?.updatedAt },
    ]);
    expect(storageStatusStore.getState().full).toBe(false);
  });

  it('passes other storage failures on as they are, still undone', async () => {
    const database = await open();
    const refusal = new DOMException('The database connection is closing.', 'InvalidStateError');
    device.refuse(['tasks'], () => refusal);
    await expect(applyEdits(database, actor, [task('Call the sponsor')])).rejects.toBe(refusal);
    device.free();

    expect(await outboxEntries(database)).toEqual([]);
    expect(storageStatusStore.getState().full).toBe(false);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { deriveHousehold, emptyNeeds, type Household } from '../../domain/household';
import type { Conflict } from '../../domain/conflict';
import { pendingIndexOf, type WaystationDatabase } from '../../db/database';
import { createTestDatabase } from '../../../tests/fixtures/testDatabase';
import { findRecord, InvalidRecordError, RecordNotFoundError } from '../../db/recordWrites';
import {
  confirmDeletion,
  ConflictAlreadyResolvedError,
  resolveConflict,
  restoreWithEdit,
} from './operations';

const coordinator = { userId: 'coord-1', deviceId: 'office-laptop', siteId: 'site-1' };
const at = '2026-03-01T10:00:00.000Z';
const meta = { siteId: 'site-1', createdAt: at, updatedAt: at, updatedBy: 'vol-1', deviceId: 'tablet-1' };

const household: Household = deriveHousehold({
  ...meta,
  id: 'hh-1',
  familyName: 'Mendoza',
  arrivalDate: '2026-02-28',
  arrivalMode: 'bus',
  needs: emptyNeeds(),
  destination: { city: 'Denver' },
  sponsor: { name: 'Rosa', phone: '+1 555 0100' },
  consent: { dataSharing: true, photo: false },
  status: 'active',
  nameKey: '',
});

function conflict(overrides: Partial<Conflict> = {}): Conflict {
  return {
    ...meta,
    id: 'c-1',
    recordCollection: 'households',
    recordId: 'hh-1',
    field: 'sponsor.phone',
    baseJson: '"+1 555 0000"',
    kept: { valueJson: '"+1 555 0100"', userId: 'vol-1', deviceId: 'tablet-1', at },
    rejected: {
      valueJson: '"+1 555 0199"',
      userId: 'vol-2',
      deviceId: 'tablet-2',
      at: '2026-03-01T10:05:00.000Z',
    },
    status: 'open',
    ...overrides,
  };
}

let db: WaystationDatabase | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

async function seeded(conflicts: Conflict[] = [conflict()]): Promise<WaystationDatabase> {
  db = await createTestDatabase();
  await db.households.insert(household);
  for (const c of conflicts) await db.conflicts.insert(c);
  return db;
}

describe('resolveConflict', () => {
  it('writes the rejected value into the record at the nested field and closes the conflict, both waiting to sync', async () => {
    const store = await seeded();
    const now = new Date('2026-03-02T09:00:00.000Z');
    await resolveConflict(store, coordinator, 'c-1', '"+1 555 0199"', now);

    const record = await findRecord(store, 'households', 'hh-1');
    expect(record?.sponsor).toEqual({ name: 'Rosa', phone: '+1 555 0199' });
    expect(record?.updatedBy).toBe('coord-1');
    expect(record?.deviceId).toBe('office-laptop');
    const closed = await findRecord(store, 'conflicts', 'c-1');
    expect(closed?.status).toBe('resolved');
    expect(closed?.resolution).toEqual({ valueJson: '"+1 555 0199"', by: 'coord-1', at: now.toISOString() });
    // Both are ordinary synced edits: the outbox holds them until the server has them.
    const pending = pendingIndexOf(store);
    expect(pending.has('households', 'hh-1')).toBe(true);
    expect(pending.has('conflicts', 'c-1')).toBe(true);
  });

  it('keeps the kept value when the coordinator chooses it (the record is still rewritten as a normal edit)', async () => {
    const store = await seeded();
    await resolveConflict(store, coordinator, 'c-1', '"+1 555 0100"');
    expect((await findRecord(store, 'households', 'hh-1'))?.sponsor.phone).toBe('+1 555 0100');
    expect((await findRecord(store, 'conflicts', 'c-1'))?.status).toBe('resolved');
  });

  it('accepts another value typed by the coordinator, and null clears an optional field', async () => {
    const store = await seeded();
    await resolveConflict(store, coordinator, 'c-1', 'null');
    expect((await findRecord(store, 'households', 'hh-1'))?.sponsor).toEqual({ name: 'Rosa' });
  });

  it('refuses a value the record schema rejects and writes nothing', async () => {
    const store = await seeded([
      conflict({ field: 'familyName', kept: { ...conflict().kept, valueJson: '"A"' } }),
    ]);
    await expect(resolveConflict(store, coordinator, 'c-1', '""')).rejects.toBeInstanceOf(InvalidRecordError);
    expect((await findRecord(store, 'households', 'hh-1'))?.familyName).toBe('Mendoza');
    expect((await findRecord(store, 'conflicts', 'c-1'))?.status).toBe('open');
  });

  it('refuses to resolve twice, and reports a conflict or record missing from the device', async () => {
    const store = await seeded([
      conflict({ status: 'resolved', resolution: { valueJson: '"x"', by: 'coord-2', at } }),
      conflict({ id: 'c-2', recordId: 'hh-gone' }),
    ]);
    await expect(resolveConflict(store, coordinator, 'c-1', '"+1"')).rejects.toBeInstanceOf(
      ConflictAlreadyResolvedError,
    );
    await expect(resolveConflict(store, coordinator, 'c-2', '"+1"')).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
    await expect(resolveConflict(store, coordinator, 'nope', '"+1"')).rejects.toBeInstanceOf(
      RecordNotFoundError,
    );
  });
});

describe('delete versus edit', () => {
  /** The household deleted on this device (as a pulled deletion leaves it), and the conflict holding the edit. */
  async function deletedWithConflict(): Promise<WaystationDatabase> {
    const store = await seeded([]);
    const doc = await store.households.findOne('hh-1').exec();
    await doc?.remove();
    const { id, siteId, createdAt, updatedAt, updatedBy, deviceId, ...content } = household;
    void [id, siteId, createdAt, updatedAt, updatedBy, deviceId];
    await store.conflicts.insert(
      conflict({
        field: '_deleted',
        baseJson: JSON.stringify(content),
        kept: { valueJson: 'true', userId: 'vol-1', deviceId: 'tablet-1', at },
        rejected: {
          valueJson: JSON.stringify({ ...content, contactPhone: '+1 555 0123' }),
          userId: 'vol-2',
          deviceId: 'tablet-2',
          at: '2026-03-01T10:05:00.000Z',
        },
      }),
    );
    return store;
  }

  it('restores the deleted record with the edit, over the deleted version, both writes waiting to sync', async () => {
    const store = await deletedWithConflict();
    expect(await findRecord(store, 'households', 'hh-1')).toBeUndefined();
    await restoreWithEdit(store, coordinator, 'c-1', new Date('2026-03-02T09:00:00.000Z'));

    const restored = await findRecord(store, 'households', 'hh-1');
    expect(restored).toMatchObject({
      familyName: 'Mendoza',
      contactPhone: '+1 555 0123',
      updatedBy: 'coord-1',
    });
    const closed = await findRecord(store, 'conflicts', 'c-1');
    expect(closed).toMatchObject({ status: 'resolved', resolution: { by: 'coord-1' } });
    const pending = pendingIndexOf(store);
    expect(pending.has('households', 'hh-1')).toBe(true);
    expect(pending.has('conflicts', 'c-1')).toBe(true);
  });

  it('confirms the deletion: the record stays deleted, the conflict closes', async () => {
    const store = await deletedWithConflict();
    await confirmDeletion(store, coordinator, 'c-1');
    expect(await findRecord(store, 'households', 'hh-1')).toBeUndefined();
    expect(await findRecord(store, 'conflicts', 'c-1')).toMatchObject({
      status: 'resolved',
      resolution: { valueJson: 'true' },
    });
  });

  it('is not resolved as a field value', async () => {
    const store = await deletedWithConflict();
    await expect(resolveConflict(store, coordinator, 'c-1', 'false')).rejects.toBeInstanceOf(
      InvalidRecordError,
    );
    expect((await findRecord(store, 'conflicts', 'c-1'))?.status).toBe('open');
  });
});

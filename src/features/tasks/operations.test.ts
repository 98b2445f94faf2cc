import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { WaystationDatabase } from '../../db/database';
import { createTestDatabase } from '../../../tests/fixtures/testDatabase';
import { InvalidRecordError, type WriteActor } from '../../db/recordWrites';
import { myAssigneeKeys } from '../../domain/tasks';
import { changeTaskStatus, saveTask } from './operations';
import { openTasksFor$ } from './queries';

const me: WriteActor = { userId: 'cw-1', deviceId: 'laptop-1', siteId: 'site-1' };
const now = new Date('2026-05-01T12:00:00.000Z');

let db: WaystationDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe('my tasks', () => {
  it('lists open tasks assigned to me or my role, overdue first, and drops done ones', async () => {
    const later = await saveTask(db, me, { title: 'Book bus to Denver', assigneeUserId: 'cw-1', dueAt: '2026-05-03T12:00:00.000Z' });
    const overdue = await saveTask(db, me, { title: 'Call sponsor', assigneeRole: 'caseworker', dueAt: '2026-04-30T12:00:00.000Z' });
    await saveTask(db, me, { title: 'Not mine', assigneeUserId: 'someone-else', dueAt: '2026-04-29T12:00:00.000Z' });
    await saveTask(db, me, { title: 'Drivers only', assigneeRole: 'driver', dueAt: '2026-04-29T12:00:00.000Z' });
    const done = await saveTask(db, me, { title: 'Already done', assigneeUserId: 'cw-1', dueAt: '2026-04-01T12:00:00.000Z' });
    await changeTaskStatus(db, me, done.id, 'done');

    const mine = await firstValueFrom(openTasksFor$(db, myAssigneeKeys('cw-1', ['caseworker']), now));
    expect(mine.map((t) => t.id)).toEqual([overdue.id, later.id]);
    expect(later.assigneeKey).toBe('user:cw-1');
  });

  it('a task needs exactly one assignee', async () => {
    await expect(
      saveTask(db, me, { title: 'Nobody', dueAt: '2026-05-03T12:00:00.000Z' }),
    ).rejects.toBeInstanceOf(InvalidRecordError);
    await expect(
      saveTask(db, me, { title: 'Both', assigneeUserId: 'cw-1', assigneeRole: 'driver', dueAt: '2026-05-03T12:00:00.000Z' }),
    ).rejects.toBeInstanceOf(InvalidRecordError);
    expect(await db.tasks.count().exec()).toBe(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstValueFrom } from 'rxjs';
import type { WaystationDatabase } from '../../db/database';
import { createTestDatabase } from '../../../tests/fixtures/testDatabase';
import type { WriteActor } from '../../db/recordWrites';
import { StatusTransitionError } from '../../domain/transitions';
import { addCaseNote, changeMilestoneStatus, saveMilestone } from './operations';
import { dueMilestones$, householdNotes$ } from './queries';

const tablet: WriteActor = { userId: 'caseworker-1', deviceId: 'tablet-1', siteId: 'site-1' };
const phone: WriteActor = { userId: 'caseworker-2', deviceId: 'phone-2', siteId: 'site-1' };

let db: WaystationDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.close();
});

describe('case notes', () => {
  it('two notes written in the same millisecond on two devices are two records on the timeline, newest first', async () => {
    const at = new Date('2026-05-03T16:00:00.000Z');
    const a = await addCaseNote(db, tablet, { householdId: 'h-1', body: 'Hearing notice received.' }, at);
    const b = await addCaseNote(db, phone, { householdId: 'h-1', body: 'Sponsor confirmed address.' }, at);
    await addCaseNote(db, phone, { householdId: 'h-1', body: 'First call.' }, new Date('2026-05-01T09:00:00.000Z'));
    await addCaseNote(db, phone, { householdId: 'h-2', body: 'Another family.' }, at);
    expect(a.id).not.toBe(b.id);
    const timeline = await firstValueFrom(householdNotes$(db, 'h-1'));
    expect(timeline.map((n) => n.body).slice(0, 2).sort()).toEqual(['Hearing notice received.', 'Sponsor confirmed address.']);
    expect(timeline.at(-1)?.body).toBe('First call.');
    expect(timeline.map((n) => n.authorId)).toContain('caseworker-2');
  });

  it('an empty note is refused', async () => {
    await expect(addCaseNote(db, tablet, { householdId: 'h-1', body: '   ' })).rejects.toThrow(/Invalid case note/);
  });
});

describe('milestones', () => {
  it('the due-soon view lists upcoming milestones overdue or due within 14 days, soonest first', async () => {
    const now = new Date('2026-05-01T12:00:00.000Z');
    const overdue = await saveMilestone(db, tablet, { householdId: 'h-1', kind: 'ice_checkin', dueAt: '2026-04-28T15:00:00.000Z' });
    const soon = await saveMilestone(db, tablet, { householdId: 'h-2', kind: 'court_hearing', dueAt: '2026-05-10T15:00:00.000Z', place: 'Phoenix Immigration Court' });
    await saveMilestone(db, tablet, { householdId: 'h-2', kind: 'asylum_application', dueAt: '2027-04-01T12:00:00.000Z' });
    const done = await saveMilestone(db, tablet, { householdId: 'h-3', kind: 'change_of_address', dueAt: '2026-05-02T12:00:00.000Z' });
    await changeMilestoneStatus(db, tablet, done.id, 'done');
    const due = await firstValueFrom(dueMilestones$(db, new Date(now.getTime() + 14 * 86_400_000)));
    expect(due.map((d) => d.milestone.id)).toEqual([overdue.id, soon.id]);
  });

  it('status changes follow the table', async () => {
    const m = await saveMilestone(db, tablet, { householdId: 'h-1', kind: 'court_hearing', dueAt: '2026-05-10T15:00:00.000Z' });
    await changeMilestoneStatus(db, tablet, m.id, 'cancelled');
    await expect(changeMilestoneStatus(db, tablet, m.id, 'done')).rejects.toBeInstanceOf(StatusTransitionError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  dueReminders,
  EMPTY_REMINDER_MEMORY,
  pruneReminderMemory,
  remindersToNotify,
  shownReminders,
} from './reminders';

const now = new Date('2026-05-01T12:00:00.000Z');
const task = (id: string, dueAt: string, status: 'open' | 'done' = 'open') => ({
  id,
  title: `Task ${id}`,
  dueAt,
  status,
  recordCollection: 'households',
  recordId: 'hh-1',
});
const milestone = (id: string, dueAt: string, status: 'upcoming' | 'done' = 'upcoming') => ({
  id,
  kind: 'court_hearing' as const,
  dueAt,
  status,
  householdId: 'hh-2',
});

describe('reminders', () => {
  it('reminds of open tasks once due and of upcoming milestones a day ahead, soonest first', () => {
    const reminders = dueReminders(
      [
        task('due', '2026-05-01T11:59:00.000Z'),
        task('later', '2026-05-01T12:01:00.000Z'),
        task('done', '2026-04-01T12:00:00.000Z', 'done'),
      ],
      [
        milestone('tomorrow', '2026-05-02T11:00:00.000Z'),
        milestone('in-two-days', '2026-05-03T12:00:00.000Z'),
        milestone('held', '2026-04-30T12:00:00.000Z', 'done'),
      ],
      now,
    );
    expect(reminders.map((r) => r.id)).toEqual([
      'task:due:2026-05-01T11:59:00.000Z',
      'milestone:tomorrow:2026-05-02T11:00:00.000Z',
    ]);
    expect(reminders[0]).toMatchObject({ kind: 'task', householdId: 'hh-1', title: 'Task due' });
  });

  it('does not repeat what was dismissed or already notified, and forgets ids no longer due', () => {
    const reminders = dueReminders([task('a', '2026-05-01T10:00:00.000Z'), task('b', '2026-05-01T11:00:00.000Z')], [], now);
    const [a, b] = reminders.map((r) => r.id) as [string, string];
    expect(remindersToNotify(reminders, EMPTY_REMINDER_MEMORY).map((r) => r.id)).toEqual([a, b]);
    const memory = { dismissed: [a], notified: [b, 'task:gone:2026-01-01T00:00:00.000Z'] };
    expect(shownReminders(reminders, memory).map((r) => r.id)).toEqual([b]);
    expect(remindersToNotify(reminders, memory)).toEqual([]);
    expect(pruneReminderMemory(memory, reminders)).toEqual({ dismissed: [a], notified: [b] });
  });

  it('a task moved to a later due time reminds again when that time comes', () => {
    const first = dueReminders([task('a', '2026-05-01T10:00:00.000Z')], [], now);
    const moved = dueReminders([task('a', '2026-05-01T11:00:00.000Z')], [], now);
    const memory = { dismissed: first.map((r) => r.id), notified: first.map((r) => r.id) };
    expect(remindersToNotify(moved, memory).map((r) => r.recordId)).toEqual(['a']);
  });
});

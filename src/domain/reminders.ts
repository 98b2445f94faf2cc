/**
 * Reminders on the device (BRIEF §3): a task assigned to me or my role that
 * has come due, and a milestone deadline that is a day away or past. They are
 * computed from the records the device holds, so they work offline; what the
 * person dismissed, and which reminders already raised a notification, is
 * remembered on the device so nothing repeats.
 *
 * A reminder's id includes the due time: a task moved to a later date
 * reminds again when the new time comes.
 */
import type { Task } from './tasks';
import type { Milestone, MilestoneKind } from './milestones';
import { DAY_MS } from './utcTime';

/** A deadline (a hearing, a filing) needs notice before it passes, not at the moment it does. */
export const MILESTONE_REMINDER_LEAD_MS = DAY_MS;

export type Reminder =
  | { id: string; kind: 'task'; recordId: string; dueAt: string; title: string; householdId?: string }
  | { id: string; kind: 'milestone'; recordId: string; dueAt: string; milestoneKind: MilestoneKind; householdId: string };

type TaskLike = Pick<Task, 'id' | 'title' | 'dueAt' | 'status' | 'recordCollection' | 'recordId'>;
type MilestoneLike = Pick<Milestone, 'id' | 'kind' | 'dueAt' | 'status' | 'householdId'>;

/** The reminders due at `now`: open tasks past their due time, upcoming milestones within a day; soonest first. */
export function dueReminders(tasks: readonly TaskLike[], milestones: readonly MilestoneLike[], now: Date): Reminder[] {
  const at = now.getTime();
  const out: Reminder[] = [];
  for (const task of tasks) {
    if (task.status !== 'open' || Date.parse(task.dueAt) > at) continue;
    out.push({
      id: `task:${task.id}:${task.dueAt}`,
      kind: 'task',
      recordId: task.id,
      dueAt: task.dueAt,
      title: task.title,
      ...(task.recordCollection === 'households' && task.recordId ? { householdId: task.recordId } : {}),
    });
  }
  for (const milestone of milestones) {
    if (milestone.status !== 'upcoming' || Date.parse(milestone.dueAt) - MILESTONE_REMINDER_LEAD_MS > at) continue;
    out.push({
      id: `milestone:${milestone.id}:${milestone.dueAt}`,
      kind: 'milestone',
      recordId: milestone.id,
      dueAt: milestone.dueAt,
      milestoneKind: milestone.kind,
      householdId: milestone.householdId,
    });
  }
  return out.sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id));
}

/** What this device remembers about reminders, by reminder id. */
export interface ReminderMemory {
  dismissed: readonly string[];
  notified: readonly string[];
}

export const EMPTY_REMINDER_MEMORY: ReminderMemory = { dismissed: [], notified: [] };

/** The reminders still to show: not dismissed. */
export function shownReminders(reminders: readonly Reminder[], memory: ReminderMemory): Reminder[] {
  const dismissed = new Set(memory.dismissed);
  return reminders.filter((reminder) => !dismissed.has(reminder.id));
}

/** The reminders that have not yet raised a notification on this device (and were not dismissed). */
export function remindersToNotify(reminders: readonly Reminder[], memory: ReminderMemory): Reminder[] {
  const notified = new Set(memory.notified);
  return shownReminders(reminders, memory).filter((reminder) => !notified.has(reminder.id));
}

/**
 * Forgets ids of reminders that are no longer due (the task was done, the
 * milestone passed its status on), so the memory stays as small as the list.
 */
export function pruneReminderMemory(memory: ReminderMemory, reminders: readonly Reminder[]): ReminderMemory {
  const current = new Set(reminders.map((reminder) => reminder.id));
  return {
    dismissed: memory.dismissed.filter((id) => current.has(id)),
    notified: memory.notified.filter((id) => current.has(id)),
  };
}

import { useEffect, useMemo } from 'react';
import { combineLatest, map, switchMap, of } from 'rxjs';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useLive } from '../../app/useLive';
import { useNow } from '../../app/useNow';
import {
  dueReminders,
  MILESTONE_REMINDER_LEAD_MS,
  pruneReminderMemory,
  shownReminders,
  type Reminder,
} from '../../domain/reminders';
import { myAssigneeKeys } from '../../domain/tasks';
import { grantFor } from '../../domain/access';
import type { Milestone } from '../../domain/milestones';
import { useSessionRoles } from '../auth';
import { familyNames$, openTasksFor$ } from './queries';
import { readReminderMemory, useReminderMemory, writeReminderMemory } from './reminderMemory';

/** How often the device looks again: a task due at 10:00 shows by 10:00:30. */
export const REMINDER_CHECK_MS = 30_000;

export interface ReminderWithFamily {
  reminder: Reminder;
  familyName?: string;
}

export interface Reminders {
  /** Due and not dismissed, soonest first; undefined while loading. */
  shown: ReminderWithFamily[] | undefined;
  /** Every due reminder, dismissed or not (what notifications are raised from). */
  all: Reminder[] | undefined;
}

/**
 * My reminders, from the tasks and milestones on this device, refreshed on a
 * timer: nothing here needs the network.
 */
export function useReminders(): Reminders {
  const db = useDatabase();
  const actor = useActor();
  const roles = useSessionRoles() ?? [];
  const now = useNow(REMINDER_CHECK_MS);
  const keys = myAssigneeKeys(actor.userId, roles);
  // Milestones belong to no one: they remind those who work the cases (who may change them), not the call desk.
  const milestoneReminders = grantFor(roles, 'milestones').write;
  const memory = useReminderMemory(actor.userId);
  const due = useLive(`reminders:${keys.join(',')}:${milestoneReminders}:${now.getTime()}`, () =>
    combineLatest([
      openTasksFor$(db, keys, now),
      milestoneReminders
        ? db.milestones
            .find({
              selector: { status: 'upcoming', dueAt: { $lte: new Date(now.getTime() + MILESTONE_REMINDER_LEAD_MS).toISOString() } },
              sort: [{ status: 'asc' }, { dueAt: 'asc' }],
            })
            .$.pipe(map((docs) => docs.map((d) => d.toJSON() as Milestone)))
        : of<Milestone[]>([]),
    ]).pipe(
      map(([tasks, milestones]) => dueReminders(tasks, milestones, now)),
      switchMap((reminders) =>
        combineLatest([
          of(reminders),
          familyNames$(db, reminders.map((r) => r.householdId).filter((id): id is string => Boolean(id))),
        ]),
      ),
    ),
  );

  // Forget what is no longer due, so the memory stays the size of the list.
  useEffect(() => {
    if (due) writeReminderMemory(actor.userId, pruneReminderMemory(readReminderMemory(actor.userId), due[0]));
  }, [due, actor.userId]);

  return useMemo(() => {
    if (!due) return { shown: undefined, all: undefined };
    const [reminders, names] = due;
    const shown = shownReminders(reminders, memory).map((reminder) => {
      const familyName = reminder.householdId ? names.get(reminder.householdId) : undefined;
      return familyName === undefined ? { reminder } : { reminder, familyName };
    });
    return { shown, all: reminders };
  }, [due, memory]);
}

export function dismissReminder(userId: string, id: string): void {
  const memory = readReminderMemory(userId);
  if (!memory.dismissed.includes(id)) writeReminderMemory(userId, { ...memory, dismissed: [...memory.dismissed, id] });
}

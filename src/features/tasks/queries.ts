import { combineLatest, map, of, switchMap, type Observable } from 'rxjs';
import { taskOrder, type Task } from '../../domain/tasks';
import type { Household } from '../../domain/household';
import type { WaystationDatabase } from '../../db/database';

/** A task with the name of the family it is about, when the device holds that family. */
export interface TaskWithFamily {
  task: Task;
  familyName?: string;
}

/** The household a task is about, if any. */
export function taskHouseholdId(task: Pick<Task, 'recordCollection' | 'recordId'>): string | undefined {
  return task.recordCollection === 'households' ? task.recordId : undefined;
}

/** Family names by household id, for the households these ids name (one indexed lookup). */
export function familyNames$(db: WaystationDatabase, householdIds: readonly string[]): Observable<Map<string, string>> {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return of(new Map<string, string>());
  return db.households
    .findByIds(ids)
    .$.pipe(map((found) => new Map([...found.values()].map((h) => [h.id, (h.toJSON() as Household).familyName]))));
}

/** Open tasks of any of these assignee keys (one indexed query each), overdue first. */
export function openTasksFor$(db: WaystationDatabase, assigneeKeys: readonly string[], now: Date): Observable<Task[]> {
  if (assigneeKeys.length === 0) return of([]);
  return combineLatest(
    assigneeKeys.map((assigneeKey) =>
      db.tasks.find({
        selector: { assigneeKey, status: 'open' },
        sort: [{ assigneeKey: 'asc' }, { status: 'asc' }, { dueAt: 'asc' }],
      }).$,
    ),
  ).pipe(map((lists) => lists.flat().map((d) => d.toJSON() as Task).sort(taskOrder(now))));
}

/** My open tasks with their families' names. */
export function openTasksWithFamilies$(
  db: WaystationDatabase,
  assigneeKeys: readonly string[],
  now: Date,
): Observable<TaskWithFamily[]> {
  return openTasksFor$(db, assigneeKeys, now).pipe(
    switchMap((tasks) =>
      combineLatest([of(tasks), familyNames$(db, tasks.map(taskHouseholdId).filter((id): id is string => Boolean(id)))]),
    ),
    map(([tasks, names]) =>
      tasks.map((task) => {
        const householdId = taskHouseholdId(task);
        const familyName = householdId === undefined ? undefined : names.get(householdId);
        return familyName === undefined ? { task } : { task, familyName };
      }),
    ),
  );
}

/**
 * A family's tasks: open ones first (overdue first, then by due time), then
 * done and cancelled ones, latest first. Not indexed by `recordId`: a family
 * has a handful of tasks and a device a few thousand, and an index would cost
 * every device a schema migration.
 */
export function householdTasks$(db: WaystationDatabase, householdId: string, now: Date): Observable<Task[]> {
  return db.tasks.find({ selector: { recordCollection: 'households', recordId: householdId } }).$.pipe(
    map((docs) => {
      const tasks = docs.map((d) => d.toJSON() as Task);
      const open = tasks.filter((task) => task.status === 'open').sort(taskOrder(now));
      const closed = tasks
        .filter((task) => task.status !== 'open')
        .sort((a, b) => b.dueAt.localeCompare(a.dueAt) || a.id.localeCompare(b.id));
      return [...open, ...closed];
    }),
  );
}

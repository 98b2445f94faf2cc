import { combineLatest, map, of, type Observable } from 'rxjs';
import { taskOrder, type Task } from '../../domain/tasks';
import type { WaystationDatabase } from '../../db/database';

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

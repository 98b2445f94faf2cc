/** Tasks' writes, through the one write path: adding a task, editing it, moving it between statuses. */
import { taskDraftSchema, withTaskStatus, type Task, type TaskDraft, type TaskStatus } from '../../domain/tasks';
import type { WaystationDatabase } from '../../db/database';
import { contentOf, findRecord, InvalidRecordError, RecordNotFoundError, type WriteActor } from '../../db/recordWrites';
import { applyEdits, changeFrom, saveFromForm, type EditOptions } from '../../db/recordEdits';

const TASK_FORM_FIELDS = [
  'title',
  'recordCollection',
  'recordId',
  'assigneeUserId',
  'assigneeRole',
  'dueAt',
] as const satisfies readonly (keyof TaskDraft)[];

/** Adds an open task, or changes an existing task's details (not its status). */
export async function saveTask(
  db: WaystationDatabase,
  actor: WriteActor,
  input: TaskDraft,
  options: EditOptions<'tasks'> = {},
): Promise<Task> {
  const parsed = taskDraftSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRecordError('task', parsed.error.issues);
  const { id, ...draft } = parsed.data;
  return saveFromForm(
    db,
    actor,
    'tasks',
    { id, fields: TASK_FORM_FIELDS, draft, create: () => ({ ...draft, status: 'open' as const, assigneeKey: '' /* derived */ }) },
    options,
  );
}

/** @throws StatusTransitionError when the change is not allowed */
export async function changeTaskStatus(
  db: WaystationDatabase,
  actor: WriteActor,
  id: string,
  to: TaskStatus,
  now = new Date(),
): Promise<Task> {
  const existing = await findRecord(db, 'tasks', id);
  if (!existing) throw new RecordNotFoundError('tasks', id);
  const [task] = await applyEdits(db, actor, [changeFrom('tasks', existing, withTaskStatus(contentOf<'tasks'>(existing), to))], { now });
  return (task ?? existing) as Task;
}

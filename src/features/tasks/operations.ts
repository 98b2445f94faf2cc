/** Tasks' writes: adding a task and moving it between open, done and cancelled. */
import { taskDraftSchema, withTaskStatus, type Task, type TaskDraft, type TaskStatus } from '../../domain/tasks';
import type { WaystationDatabase } from '../../db/database';
import {
  changedRecord,
  contentOf,
  findRecord,
  InvalidRecordError,
  newRecord,
  RecordNotFoundError,
  writeRecords,
  type WriteActor,
} from '../../db/recordWrites';

/** Adds an open task, or changes an existing task's details (not its status). */
export async function saveTask(db: WaystationDatabase, actor: WriteActor, input: TaskDraft, now = new Date()): Promise<Task> {
  const parsed = taskDraftSchema.safeParse(input);
  if (!parsed.success) throw new InvalidRecordError('task', parsed.error.issues);
  const { id, ...draft } = parsed.data;
  const existing = id ? await findRecord(db, 'tasks', id) : undefined;
  if (id && !existing) throw new RecordNotFoundError('tasks', id);
  const content = { ...draft, status: existing?.status ?? ('open' as const), assigneeKey: '' /* derived */ };
  const task = existing ? changedRecord('tasks', existing, actor, now, content) : newRecord('tasks', actor, now, content);
  await writeRecords(db, 'tasks', [task]);
  return task;
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
  const task = changedRecord('tasks', existing, actor, now, withTaskStatus(contentOf<'tasks'>(existing), to));
  await writeRecords(db, 'tasks', [task]);
  return task;
}

/**
 * Tasks: something someone must do by a date, assigned to a person or to
 * everyone holding a role, optionally about a record (a household, a leg…).
 */
import { z } from 'zod';
import { idSchema, recordMetaShape } from './common';
import { ROLES, type Role } from './access';
import { utcDateTime } from './utcTime';
import { assertTransition, type TransitionTable } from './transitions';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const taskSchema = z
  .object({
    ...recordMetaShape,
    title: z.string().trim().min(1).max(200),
    /** The collection of the record the task is about (not `collection`: RxDB reserves it). */
    recordCollection: z.string().max(40).optional(),
    recordId: idSchema.optional(),
    assigneeUserId: idSchema.optional(),
    assigneeRole: z.enum(ROLES).optional(),
    dueAt: utcDateTime,
    status: z.enum(TASK_STATUSES),
    /** Derived: "user:<id>", "role:<role>" or "nobody"; indexed for "my tasks". */
    assigneeKey: z.string().max(80),
  })
  .strict();

export type Task = z.infer<typeof taskSchema>;

export function assigneeKeyOf(task: { assigneeUserId?: string; assigneeRole?: Role }): string {
  if (task.assigneeUserId) return `user:${task.assigneeUserId}`;
  if (task.assigneeRole) return `role:${task.assigneeRole}`;
  return 'nobody';
}

export function deriveTask<T extends { assigneeUserId?: string; assigneeRole?: Role }>(
  doc: T,
): T & { assigneeKey: string } {
  return { ...doc, assigneeKey: assigneeKeyOf(doc) };
}

/** The assignee keys whose tasks are "mine": my own and those of each of my roles. */
export function myAssigneeKeys(userId: string, roles: readonly Role[]): string[] {
  return [`user:${userId}`, ...roles.map((role) => `role:${role}`)];
}

export const TASK_TRANSITIONS: TransitionTable<TaskStatus> = {
  open: ['done', 'cancelled'],
  done: ['open'],
  cancelled: ['open'],
};

export function withTaskStatus<T extends Pick<Task, 'status'>>(task: T, to: TaskStatus): T {
  assertTransition(TASK_TRANSITIONS, task.status, to);
  return { ...task, status: to };
}

export const taskDraftSchema = taskSchema
  .pick({
    title: true,
    recordCollection: true,
    recordId: true,
    assigneeUserId: true,
    assigneeRole: true,
    dueAt: true,
  })
  .extend({ id: idSchema.optional() })
  .refine((task) => Boolean(task.assigneeUserId) !== Boolean(task.assigneeRole), {
    message: 'assignee_required',
    path: ['assigneeUserId'],
  })
  .refine((task) => !task.recordId === !task.recordCollection, {
    message: 'record_incomplete',
    path: ['recordId'],
  });
export type TaskDraft = z.infer<typeof taskDraftSchema>;

/** "My tasks" order: overdue first, then by due time. */
export function taskOrder(now: Date) {
  const nowIso = now.toISOString();
  return (a: Pick<Task, 'dueAt' | 'id'>, b: Pick<Task, 'dueAt' | 'id'>): number => {
    const aOverdue = a.dueAt < nowIso ? 0 : 1;
    const bOverdue = b.dueAt < nowIso ? 0 : 1;
    return aOverdue - bOverdue || a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);
  };
}

/**
 * The case officers' queue, as pure rules: which open calls a person sees,
 * and in which order — overdue first (most overdue at the top), then the
 * soonest due.
 */
import { isOverdue } from '../../domain/callbackDue';
import type { Call } from '../../domain/calls';

export type QueueScope = 'mine' | 'unit' | 'voicemail' | 'all';

export interface QueueViewer {
  userId: string;
  unitId?: string | undefined;
}

export function inScope(call: Call, scope: QueueScope, viewer: QueueViewer): boolean {
  if (call.status !== 'open' || call.dueAt === '') return false;
  switch (scope) {
    case 'mine':
      return call.assignedTo === viewer.userId;
    case 'unit':
      return viewer.unitId !== undefined && call.assignedUnitId === viewer.unitId;
    case 'voicemail':
      return call.outcome?.kind === 'voicemail_followup';
    case 'all':
      return true;
  }
}

export interface QueueItem {
  call: Call;
  overdue: boolean;
}

export function queueFor(
  calls: readonly Call[],
  scope: QueueScope,
  viewer: QueueViewer,
  now: Date,
): QueueItem[] {
  return calls
    .filter((call) => inScope(call, scope, viewer))
    .map((call) => ({ call, overdue: isOverdue(call.dueAt, now) }))
    .sort(
      (a, b) =>
        Number(b.overdue) - Number(a.overdue) ||
        a.call.dueAt.localeCompare(b.call.dueAt) ||
        a.call.id.localeCompare(b.call.id),
    );
}

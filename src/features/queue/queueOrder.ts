/**
 * The case officers' queue, as pure rules: which open calls a person sees,
 * and in which order — overdue first (most overdue at the top), then the
 * soonest due.
 */
import { isOverdue } from '../../domain/callbackDue';
import { entriesInOrder, type Call } from '../../domain/calls';

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

/** When the call's latest call-back was recorded ("" if none). */
export function lastCallbackAt(call: Pick<Call, 'callbacks'>): string {
  return entriesInOrder(call.callbacks).at(-1)?.at ?? '';
}

/**
 * The "Done" view: escalations closed by a call-back, newest first, so an
 * officer can see what was recorded after the call left the open queue. An
 * officer with a unit sees their unit's, what was theirs and what they
 * recorded; one without a unit sees all.
 */
export function doneFor(calls: readonly Call[], viewer: QueueViewer): Call[] {
  return calls
    .filter((call) => call.status === 'closed' && call.dueAt !== '')
    .filter(
      (call) =>
        viewer.unitId === undefined ||
        call.assignedUnitId === viewer.unitId ||
        call.assignedTo === viewer.userId ||
        Object.values(call.callbacks).some((callback) => callback.by === viewer.userId),
    )
    .sort((a, b) => lastCallbackAt(b).localeCompare(lastCallbackAt(a)) || a.id.localeCompare(b.id));
}

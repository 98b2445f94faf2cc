/**
 * The helpline's figures (BRIEF §5): calls answered per month, cases handled,
 * the share resolved on the first call, and call-backs kept on time by unit
 * and by language. Pure functions of the call records on the device.
 *
 * Definitions:
 * - answered: a call someone took, counted on the day it started. A
 *   voicemail follow-up is a message to call back, not an answered call.
 * - first-call resolution: of the answered calls with an outcome, the share
 *   resolved on the call. A call still being logged has no outcome yet and is
 *   left out of both parts of the share.
 * - case: an answered call escalated to a unit, or a voicemail to call back.
 *   Handled: closed since (a call-back reached the caller or closed it).
 * - call-back kept on time: the first call-back attempt (whatever its result:
 *   the promise is to call) was made at or before the promised time. A
 *   promise whose time has not come and that has no attempt yet is pending,
 *   and counts neither way. Grouped by the unit the call was escalated to
 *   (a voicemail has none) or by the caller's language.
 */
import { entriesInOrder, type Call } from '../calls';
import { atSite, inPeriod, monthOf, monthsOf, share, type ReportFilter } from './period';

export type ReportCall = Pick<Call, 'id' | 'siteId' | 'startedAt' | 'callerLanguage' | 'outcome' | 'callbacks' | 'status'>;

/** Calls started in the period at the site, voicemails included. */
export function callsInPeriod<C extends ReportCall>(calls: readonly C[], filter: ReportFilter): C[] {
  return calls.filter((call) => atSite(call, filter) && inPeriod(call.startedAt, filter));
}

export function isAnswered(call: Pick<Call, 'outcome'>): boolean {
  return call.outcome?.kind !== 'voicemail_followup';
}

/** Answered calls in each month the period touches. */
export function callsAnsweredPerMonth(calls: readonly ReportCall[], filter: ReportFilter): { month: string; answered: number }[] {
  const rows = new Map(monthsOf(filter).map((month) => [month, { month, answered: 0 }]));
  for (const call of callsInPeriod(calls, filter)) {
    if (!isAnswered(call)) continue;
    const row = rows.get(monthOf(call.startedAt));
    if (row) row.answered += 1;
  }
  return [...rows.values()];
}

export interface FirstCallResolution {
  resolved: number;
  /** Answered calls with an outcome. */
  total: number;
  /** resolved / total, undefined when no call has an outcome. */
  share: number | undefined;
}

export function firstCallResolution(calls: readonly ReportCall[], filter: ReportFilter): FirstCallResolution {
  let resolved = 0;
  let total = 0;
  for (const call of callsInPeriod(calls, filter)) {
    if (!call.outcome || !isAnswered(call)) continue;
    total += 1;
    if (call.outcome.kind === 'resolved_on_call') resolved += 1;
  }
  return { resolved, total, share: share(resolved, total) };
}

/** Cases opened in the period (escalations and voicemails) and how many of them are closed. */
export function casesHandled(calls: readonly ReportCall[], filter: ReportFilter): { escalated: number; voicemail: number; closed: number } {
  let escalated = 0;
  let voicemail = 0;
  let closed = 0;
  for (const call of callsInPeriod(calls, filter)) {
    const kind = call.outcome?.kind;
    if (kind !== 'escalated' && kind !== 'voicemail_followup') continue;
    if (kind === 'escalated') escalated += 1;
    else voicemail += 1;
    if (call.status === 'closed') closed += 1;
  }
  return { escalated, voicemail, closed };
}

export type CallbackTiming = 'on_time' | 'late' | 'pending';

/** Whether the promised call-back was kept, broken, or its time has not come; undefined when none was promised. */
export function callbackTiming(call: Pick<Call, 'outcome' | 'callbacks'>, now: Date): CallbackTiming | undefined {
  const outcome = call.outcome;
  if (!outcome || outcome.kind === 'resolved_on_call') return undefined;
  const first = entriesInOrder(call.callbacks)[0];
  const due = Date.parse(outcome.callbackDueAt);
  if (first) return Date.parse(first.at) <= due ? 'on_time' : 'late';
  return now.getTime() > due ? 'late' : 'pending';
}

export interface CallbackGroup {
  /** The unit id ("" for voicemails, which no unit holds) or the language code. */
  key: string;
  onTime: number;
  late: number;
  pending: number;
  /** onTime / (onTime + late); undefined when none has come due. */
  share: number | undefined;
}

/** Call-backs promised on calls of the period, kept on time or not, by unit or by the caller's language. */
export function callbacksOnTime(
  calls: readonly ReportCall[],
  filter: ReportFilter,
  now: Date,
  by: 'unit' | 'language',
): CallbackGroup[] {
  const groups = new Map<string, CallbackGroup>();
  for (const call of callsInPeriod(calls, filter)) {
    const timing = callbackTiming(call, now);
    if (!timing || !call.outcome) continue;
    const key = by === 'language' ? call.callerLanguage : call.outcome.kind === 'escalated' ? call.outcome.unitId : '';
    const group = groups.get(key) ?? { key, onTime: 0, late: 0, pending: 0, share: undefined };
    if (timing === 'on_time') group.onTime += 1;
    else if (timing === 'late') group.late += 1;
    else group.pending += 1;
    groups.set(key, group);
  }
  return [...groups.values()]
    .map((group) => ({ ...group, share: share(group.onTime, group.onTime + group.late) }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** All groups together. */
export function callbacksOnTimeTotal(groups: readonly CallbackGroup[]): CallbackGroup {
  const onTime = groups.reduce((n, g) => n + g.onTime, 0);
  const late = groups.reduce((n, g) => n + g.late, 0);
  const pending = groups.reduce((n, g) => n + g.pending, 0);
  return { key: '', onTime, late, pending, share: share(onTime, onTime + late) };
}

/**
 * Messages to a helpline caller who asked for them (issue 20): the call-back
 * promise at escalation ("We will call you back by Tuesday 16:55"), then one
 * note: kept, when the first call-back was made by the promised time, or
 * late, when the promised time passed with no call-back made. Pure, like the
 * family reminders: the server's dispatcher plans from the call as it is
 * stored and plans again at send time, so a call-back recorded before the
 * late note goes cancels it.
 *
 * The caller's consent is on the call (`messaging`, the same shape as a
 * family's); the queue groups a call's messages under the call's id.
 */
import { entriesInOrder, type Call } from './calls';
import { hasActiveConsent, type CallbackMessageKind, type MessageSwitches, type MessagingConsent } from './messaging';
import { DAY_MS } from './utcTime';

export interface PlannedCallMessage {
  /** Idempotency key: one message per call, kind and time it tells. */
  key: string;
  /** The queue's group: for a call-back message, the call (it holds the consent). */
  householdId: string;
  siteId: string;
  recordCollection: 'calls';
  recordId: string;
  kind: CallbackMessageKind;
  lead: 'at';
  /** The time the message tells: the promised time (promise, late) or when the call-back was made (kept). */
  eventAt: string;
  sendAt: string;
  /** `consent_withdrawn`: what would have gone, had the caller not withdrawn consent (never sent). */
  state: 'scheduled' | 'switched_off' | 'too_late' | 'consent_withdrawn';
}

export type CallLike = Pick<Call, 'id' | 'siteId' | 'startedAt' | 'outcome' | 'callbacks' | 'assignments'> & {
  endedAt?: string;
  messaging?: MessagingConsent;
  _deleted?: boolean;
};

/** A note about a call-back is no use more than a day after what it tells. */
const NOTE_STALE_MS = DAY_MS;

/**
 * The messages the call calls for, in sending order. Nothing without the
 * caller's consent or an escalation; after consent was withdrawn, each in the
 * state `consent_withdrawn`.
 */
export function plannedCallMessages(call: CallLike, switches: MessageSwitches, now: Date): PlannedCallMessage[] {
  if (call._deleted || !call.messaging) return [];
  const withdrawn = !hasActiveConsent(call.messaging);
  const outcome = call.outcome;
  if (!outcome || outcome.kind !== 'escalated') return [];
  const due = outcome.callbackDueAt;
  const dueMs = Date.parse(due);
  const escalatedAt = entriesInOrder(call.assignments)[0]?.at ?? call.endedAt ?? call.startedAt;
  const firstCallback = entriesInOrder(call.callbacks)[0];
  const out: PlannedCallMessage[] = [];
  const add = (kind: CallbackMessageKind, eventAt: string, sendAt: string, tooLate: boolean) => {
    out.push({
      key: `${call.id}:${kind}:${eventAt}`,
      householdId: call.id,
      siteId: call.siteId,
      recordCollection: 'calls',
      recordId: call.id,
      kind,
      lead: 'at',
      eventAt,
      sendAt,
      state: tooLate ? 'too_late' : withdrawn ? 'consent_withdrawn' : switches[kind] ? 'scheduled' : 'switched_off',
    });
  };
  // A promise of a time already past is not a promise.
  add('callback_promise', due, escalatedAt, now.getTime() >= dueMs);
  if (firstCallback && Date.parse(firstCallback.at) <= dueMs) {
    add('callback_kept', firstCallback.at, firstCallback.at, now.getTime() > Date.parse(firstCallback.at) + NOTE_STALE_MS);
  } else if (!firstCallback) {
    add('callback_late', due, due, now.getTime() > dueMs + NOTE_STALE_MS);
  }
  return out;
}

import { describe, expect, it } from 'vitest';
import { plannedCallMessages, type CallLike } from './callbackMessages';
import { MESSAGES_OFF } from './messaging';

const DUE = '2026-12-08T13:55:00.000Z';
const ESCALATED = '2026-12-07T09:00:00.000Z';
const on = { ...MESSAGES_OFF, callback_promise: true, callback_kept: true, callback_late: true };
const call: CallLike = {
  id: 'c1',
  siteId: 'helpline',
  startedAt: '2026-12-07T08:50:00.000Z',
  outcome: { kind: 'escalated', unitId: 'rsd', callbackDueAt: DUE },
  callbacks: {},
  assignments: { a1: { unitId: 'rsd', at: ESCALATED, by: 'agent' } },
  messaging: { phone: '+254712345678', channel: 'sms', language: 'sw', consentedAt: ESCALATED },
};
const at = (iso: string) => new Date(iso);
const summary = (c: CallLike, now: string, switches = on) =>
  plannedCallMessages(c, switches, at(now)).map((m) => [m.kind, m.sendAt, m.eventAt, m.state]);

describe('call-back messages planned from a call', () => {
  it('promise at escalation and, with no call-back, the late note at the promised time', () => {
    expect(summary(call, '2026-12-07T09:01:00.000Z')).toEqual([
      ['callback_promise', ESCALATED, DUE, 'scheduled'],
      ['callback_late', DUE, DUE, 'scheduled'],
    ]);
  });

  it('a call-back by the promised time replaces the late note with the kept one; a later one leaves neither', () => {
    const kept = { ...call, callbacks: { b: { at: '2026-12-08T10:00:00.000Z', by: 'o', result: 'no_answer_retry' as const } } };
    expect(summary(kept, '2026-12-08T10:01:00.000Z').map((m) => m[0])).toEqual(['callback_promise', 'callback_kept']);
    const late = { ...call, callbacks: { b: { at: '2026-12-08T15:00:00.000Z', by: 'o', result: 'reached' as const } } };
    expect(summary(late, '2026-12-08T15:01:00.000Z').map((m) => m[0])).toEqual(['callback_promise']);
  });

  it('nothing without consent or for a call not escalated, nothing to send after consent was withdrawn; switched-off and stale kinds are marked', () => {
    const { messaging: _none, ...withoutConsent } = call;
    expect(plannedCallMessages(withoutConsent, on, at(ESCALATED))).toEqual([]);
    const withdrawn = { ...call, messaging: { ...call.messaging!, withdrawnAt: ESCALATED, withdrawnHow: 'reply_stop' as const } };
    expect(plannedCallMessages(withdrawn, on, at(ESCALATED)).map((m) => m.state)).toEqual(['consent_withdrawn', 'consent_withdrawn']);
    expect(plannedCallMessages({ ...call, outcome: { kind: 'resolved_on_call' } }, on, at(ESCALATED))).toEqual([]);
    expect(summary(call, ESCALATED, { ...on, callback_promise: false }).map((m) => m[3])).toEqual(['switched_off', 'scheduled']);
    // A promise of a time already past is not sent; a late note more than a day late is not either.
    expect(summary(call, '2026-12-09T14:00:00.000Z').map((m) => m[3])).toEqual(['too_late', 'too_late']);
  });
});

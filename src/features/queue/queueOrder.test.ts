import { describe, expect, it } from 'vitest';
import { deriveCall, type Call } from '../../domain/calls';
import { doneFor, queueFor } from './queueOrder';

function escalated(id: string, dueAt: string, unitId: string, focalPointId?: string): Call {
  return deriveCall({
    id,
    siteId: 's',
    createdAt: '2025-05-01T00:00:00.000Z',
    updatedAt: '2025-05-01T00:00:00.000Z',
    updatedBy: 'a',
    deviceId: 'd',
    startedAt: '2025-05-01T00:00:00.000Z',
    agentId: 'a',
    callerLanguage: 'sw',
    category: 'resettlement',
    summary: 'x',
    verification: { attempts: {} },
    outcome: { kind: 'escalated', unitId, callbackDueAt: dueAt },
    callbacks: {},
    assignments: {
      a1: { unitId, ...(focalPointId ? { focalPointId } : {}), at: '2025-05-01T00:00:00.000Z', by: 'a' },
    },
    verificationStatus: 'unverified',
    status: 'open',
    dueAt: '',
    assignedUnitId: '',
    assignedTo: '',
  });
}

describe('queueFor', () => {
  const now = new Date('2025-05-14T12:00:00.000Z');
  const calls = [
    escalated('later', '2025-05-16T08:00:00.000Z', 'resettlement'),
    escalated('soon', '2025-05-14T13:00:00.000Z', 'resettlement', 'officer-1'),
    escalated('late', '2025-05-14T09:00:00.000Z', 'resettlement'),
    escalated('very-late', '2025-05-12T09:00:00.000Z', 'resettlement'),
    escalated('other-unit', '2025-05-10T09:00:00.000Z', 'protection'),
  ];

  it('puts overdue call-backs first, most overdue at the top, then the soonest due', () => {
    const items = queueFor(calls, 'unit', { userId: 'officer-1', unitId: 'resettlement' }, now);
    expect(items.map((i) => [i.call.id, i.overdue])).toEqual([
      ['very-late', true],
      ['late', true],
      ['soon', false],
      ['later', false],
    ]);
  });

  it('shows a focal point the calls assigned to them', () => {
    expect(queueFor(calls, 'mine', { userId: 'officer-1' }, now).map((i) => i.call.id)).toEqual(['soon']);
  });
});

describe('the done view', () => {
  const withCallback = (call: Call, id: string, at: string, by: string, result: 'reached' | 'closed' | 'no_answer_retry'): Call =>
    deriveCall({ ...call, callbacks: { ...call.callbacks, [id]: { at, by, result } } });

  it('holds the escalations a call-back closed, newest first, for the officer’s unit or by the officer', () => {
    const older = withCallback(escalated('c1', '2025-05-03T10:00:00.000Z', 'rsd'), 'cb1', '2025-05-02T09:00:00.000Z', 'o1', 'reached');
    const newer = withCallback(escalated('c2', '2025-05-03T11:00:00.000Z', 'rsd'), 'cb2', '2025-05-02T15:00:00.000Z', 'o2', 'closed');
    const retry = withCallback(escalated('c3', '2025-05-03T12:00:00.000Z', 'rsd'), 'cb3', '2025-05-02T16:00:00.000Z', 'o1', 'no_answer_retry');
    const otherUnitByMe = withCallback(escalated('c4', '2025-05-03T12:00:00.000Z', 'resettlement'), 'cb4', '2025-05-02T10:00:00.000Z', 'o1', 'reached');
    const otherUnit = withCallback(escalated('c5', '2025-05-03T12:00:00.000Z', 'resettlement'), 'cb5', '2025-05-02T11:00:00.000Z', 'o9', 'reached');
    const calls = [older, newer, retry, otherUnitByMe, otherUnit];
    expect(doneFor(calls, { userId: 'o1', unitId: 'rsd' }).map((c) => c.id)).toEqual(['c2', 'c4', 'c1']);
    expect(doneFor(calls, { userId: 'o7' }).map((c) => c.id)).toEqual(['c2', 'c5', 'c4', 'c1']);
  });
});

import { describe, expect, it } from 'vitest';
import { threeWayMerge } from './merge';
import {
  HELPLINE_LANGUAGE_CODES,
  callSchema,
  callerLanguageCodes,
  deriveCall,
  parseCallerPhone,
  type Call,
} from './calls';
import { COLLECTIONS } from './collections';
import { grantFor } from './access';
import { isKnownLanguage } from './languages';

function call(overrides: Partial<Call> = {}): Call {
  return deriveCall({
    id: 'call-1',
    siteId: 'helpline',
    createdAt: '2025-05-14T06:00:00.000Z',
    updatedAt: '2025-05-14T06:05:00.000Z',
    updatedBy: 'agent-1',
    deviceId: 'device-1',
    startedAt: '2025-05-14T06:00:00.000Z',
    agentId: 'agent-1',
    callerPhone: '+254712345678',
    callerLanguage: 'sw',
    category: 'resettlement',
    summary: 'Asks when the resettlement interview will be scheduled.',
    verification: { attempts: {} },
    callbacks: {},
    assignments: {},
    verificationStatus: 'unverified',
    status: 'open',
    dueAt: '',
    assignedUnitId: '',
    assignedTo: '',
    ...overrides,
  });
}

describe('the call record', () => {
  it('validates a call logged on the desk', () => {
    expect(callSchema.safeParse(call()).success).toBe(true);
    expect(callSchema.safeParse(call({ summary: 'x'.repeat(281) })).success).toBe(false);
    expect(callSchema.safeParse(call({ callerPhone: '0712345678' })).success).toBe(false);
    expect(callSchema.safeParse(call({ callerLanguage: 'rw-x-kinyamulenge' })).success).toBe(true);
  });

  it('derives verification status, open/closed, due time and assignee', () => {
    const escalated = call({
      verification: {
        attempts: {
          a1: { at: '2025-05-14T06:01:00.000Z', by: 'agent-1', passed: false, questionIds: ['dateOfBirth'] },
          a2: { at: '2025-05-14T06:02:00.000Z', by: 'agent-1', passed: true, questionIds: ['dateOfBirth'] },
        },
      },
      outcome: { kind: 'escalated', unitId: 'resettlement', callbackDueAt: '2025-05-14T10:00:00.000Z' },
      assignments: {
        s1: { unitId: 'resettlement', at: '2025-05-14T06:05:00.000Z', by: 'agent-1' },
        s2: { unitId: 'protection', focalPointId: 'officer-9', at: '2025-05-14T07:00:00.000Z', by: 'officer-1' },
      },
    });
    expect(escalated).toMatchObject({
      verificationStatus: 'passed',
      status: 'open',
      dueAt: '2025-05-14T10:00:00.000Z',
      assignedUnitId: 'protection',
      assignedTo: 'officer-9',
    });
    const reached = deriveCall({
      ...escalated,
      callbacks: { c1: { at: '2025-05-14T09:00:00.000Z', by: 'officer-9', result: 'reached' } },
    });
    expect(reached.status).toBe('closed');
    const retry = deriveCall({
      ...escalated,
      callbacks: { c1: { at: '2025-05-14T09:00:00.000Z', by: 'officer-9', result: 'no_answer_retry' } },
    });
    expect(retry.status).toBe('open');
    expect(call({ outcome: { kind: 'resolved_on_call' } }).status).toBe('closed');
    expect(
      call({ verification: { attempts: {}, override: { by: 'sup', reason: 'Known caller, documents lost', at: '2025-05-14T06:03:00.000Z' } } })
        .verificationStatus,
    ).toBe('overridden');
  });

  it('keeps both call-backs recorded offline on two devices (log entries merge, no clash)', () => {
    const base = call({ outcome: { kind: 'voicemail_followup', callbackDueAt: '2025-05-14T10:00:00.000Z' } });
    const a = { ...base, callbacks: { c1: { at: '2025-05-14T08:00:00.000Z', by: 'o1', result: 'no_answer_retry' as const } } };
    const b = { ...base, callbacks: { c2: { at: '2025-05-14T08:30:00.000Z', by: 'o2', result: 'reached' as const } } };
    const { merged, clashes } = threeWayMerge(base, deriveCall(a), deriveCall(b));
    expect(Object.keys(merged.callbacks).sort()).toEqual(['c1', 'c2']);
    expect(clashes.map((c) => c.path).filter((p) => !['status'].includes(p))).toEqual([]);
    expect(deriveCall(merged).status).toBe('closed');
  });

  it('is registered as an encrypted collection that agents and officers write, coordinators read, drivers never get', () => {
    expect(COLLECTIONS.calls.encrypted).toContain('summary');
    expect(grantFor(['helpline_agent'], 'calls').write).toBe(true);
    expect(grantFor(['case_officer'], 'calls').write).toBe(true);
    expect(grantFor(['coordinator'], 'calls')).toEqual({ read: { kind: 'all' }, write: false });
    expect(grantFor(['driver'], 'calls').read.kind).toBe('none');
    expect(grantFor(['volunteer'], 'calls').read.kind).toBe('none');
  });
});

describe('caller language and phone', () => {
  it('offers the helpline’s twelve languages first, then every other known language once', () => {
    const codes = callerLanguageCodes();
    expect(codes.slice(0, 12)).toEqual([...HELPLINE_LANGUAGE_CODES]);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of HELPLINE_LANGUAGE_CODES) expect(isKnownLanguage(code), code).toBe(true);
  });

  it('reads local numbers in the default region and international ones as dialled', () => {
    expect(parseCallerPhone('0712 345 678', 'KE')).toMatchObject({ ok: true, e164: '+254712345678' });
    expect(parseCallerPhone('+256 772 123456', 'KE')).toMatchObject({ ok: true, e164: '+256772123456' });
    expect(parseCallerPhone('12', 'KE')).toEqual({ ok: false });
    expect(parseCallerPhone('', 'KE')).toEqual({ ok: false });
  });
});

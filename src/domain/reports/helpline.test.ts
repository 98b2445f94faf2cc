import { describe, expect, it } from 'vitest';
import {
  callbacksOnTime,
  callbacksOnTimeTotal,
  callbackTiming,
  callsAnsweredPerMonth,
  casesHandled,
  firstCallResolution,
} from './helpline';
import { calls, HELPLINE_NOW, HL } from '../../../tests/fixtures/reportFixtures';

const filter = { from: '2026-01-15', to: '2026-03-31', siteId: HL };

describe('helpline figures', () => {
  it('counts answered calls per month, without voicemails, other sites or calls outside the period', () => {
    // January: c1 (c9 is before the 15th). February: c2, c3. March: c4, c5, c7 (c6 a voicemail, c10 is 1 April UTC).
    expect(callsAnsweredPerMonth(calls, filter)).toEqual([
      { month: '2026-01', answered: 1 },
      { month: '2026-02', answered: 2 },
      { month: '2026-03', answered: 3 },
    ]);
  });

  it('gives the share resolved on the first call among answered calls with an outcome', () => {
    // With an outcome: c1 (resolved), c2, c3, c4, c5 (escalated); c7 has none yet.
    expect(firstCallResolution(calls, filter)).toEqual({ resolved: 1, total: 5, share: 0.2 });
    expect(firstCallResolution(calls, { from: '2026-05-01', to: '2026-05-31' })).toEqual({ resolved: 0, total: 0, share: undefined });
  });

  it('counts cases opened and closed', () => {
    // Escalated c2, c3, c4, c5; voicemail c6; closed c2, c3, c6.
    expect(casesHandled(calls, filter)).toEqual({ escalated: 4, voicemail: 1, closed: 3 });
  });

  it('judges a call-back by its first attempt against the promised time', () => {
    const byId = new Map(calls.map((c) => [c.id, c]));
    const timing = (id: string) => callbackTiming(byId.get(id)!, HELPLINE_NOW);
    expect(timing('c1')).toBeUndefined();
    expect(timing('c2')).toBe('on_time');
    expect(timing('c3')).toBe('late'); // the first attempt (13 Feb) came after the promise (12 Feb), though listed second
    expect(timing('c4')).toBe('late');
    expect(timing('c5')).toBe('pending');
    expect(timing('c6')).toBe('on_time');
  });

  it('gives call-backs kept on time by unit and by language', () => {
    expect(callbacksOnTime(calls, filter, HELPLINE_NOW, 'unit')).toEqual([
      { key: '', onTime: 1, late: 0, pending: 0, share: 1 }, // the voicemail c6
      { key: 'protection', onTime: 0, late: 1, pending: 1, share: 0 }, // c4 late, c5 pending
      { key: 'resettlement', onTime: 1, late: 1, pending: 0, share: 0.5 }, // c2, c3
    ]);
    const byLanguage = callbacksOnTime(calls, filter, HELPLINE_NOW, 'language');
    expect(byLanguage).toEqual([
      { key: 'am', onTime: 1, late: 0, pending: 1, share: 1 }, // c6 on time, c5 pending
      { key: 'so', onTime: 1, late: 0, pending: 0, share: 1 }, // c2
      { key: 'sw', onTime: 0, late: 2, pending: 0, share: 0 }, // c3, c4
    ]);
    expect(callbacksOnTimeTotal(byLanguage)).toEqual({ key: '', onTime: 2, late: 2, pending: 1, share: 0.5 });
  });
});

import { describe, expect, it } from 'vitest';
import { helplineMonthlyReport, welcomeCenterMonthlyReport } from './monthly';
import { calls, HELPLINE_NOW, HL, households, legs, NOW, people, WC } from '../../../tests/fixtures/reportFixtures';

describe('monthly reports', () => {
  it('welcome center, March 2026: families, children, departures and destinations', () => {
    expect(welcomeCenterMonthlyReport('2026-03', WC, { households, people, legs }, HELPLINE_NOW)).toEqual({
      month: '2026-03',
      families: 3, // h1, h2, h3 (h4 merged)
      people: 7,
      children: 3, // p2, p3, p6
      departedFamilies: 4, // h1 3rd, h2 4th, h6 5th, h3 11th
      departedPeople: 8, // 3 + 2 + 1 + 2
      destinations: [
        { key: 'Denver, US', count: 2 },
        { key: 'CA', count: 1 },
        { key: 'Chicago, US', count: 1 },
      ],
    });
  });

  it('counts no departure scheduled after now: h3 leaves on 11 March, the report is read on the 10th', () => {
    const report = welcomeCenterMonthlyReport('2026-03', WC, { households, people, legs }, NOW);
    expect(report).toMatchObject({ departedFamilies: 3, departedPeople: 6 }); // h1, h2, h6; not h3
    expect(report.destinations).toEqual([
      { key: 'Denver, US', count: 2 },
      { key: 'Chicago, US', count: 1 },
    ]);
  });

  it('helpline, March 2026: answered, cases, first-call resolution and call-backs', () => {
    const report = helplineMonthlyReport('2026-03', HL, calls, HELPLINE_NOW);
    expect(report.answered).toBe(3); // c4, c5, c7
    expect(report.cases).toEqual({ escalated: 2, voicemail: 1, closed: 1 }); // c4, c5; c6 closed
    expect(report.firstCall).toEqual({ resolved: 0, total: 2, share: 0 }); // c4, c5 escalated; c7 no outcome
    expect(report.callbacks).toEqual({ key: '', onTime: 1, late: 1, pending: 1, share: 0.5 }); // c6, c4, c5
    expect(report.callbacksByUnit.map((g) => g.key)).toEqual(['', 'protection']);
  });
});

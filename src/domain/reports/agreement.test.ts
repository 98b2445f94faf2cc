/**
 * The dashboard and the monthly report read the same records through the
 * same definitions: for one month and one site, the families received, the
 * people and children, the departures and the calls answered are the same
 * numbers on both screens — also for the current month, where departures
 * scheduled after now have not happened yet.
 */
import { describe, expect, it } from 'vitest';
import { callsAnsweredPerMonth } from './helpline';
import { helplineMonthlyReport, welcomeCenterMonthlyReport } from './monthly';
import { monthPeriod } from './period';
import { reportSections } from './sections';
import { departuresPerDay, receivedTotals, topDestinations } from './welcomeCenter';
import { calls, HELPLINE_NOW, HL, households, legs, NOW, people, WC } from '../../../tests/fixtures/reportFixtures';

describe('dashboard and monthly report', () => {
  for (const [label, now] of [
    ['read after the month', HELPLINE_NOW],
    ['read during the month', NOW],
  ] as const) {
    it(`agree on March 2026 at the welcome center, ${label}`, () => {
      const filter = { ...monthPeriod('2026-03'), siteId: WC };
      const report = welcomeCenterMonthlyReport('2026-03', WC, { households, people, legs }, now);
      const received = receivedTotals(households, people, filter);
      const departures = departuresPerDay(legs, filter, now);
      expect({ families: report.families, people: report.people, children: report.children }).toEqual(received);
      expect(report.departedFamilies).toBe(departures.reduce((n, d) => n + d.families, 0));
      expect(report.departedPeople).toBe(departures.reduce((n, d) => n + d.people, 0));
      expect(report.destinations).toEqual(topDestinations(households, legs, filter, now, 10));
    });
  }

  it('agree on calls answered at the helpline', () => {
    const filter = { ...monthPeriod('2026-03'), siteId: HL };
    const report = helplineMonthlyReport('2026-03', HL, calls, HELPLINE_NOW);
    expect(report.answered).toBe(callsAnsweredPerMonth(calls, filter).reduce((n, m) => n + m.answered, 0));
  });

  it('show only the sections of the chosen site’s kind', () => {
    expect(reportSections('helpline_office')).toEqual({ welcomeCenter: false, helpline: true });
    expect(reportSections('welcome_center')).toEqual({ welcomeCenter: true, helpline: false });
    expect(reportSections(undefined)).toEqual({ welcomeCenter: true, helpline: true });
  });
});

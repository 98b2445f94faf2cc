import { describe, expect, it } from 'vitest';
import {
  departuresPerDay,
  nationalities,
  openTasks,
  overdueMilestones,
  receivedPerDay,
  receivedPerWeek,
  receivedTotals,
  topDestinations,
} from './welcomeCenter';
import { households, legs, milestones, NOW, OTHER, people, tasks, WC } from '../../../tests/fixtures/reportFixtures';

const period = { from: '2026-03-02', to: '2026-03-10' };
const atWc = { ...period, siteId: WC };

describe('families and children received', () => {
  it('counts each day of the period at one site, quiet days as zeros', () => {
    const days = receivedPerDay(households, people, atWc);
    expect(days).toHaveLength(9);
    // 2 March: h1 (p1 adult, p2 child, p3 child by estimate) and h2 (p4 adult, p5 turns 18 that day).
    expect(days[0]).toEqual({ period: '2026-03-02', families: 2, people: 5, children: 2 });
    // 5 March: only h4, merged into another registration: nothing.
    expect(days[3]).toEqual({ period: '2026-03-05', families: 0, people: 0, children: 0 });
    // 9 March: h3 (p6 child, p7 age unknown).
    expect(days[7]).toEqual({ period: '2026-03-09', families: 1, people: 2, children: 1 });
    expect(receivedTotals(households, people, atWc)).toEqual({ families: 3, people: 7, children: 3 });
  });

  it('adds the other site when no site is chosen, and leaves out arrivals before the period', () => {
    // + h5 at the other site on 3 March (p9 child); h6 arrived 28 February.
    expect(receivedTotals(households, people, period)).toEqual({ families: 4, people: 8, children: 4 });
    expect(receivedTotals(households, people, { ...period, siteId: OTHER })).toEqual({ families: 1, people: 1, children: 1 });
  });

  it('groups by ISO week', () => {
    // 2–8 March is 2026-W10, 9–10 March starts W11.
    expect(receivedPerWeek(households, people, atWc)).toEqual([
      { period: '2026-W10', families: 2, people: 5, children: 2 },
      { period: '2026-W11', families: 1, people: 2, children: 1 },
    ]);
  });

  it('counts the people received by nationality, unknown when not recorded', () => {
    expect(nationalities(households, people, atWc)).toEqual([
      { key: 'GT', count: 3 },
      { key: 'VE', count: 2 },
      { key: 'HN', count: 1 },
      { key: 'unknown', count: 1 },
    ]);
  });
});

describe('departures and destinations', () => {
  it('counts each family once, on the day of its first leg that is not cancelled or missed', () => {
    const days = departuresPerDay(legs, atWc, NOW);
    const busy = days.filter((d) => d.families > 0);
    expect(busy).toEqual([
      { day: '2026-03-03', families: 1, people: 3 }, // h1's bus (its plane the next day is the same journey)
      { day: '2026-03-04', families: 1, people: 2 }, // h2: 3 March 23:30 in Texas is 4 March UTC
      { day: '2026-03-05', families: 1, people: 1 }, // h6 after a no-show on 2 March
    ]);
    // h3's leg on 10 March was cancelled; it leaves on 11 March.
    expect(days.at(-1)).toEqual({ day: '2026-03-10', families: 0, people: 0 });
    // All sites: h5 also leaves on 4 March.
    expect(departuresPerDay(legs, period, NOW).find((d) => d.day === '2026-03-04')).toEqual({ day: '2026-03-04', families: 2, people: 3 });
  });

  it('ranks the destinations of the families that departed', () => {
    expect(topDestinations(households, legs, atWc, NOW)).toEqual([
      { key: 'Denver, US', count: 2 }, // h1, h6
      { key: 'Chicago, US', count: 1 }, // h2
    ]);
    expect(topDestinations(households, legs, atWc, NOW, 1)).toEqual([{ key: 'Denver, US', count: 2 }]);
  });
});

describe('open tasks and overdue milestones', () => {
  it('counts open tasks and those past due, per site', () => {
    expect(openTasks(tasks, NOW, { siteId: WC })).toEqual({ open: 2, overdue: 1 });
    expect(openTasks(tasks, NOW, {})).toEqual({ open: 3, overdue: 2 });
  });

  it('counts upcoming milestones whose time has passed, by kind', () => {
    expect(overdueMilestones(milestones, NOW, { siteId: WC })).toEqual({
      total: 2,
      byKind: [
        { key: 'court_hearing', count: 1 },
        { key: 'ice_checkin', count: 1 },
      ],
    });
    expect(overdueMilestones(milestones, NOW, {}).total).toBe(3);
  });
});

import { describe, expect, it } from 'vitest';
import { dayOf, daysOf, inPeriod, isoWeekOf, monthPeriod, monthsOf, rankCounts, share } from './period';

describe('report periods', () => {
  it('puts an instant on its UTC day and a calendar date on itself', () => {
    expect(dayOf('2026-03-03T23:30:00-05:00')).toBe('2026-03-04');
    expect(dayOf('2026-03-03')).toBe('2026-03-03');
    expect(inPeriod('2026-03-10T23:59:59Z', { from: '2026-03-02', to: '2026-03-10' })).toBe(true);
    expect(inPeriod('2026-03-11', { from: '2026-03-02', to: '2026-03-10' })).toBe(false);
  });

  it('lists every day and month of a period, both ends included', () => {
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual(['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    expect(daysOf({ from: '2026-03-02', to: '2026-03-01' })).toEqual([]);
    expect(monthsOf({ from: '2025-11-15', to: '2026-02-01' })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthPeriod('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('numbers ISO weeks from the week of the first Thursday', () => {
    // 1 January 2026 is a Thursday, so Monday 29 December 2025 starts week 1.
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
    expect(isoWeekOf('2026-03-01')).toBe('2026-W09'); // a Sunday
    expect(isoWeekOf('2026-03-02')).toBe('2026-W10'); // the Monday after
    // 1 January 2027 is a Friday: it belongs to the last week of 2026 (W53).
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
  });

  it('ranks counts largest first, ties by key, and never divides by zero', () => {
    expect(rankCounts(new Map([['b', 1], ['a', 1], ['c', 3]]), 2)).toEqual([
      { key: 'c', count: 3 },
      { key: 'a', count: 1 },
    ]);
    expect(share(1, 4)).toBe(0.25);
    expect(share(0, 0)).toBeUndefined();
  });
});

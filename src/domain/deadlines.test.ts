import { describe, expect, it } from 'vitest';
import {
  asylumApplicationDeadline,
  changeOfAddressDeadline,
  daysUntil,
  destinationArrival,
  dueAtOfDate,
  dueState,
  suggestedDeadlines,
} from './deadlines';

describe('asylum application deadline', () => {
  it('is one year after the earliest arrival of the family or person', () => {
    expect(asylumApplicationDeadline(['2026-03-10', '2026-01-05', undefined])).toBe('2027-01-05');
  });
  it('an arrival on 29 February must file by 28 February', () => {
    expect(asylumApplicationDeadline(['2028-02-29'])).toBe('2029-02-28');
  });
  it('has no deadline without an arrival date', () => {
    expect(asylumApplicationDeadline([undefined])).toBeUndefined();
  });
});

describe('change of address', () => {
  it('is due 10 days after arriving at the destination', () => {
    expect(changeOfAddressDeadline('2026-04-01T18:30:00.000Z')).toBe('2026-04-11T18:30:00.000Z');
  });
  it('the move is the arrival of the last leg actually travelled', () => {
    const legs = [
      { status: 'boarded', departureAt: '2026-04-01T08:00:00.000Z', arrivalAt: '2026-04-01T12:00:00.000Z' },
      { status: 'boarded', departureAt: '2026-04-01T14:00:00.000Z', arrivalAt: '2026-04-02T06:00:00.000Z' },
      { status: 'cancelled', departureAt: '2026-04-03T14:00:00.000Z', arrivalAt: '2026-04-04T06:00:00.000Z' },
    ];
    expect(destinationArrival(legs)).toBe('2026-04-02T06:00:00.000Z');
    expect(suggestedDeadlines(['2026-03-30'], legs)).toEqual([
      { kind: 'asylum_application', dueAt: '2027-03-30T12:00:00.000Z' },
      { kind: 'change_of_address', dueAt: '2026-04-12T06:00:00.000Z' },
    ]);
  });
  it('no legs, no change-of-address deadline', () => {
    expect(suggestedDeadlines(['2026-03-30'], [])).toHaveLength(1);
  });
});

describe('due soon / overdue', () => {
  const now = new Date('2026-05-01T10:00:00.000Z');
  it.each([
    ['2026-05-01T09:59:59.999Z', 'overdue'],
    ['2026-05-01T10:00:00.000Z', 'due_soon'],
    ['2026-05-15T10:00:00.000Z', 'due_soon'],
    ['2026-05-15T10:00:00.001Z', 'later'],
    ['2027-01-01T00:00:00.000Z', 'later'],
  ])('%s is %s', (dueAt, state) => {
    expect(dueState(dueAt, now)).toBe(state);
  });
  it('a deadline date is stored at noon UTC and counts whole days', () => {
    expect(dueAtOfDate('2026-05-03')).toBe('2026-05-03T12:00:00.000Z');
    expect(daysUntil(dueAtOfDate('2026-05-03'), new Date(2026, 4, 1, 9))).toBe(2);
  });
});

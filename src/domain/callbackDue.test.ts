import { describe, expect, it } from 'vitest';
import {
  callbackDueAt,
  callbackDueFor,
  callbackPromiseSchema,
  instantOfWallTime,
  isOverdue,
  officeHoursSchema,
  promiseOfHours,
  wallTimeOf,
  type OfficeHours,
} from './callbackDue';

const WEEKDAYS_8_TO_5 = {
  '1': { start: '08:00', end: '17:00' },
  '2': { start: '08:00', end: '17:00' },
  '3': { start: '08:00', end: '17:00' },
  '4': { start: '08:00', end: '17:00' },
  '5': { start: '08:00', end: '17:00' },
};

/** Nairobi: UTC+3 all year, no DST. */
const nairobi: OfficeHours = {
  timeZone: 'Africa/Nairobi',
  days: WEEKDAYS_8_TO_5,
  holidays: ['2025-06-02', '2025-12-25', '2025-12-26'],
};

/** Local Nairobi wall time (UTC+3) as an instant. */
const eat = (local: string) => new Date(`${local}+03:00`);
const due = (from: Date, hours: number, office = nairobi) => callbackDueAt(from, hours, office).toISOString();

describe('callbackDueAt in a zone without DST (Nairobi, Mon–Fri 08:00–17:00)', () => {
  it('counts within the same working day', () => {
    // Wednesday 2025-05-14 09:15 + 4 h
    expect(due(eat('2025-05-14T09:15:00'), 4)).toBe(eat('2025-05-14T13:15:00').toISOString());
  });

  it('carries what is left of the evening to the next morning', () => {
    // Tuesday 15:00 + 4 h: 2 h today, 2 h from Wednesday 08:00.
    expect(due(eat('2025-05-13T15:00:00'), 4)).toBe(eat('2025-05-14T10:00:00').toISOString());
  });

  it('starts the clock at opening for a call logged in the evening or before opening', () => {
    expect(due(eat('2025-05-13T21:30:00'), 2)).toBe(eat('2025-05-14T10:00:00').toISOString());
    expect(due(eat('2025-05-14T06:00:00'), 2)).toBe(eat('2025-05-14T10:00:00').toISOString());
  });

  it('skips the weekend', () => {
    // Friday 16:00 + 4 h → 1 h Friday, 3 h Monday.
    expect(due(eat('2025-05-16T16:00:00'), 4)).toBe(eat('2025-05-19T11:00:00').toISOString());
    // A voicemail left on Saturday starts Monday morning.
    expect(due(eat('2025-05-17T11:00:00'), 1)).toBe(eat('2025-05-19T09:00:00').toISOString());
  });

  it('skips public holidays', () => {
    // Friday 2025-05-30 16:00 + 2 h; Monday 2 June is Madaraka Day → Tuesday 09:00.
    expect(due(eat('2025-05-30T16:00:00'), 2)).toBe(eat('2025-06-03T09:00:00').toISOString());
    // Christmas week: Wednesday 24 Dec 16:30 + 1 h → 25 and 26 closed, weekend → Monday 29th 08:30.
    expect(due(eat('2025-12-24T16:30:00'), 1)).toBe(eat('2025-12-29T08:30:00').toISOString());
  });

  it('ends exactly at closing when the promise fills the day', () => {
    expect(due(eat('2025-05-14T08:00:00'), 9)).toBe(eat('2025-05-14T17:00:00').toISOString());
  });

  it('counts several working days for a 48-hour promise', () => {
    // 48 working hours = 5 days and 3 h of 9-hour days: Mon 08:00 → next Mon 11:00.
    expect(due(eat('2025-05-12T08:00:00'), 48)).toBe(eat('2025-05-19T11:00:00').toISOString());
  });

  it('supports fractions of an hour', () => {
    expect(due(eat('2025-05-14T16:45:00'), 0.5)).toBe(eat('2025-05-15T08:15:00').toISOString());
  });

  it('uses the office time zone, not the device one', () => {
    // 06:00 UTC is 09:00 in Nairobi: within hours already.
    expect(due(new Date('2025-05-14T06:00:00Z'), 1)).toBe('2025-05-14T07:00:00.000Z');
    // The same instant for an office in Kinshasa (UTC+1) is 07:00, before opening.
    const kinshasa = { ...nairobi, timeZone: 'Africa/Kinshasa', holidays: [] };
    expect(due(new Date('2025-05-14T06:00:00Z'), 1, kinshasa)).toBe('2025-05-14T08:00:00.000Z');
  });

  it('refuses a promise that is not a positive number of hours, and an office that never opens', () => {
    expect(() => callbackDueAt(new Date(), 0, nairobi)).toThrow(/positive/);
    expect(() => callbackDueAt(new Date(), 1, { ...nairobi, days: {} })).toThrow(/no working hours/);
  });
});

describe('callbackDueAt in a zone with DST (New York)', () => {
  const newYork: OfficeHours = { timeZone: 'America/New_York', days: WEEKDAYS_8_TO_5, holidays: [] };

  it('keeps 08:00 local across the spring-forward weekend', () => {
    // Friday 2025-03-07 16:00 EST (UTC-5) + 3 h: 1 h Friday, 2 h Monday from 08:00 EDT (UTC-4).
    expect(due(new Date('2025-03-07T21:00:00Z'), 3, newYork)).toBe('2025-03-10T14:00:00.000Z');
  });

  it('keeps 08:00 local across the fall-back weekend', () => {
    // Friday 2025-10-31 16:00 EDT (UTC-4) + 3 h → Monday 2025-11-03 10:00 EST (UTC-5).
    expect(due(new Date('2025-10-31T20:00:00Z'), 3, newYork)).toBe('2025-11-03T15:00:00.000Z');
  });

  it('resolves a wall time skipped by the jump to after it', () => {
    const wall = Date.UTC(2025, 2, 9, 2, 30);
    expect(instantOfWallTime(wall, 'America/New_York').toISOString()).toBe('2025-03-09T07:30:00.000Z');
    expect(wallTimeOf(new Date('2025-03-09T07:30:00Z'), 'America/New_York')).toBe(Date.UTC(2025, 2, 9, 3, 30));
  });
});

describe('office hours and overdue', () => {
  it('validates office hours', () => {
    expect(officeHoursSchema.safeParse(nairobi).success).toBe(true);
    expect(officeHoursSchema.safeParse({ ...nairobi, timeZone: 'Mars/Olympus' }).success).toBe(false);
    expect(
      officeHoursSchema.safeParse({ ...nairobi, days: { '1': { start: '17:00', end: '08:00' } } }).success,
    ).toBe(false);
  });

  it('is overdue only after the due time', () => {
    const now = new Date('2025-05-14T10:00:00Z');
    expect(isOverdue('2025-05-14T09:59:59Z', now)).toBe(true);
    expect(isOverdue('2025-05-14T10:00:00Z', now)).toBe(false);
  });
});

describe('callbackDueFor: the promise as working days, working hours or calendar hours', () => {
  // The worked example of issue 16: office 08:00–17:00 Monday–Friday, Monday a holiday.
  const office: OfficeHours = { timeZone: 'Africa/Nairobi', days: WEEKDAYS_8_TO_5, holidays: ['2025-06-02'] };
  const fridayAt1655 = eat('2025-05-30T16:55:00');

  it('escalated Friday 16:55, Monday a holiday, 2 working days → due Wednesday 16:55', () => {
    const dueAt = callbackDueFor(fridayAt1655, { amount: 2, unit: 'working_days' }, office);
    expect(dueAt.toISOString()).toBe(eat('2025-06-04T16:55:00').toISOString());
  });

  it('48 working hours is more than a week of office days; 48 calendar hours is Sunday', () => {
    expect(callbackDueFor(fridayAt1655, { amount: 48, unit: 'working_hours' }, office).toISOString()).toBe(
      callbackDueAt(fridayAt1655, 48, office).toISOString(),
    );
    expect(callbackDueFor(fridayAt1655, { amount: 48, unit: 'calendar_hours' }, office).toISOString()).toBe(
      eat('2025-06-01T16:55:00').toISOString(),
    );
  });

  it('a call logged outside working hours counts its days from the next opening', () => {
    // Saturday 10:00: the clock starts Tuesday 08:00 (Monday a holiday); 1 working day → Wednesday 08:00.
    expect(callbackDueFor(eat('2025-05-31T10:00:00'), { amount: 1, unit: 'working_days' }, office).toISOString()).toBe(
      eat('2025-06-04T08:00:00').toISOString(),
    );
  });

  it('a unit stored with hours only keeps today’s meaning: working hours', () => {
    expect(promiseOfHours(48)).toEqual({ amount: 48, unit: 'working_hours' });
  });

  it('refuses a promise that is not a positive amount, or part of a working day', () => {
    expect(callbackPromiseSchema.safeParse({ amount: 0, unit: 'working_hours' }).success).toBe(false);
    expect(callbackPromiseSchema.safeParse({ amount: 1.5, unit: 'working_days' }).success).toBe(false);
    expect(callbackPromiseSchema.safeParse({ amount: 2, unit: 'fortnights' }).success).toBe(false);
    expect(callbackPromiseSchema.safeParse({ amount: 2, unit: 'working_days' }).success).toBe(true);
  });
});

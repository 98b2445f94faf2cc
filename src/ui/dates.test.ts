import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDayAndTime, formatMonth, formatTime, formatWeekday } from './dates';

const AT = '2026-12-06T23:33:26.000Z';

describe('the one date formatter', () => {
  it('writes English dates and times in one style, without seconds or zero-padded hours', () => {
    expect(formatDate('2026-12-06', 'en')).toBe('Dec 6, 2026');
    expect(formatDateTime(AT, 'en', { timeZone: 'UTC', showZone: false })).toBe('Dec 6, 2026, 11:33 PM');
    expect(formatTime('2026-12-06T14:00:00.000Z', 'en', { timeZone: 'UTC', showZone: false })).toBe('2:00 PM');
    expect(formatMonth('2026-11', 'en')).toBe('Nov 2026');
    expect(formatMonth('2026-11', 'en', 'long')).toBe('November 2026');
    expect(formatWeekday(1, 'en')).toBe('Monday');
  });

  it('writes Arabic dates in Arabic', () => {
    // Arabic's own medium style: day/month/year with right-to-left marks, "م" (evening) after the time.
    expect(formatDate('2026-12-06', 'ar')).toBe('06\u200f/12\u200f/2026');
    expect(formatDateTime(AT, 'ar', { timeZone: 'UTC', showZone: false })).toBe('06\u200f/12\u200f/2026، 11:33 م');
    expect(formatMonth('2026-11', 'ar', 'long')).toBe('نوفمبر 2026');
    expect(formatWeekday(1, 'ar')).toBe('الاثنين');
  });

  it('keeps a calendar date on its day in any time zone', () => {
    expect(formatDate('2026-01-01', 'en', { timeZone: 'Pacific/Honolulu' })).toBe('Jan 1, 2026');
  });

  it('says the site’s time zone where the place matters', () => {
    const due = formatDayAndTime('2025-06-04T13:55:00.000Z', 'en', { timeZone: 'Africa/Nairobi' });
    expect(due).toBe('Wed, Jun 4, 2025, 4:55 PM GMT+3 (Nairobi)');
    expect(formatDayAndTime('2025-06-04T13:55:00.000Z', 'en-GB', { timeZone: 'Africa/Nairobi' })).toBe(
      'Wed, 4 Jun 2025, 16:55 GMT+3 (Nairobi)',
    );
  });

  it('gives back what it cannot read instead of "Invalid Date"', () => {
    expect(formatDateTime('not a time', 'en')).toBe('not a time');
    expect(formatMonth('2026-13', 'en')).toBe('2026-13');
  });
});

/**
 * When a promised call-back is due. A unit promises to call back within N
 * working hours; the clock runs only inside the office's working hours, in
 * the office's time zone, and stops on weekends and public holidays. A call
 * logged at 16:00 on a Friday with a 4-hour promise is due Monday 11:00.
 *
 * Pure: time zones are resolved with the runtime's Intl data (no library),
 * working windows are wall-clock times, so a DST change moves the instant of
 * "08:00" but never the promise counted in working hours.
 */
import { z } from 'zod';
import { isoDate } from './common';

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const workingDaySchema = z
  .object({ start: clockTime, end: clockTime })
  .strict()
  .refine((day) => minutesOf(day.start) < minutesOf(day.end), 'the day must end after it starts');

export const officeHoursSchema = z
  .object({
    /** IANA time zone of the office, e.g. "Africa/Nairobi". */
    timeZone: z.string().min(1).max(64).refine(isTimeZone, 'unknown time zone'),
    /** Working window per ISO weekday; a missing day is closed. */
    days: z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), workingDaySchema),
    /** Public holidays and office closures, as dates in the office's time zone. */
    holidays: z.array(isoDate).max(400),
  })
  .strict();
export type OfficeHours = z.infer<typeof officeHoursSchema>;

function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** More than a year without a working day means the office hours are misconfigured. */
const MAX_DAYS_SCANNED = 400;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The wall-clock time in `timeZone` at `instant`, as milliseconds of a UTC
 * date with the same components ("wall milliseconds"), so date arithmetic on
 * it is plain arithmetic.
 */
export function wallTimeOf(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const wholeSeconds = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wholeSeconds + (instant.getTime() % 1000);
}

/**
 * The instant at which the clocks in `timeZone` show `wall`. A wall time
 * skipped by a DST jump resolves to the instant after the jump.
 */
export function instantOfWallTime(wall: number, timeZone: string): Date {
  const offsetAt = (instant: number) => wallTimeOf(new Date(instant), timeZone) - instant;
  let guess = wall - offsetAt(wall);
  const offset = offsetAt(guess);
  guess = wall - offset;
  // In a gap the two offsets disagree; the later one puts the time after the jump.
  const second = offsetAt(guess);
  return new Date(second === offset ? guess : wall - Math.min(offset, second));
}

function isoDateOfWall(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

function weekdayOfWall(wall: number): Weekday {
  const day = new Date(wall).getUTCDay();
  return (day === 0 ? 7 : day) as Weekday;
}

/** The working window [start, end) of the day containing `wall`, in wall milliseconds, or none. */
function windowOf(wall: number, office: OfficeHours, holidays: ReadonlySet<string>): [number, number] | undefined {
  const midnight = wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  if (holidays.has(isoDateOfWall(midnight))) return undefined;
  const day = office.days[String(weekdayOfWall(midnight)) as `${Weekday}`];
  if (!day) return undefined;
  return [midnight + minutesOf(day.start) * MINUTE_MS, midnight + minutesOf(day.end) * MINUTE_MS];
}

/**
 * The instant a call-back promised within `workingHours` of `from` falls due.
 * Time before opening, after closing, on closed weekdays and on holidays does
 * not count. A call logged outside working hours starts its clock at the next
 * opening.
 * @throws Error when the office has no working day within a year
 */
export function callbackDueAt(from: Date, workingHours: number, office: OfficeHours): Date {
  if (!(workingHours > 0) || !Number.isFinite(workingHours)) {
    throw new Error(`The promised call-back time must be a positive number of hours, not ${workingHours}`);
  }
  const holidays = new Set(office.holidays);
  let remaining = Math.round(workingHours * 60 * MINUTE_MS);
  let cursor = wallTimeOf(from, office.timeZone);
  for (let scanned = 0; scanned <= MAX_DAYS_SCANNED; scanned += 1) {
    const window = windowOf(cursor, office, holidays);
    if (window) {
      const start = Math.max(cursor, window[0]);
      const available = window[1] - start;
      if (available > 0 && remaining <= available) return instantOfWallTime(start + remaining, office.timeZone);
      if (available > 0) remaining -= available;
    }
    cursor = cursor - (((cursor % DAY_MS) + DAY_MS) % DAY_MS) + DAY_MS;
  }
  throw new Error('The office has no working hours within a year; check its working days and holidays');
}

/** True when the call-back was due before `now` (a due time of exactly now is not yet late). */
export function isOverdue(callbackDueAtIso: string, now: Date): boolean {
  return Date.parse(callbackDueAtIso) < now.getTime();
}

/**
 * What a unit promises (issue 16 item 7): a number of working days, of
 * working hours, or of calendar hours (the clock never stops). A unit that
 * only has `callbackHours` promises that many working hours, as before.
 */
export const CALLBACK_PROMISE_UNITS = ['working_days', 'working_hours', 'calendar_hours'] as const;
export type CallbackPromiseUnit = (typeof CALLBACK_PROMISE_UNITS)[number];

export const callbackPromiseSchema = z
  .object({
    amount: z.number().positive().max(720),
    unit: z.enum(CALLBACK_PROMISE_UNITS),
  })
  .strict()
  .refine((p) => p.unit !== 'working_days' || Number.isInteger(p.amount), {
    message: 'working days are whole days',
    path: ['amount'],
  })
  .refine((p) => p.unit !== 'working_days' || p.amount <= 60, { message: 'at most 60 working days', path: ['amount'] });
export type CallbackPromise = z.infer<typeof callbackPromiseSchema>;

/** The promise of a unit stored before promises had a unit: its hours, counted as working hours. */
export function promiseOfHours(callbackHours: number): CallbackPromise {
  return { amount: callbackHours, unit: 'working_hours' };
}

/**
 * `days` working days after `from`: the same time of day on the `days`-th
 * working day after the day the clock starts (holidays and closed days do
 * not count). A call logged outside working hours starts the clock at the
 * next opening; a time of day later than that day's closing is due at closing.
 * Friday 16:55, Monday a holiday, 2 working days → Wednesday 16:55.
 */
function workingDaysDueAt(from: Date, days: number, office: OfficeHours): Date {
  const holidays = new Set(office.holidays);
  const dayStart = (wall: number) => wall - (((wall % DAY_MS) + DAY_MS) % DAY_MS);
  // Where the clock starts: now if the office is open, else the next opening.
  let cursor = wallTimeOf(from, office.timeZone);
  let scanned = 0;
  for (; scanned <= MAX_DAYS_SCANNED; scanned += 1) {
    const window = windowOf(cursor, office, holidays);
    if (window && cursor < window[1]) {
      cursor = Math.max(cursor, window[0]);
      break;
    }
    cursor = dayStart(cursor) + DAY_MS;
  }
  const timeOfDay = cursor - dayStart(cursor);
  let day = dayStart(cursor);
  for (let counted = 0; counted < days; ) {
    day += DAY_MS;
    scanned += 1;
    if (scanned > MAX_DAYS_SCANNED) break;
    if (windowOf(day, office, holidays)) counted += 1;
  }
  const window = windowOf(day, office, holidays);
  if (!window || scanned > MAX_DAYS_SCANNED) {
    throw new Error('The office has no working hours within a year; check its working days and holidays');
  }
  const wall = Math.min(Math.max(day + timeOfDay, window[0]), window[1]);
  return instantOfWallTime(wall, office.timeZone);
}

/** When a call-back promised under `promise` from `from` falls due, in `office`'s hours. */
export function callbackDueFor(from: Date, promise: CallbackPromise, office: OfficeHours): Date {
  switch (promise.unit) {
    case 'working_hours':
      return callbackDueAt(from, promise.amount, office);
    case 'calendar_hours':
      return new Date(from.getTime() + Math.round(promise.amount * 60) * MINUTE_MS);
    case 'working_days':
      return workingDaysDueAt(from, promise.amount, office);
  }
}

/**
 * Filing deadlines of the asylum process and how close a due time is.
 *
 *  - Asylum application: within one year of arrival in the country. The clock
 *    starts at the earliest arrival we know of (of the household, or of the
 *    person when they arrived earlier).
 *  - Change of address: within 10 days of a move; the move is the arrival at
 *    the destination (the arrival of the family's last onward leg).
 *
 * A deadline that is a calendar date is stored as noon UTC of that date:
 * the date then reads the same in every time zone from UTC−11 to UTC+11, and
 * it counts as overdue a little early rather than late.
 */
import { addYears, differenceInCalendarDays, formatISO, parseISO } from 'date-fns';
import { DAY_MS } from './utcTime';

export const ASYLUM_FILING_YEARS = 1;
export const CHANGE_OF_ADDRESS_DAYS = 10;
export const DUE_SOON_DAYS = 14;

/** Noon UTC of an ISO calendar date, as stored in `dueAt`. */
export function dueAtOfDate(isoDate: string): string {
  return `${isoDate}T12:00:00.000Z`;
}

function plusYearsIsoDate(isoDate: string, years: number): string {
  // date-fns keeps the calendar date (29 February becomes 28 February).
  return formatISO(addYears(parseISO(isoDate), years), { representation: 'date' });
}

/** The last day to file for asylum, from every arrival date known (ISO dates); undefined if none. */
export function asylumApplicationDeadline(arrivalDates: readonly (string | undefined)[]): string | undefined {
  const known = arrivalDates.filter((d): d is string => Boolean(d)).sort();
  const earliest = known[0];
  return earliest === undefined ? undefined : plusYearsIsoDate(earliest, ASYLUM_FILING_YEARS);
}

/** When the change of address is due, from the arrival at the new address (a UTC instant). */
export function changeOfAddressDeadline(arrivedAt: string): string {
  return new Date(Date.parse(arrivedAt) + CHANGE_OF_ADDRESS_DAYS * DAY_MS).toISOString();
}

/** The arrival at the destination: the latest arrival (or departure, if no arrival time) of the legs still travelled. */
export function destinationArrival(
  legs: readonly { status: string; departureAt: string; arrivalAt?: string }[],
): string | undefined {
  const travelled = legs.filter((leg) => leg.status !== 'cancelled' && leg.status !== 'no_show');
  const times = travelled.map((leg) => leg.arrivalAt ?? leg.departureAt).sort();
  return times.at(-1);
}

export type DueState = 'overdue' | 'due_soon' | 'later';

/** Overdue once the due time has passed; due soon within 14 days. */
export function dueState(dueAt: string, now: Date, soonDays = DUE_SOON_DAYS): DueState {
  const remaining = Date.parse(dueAt) - now.getTime();
  if (remaining < 0) return 'overdue';
  return remaining <= soonDays * DAY_MS ? 'due_soon' : 'later';
}

/** Whole calendar days from `now` to the due time (negative when overdue), in the device's time zone. */
export function daysUntil(dueAt: string, now: Date): number {
  return differenceInCalendarDays(new Date(dueAt), now);
}

export interface SuggestedDeadline {
  kind: 'asylum_application' | 'change_of_address';
  dueAt: string;
}

/**
 * The filing deadlines a family's records imply, for the case worker to
 * confirm as milestones. `arrivalDates`: the household's and members' arrival dates.
 */
export function suggestedDeadlines(
  arrivalDates: readonly (string | undefined)[],
  legs: readonly { status: string; departureAt: string; arrivalAt?: string }[],
): SuggestedDeadline[] {
  const out: SuggestedDeadline[] = [];
  const asylum = asylumApplicationDeadline(arrivalDates);
  if (asylum) out.push({ kind: 'asylum_application', dueAt: dueAtOfDate(asylum) });
  const moved = destinationArrival(legs);
  if (moved) out.push({ kind: 'change_of_address', dueAt: changeOfAddressDeadline(moved) });
  return out;
}

/** Milestones for the due-soon view: overdue first, then soonest. */
export function byUrgency(a: { dueAt: string; id: string }, b: { dueAt: string; id: string }): number {
  return a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id);
}


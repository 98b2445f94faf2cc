/**
 * The period and site a report or dashboard covers, and the calendar helpers
 * its figures group by. A period is two calendar dates, both included.
 * Instants (a leg's departure, a call's start) count on their UTC calendar
 * day: every device then puts a record on the same day, whatever its clock's
 * time zone. Calendar dates (a family's arrival date) count as written.
 */
export interface ReportFilter {
  /** First day, YYYY-MM-DD. */
  from: string;
  /** Last day, YYYY-MM-DD (included). */
  to: string;
  /** One site, or every site the device holds when absent. */
  siteId?: string | undefined;
}

/** The calendar day of a date (YYYY-MM-DD) or an ISO instant (its UTC day). */
export function dayOf(dateOrInstant: string): string {
  if (dateOrInstant.length <= 10) return dateOrInstant;
  const ms = Date.parse(dateOrInstant);
  return Number.isNaN(ms) ? dateOrInstant.slice(0, 10) : new Date(ms).toISOString().slice(0, 10);
}

export function inPeriod(dateOrInstant: string, filter: Pick<ReportFilter, 'from' | 'to'>): boolean {
  const day = dayOf(dateOrInstant);
  return day >= filter.from && day <= filter.to;
}

export function atSite(record: { siteId: string }, filter: Pick<ReportFilter, 'siteId'>): boolean {
  return !filter.siteId || record.siteId === filter.siteId;
}

function utc(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** Every day of the period, so charts show the quiet days too (empty when from > to). */
export function daysOf(filter: Pick<ReportFilter, 'from' | 'to'>): string[] {
  const days: string[] = [];
  const end = utc(filter.to).getTime();
  for (let at = utc(filter.from).getTime(); at <= end && days.length < 3700; at += 86_400_000) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** The ISO 8601 week of a day, e.g. "2026-W09" (weeks start on Monday; week 1 holds the first Thursday). */
export function isoWeekOf(day: string): string {
  const date = utc(dayOf(day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(date.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = utc(`${year}-01-04`);
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = firstThursday.getTime() - firstWeekday * 86_400_000;
  const week = Math.floor((thursday.getTime() - week1Monday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** YYYY-MM of a day or instant. */
export function monthOf(dateOrInstant: string): string {
  return dayOf(dateOrInstant).slice(0, 7);
}

/** Every month the period touches, in order. */
export function monthsOf(filter: Pick<ReportFilter, 'from' | 'to'>): string[] {
  const months: string[] = [];
  let [year, month] = filter.from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = filter.to.slice(0, 7);
  for (let i = 0; i < 1200; i += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

/** The first and last day of a month given as YYYY-MM. */
export function monthPeriod(month: string): { from: string; to: string } {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** Counts by key, largest first (ties by key, so every device shows one order). */
export function rankCounts(counts: Map<string, number>, limit = Number.POSITIVE_INFINITY): { key: string; count: number }[] {
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, limit);
}

/** A share as a fraction 0–1, or undefined when there is nothing to divide by (shown as "—", not 0 %). */
export function share(part: number, whole: number): number | undefined {
  return whole === 0 ? undefined : part / whole;
}

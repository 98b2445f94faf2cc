/** Locale-aware formatting of dates and times for the interface language. */

// Dates are written by ui/dates.ts, the one formatter every screen uses.
export { formatDate } from '../ui/dates';

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "hace 2 horas", "منذ يوم واحد"…; under a minute reads as "now". */
export function formatRelativeTime(at: Date, now: Date, locale: string): string {
  const elapsed = at.getTime() - now.getTime();
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(elapsed) >= ms) return format.format(Math.round(elapsed / ms), unit);
  }
  return format.format(0, 'second');
}

/** Today's date on this device as YYYY-MM-DD (the volunteer's local calendar day). */
export function todayIsoDate(now: Date = new Date()): string {
  const year = now.getFullYear();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

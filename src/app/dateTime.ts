/** Conversions between stored UTC instants and what date/time inputs show, plus display formats. */

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2026-05-01T07:30" in the device's time zone, for <input type="datetime-local">. */
export function toLocalInput(utc: string | undefined): string {
  if (!utc) return '';
  const d = new Date(utc);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The stored UTC instant of a datetime-local value; undefined when empty or invalid. */
export function fromLocalInput(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A date (YYYY-MM-DD) at the start of that day in the device's time zone. */
export function startOfLocalDay(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

// Display formats live in ui/dates.ts, the one formatter every screen uses.
export { formatDateTime, formatLongDate, formatTime } from '../ui/dates';

/**
 * The one way the interface writes dates and times: Intl in the interface
 * language, the same styles on every screen ("6 Dec 2026, 23:33" or
 * "Dec 6, 2026, 11:33 PM" by language, never one of each side by side).
 * Where the place matters (a call-back due time, a departure) the caller
 * passes the site's time zone and the zone is written out.
 *
 * Calendar dates (YYYY-MM-DD: a birth, an arrival) are days, not instants:
 * they are formatted in UTC so no time zone moves them to another day.
 */

export interface ZoneOptions {
  /** IANA time zone to show the instant in (the site's); the device's when absent. */
  timeZone?: string | undefined;
  /** Write the zone after the time ("GMT+3 (Nairobi)"); default: only when a time zone is given. */
  showZone?: boolean;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function instant(value: string | Date): Date | undefined {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function zoned(options: Intl.DateTimeFormatOptions, zone: ZoneOptions): Intl.DateTimeFormatOptions {
  return zone.timeZone ? { ...options, timeZone: zone.timeZone } : options;
}

/** "Nairobi" for Africa/Nairobi, "New York" for America/New_York. */
export function zoneCity(timeZone: string): string {
  return timeZone.split('/').pop()?.replace(/_/g, ' ') ?? timeZone;
}

function withZone(text: string, date: Date, locale: string, zone: ZoneOptions): string {
  const show = zone.showZone ?? Boolean(zone.timeZone);
  if (!show) return text;
  const name = formatter(locale, zoned({ timeZoneName: 'short' }, zone))
    .formatToParts(date)
    .find((part) => part.type === 'timeZoneName')?.value;
  const city = zone.timeZone ? ` (${zoneCity(zone.timeZone)})` : '';
  return name ? `${text} ${name}${city}` : text;
}

/** A calendar date (YYYY-MM-DD) or an instant's day: "Dec 6, 2026" / "6 déc. 2026". */
export function formatDate(value: string | Date, locale: string, zone: ZoneOptions = {}): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = instant(`${value}T00:00:00Z`);
    return day ? formatter(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(day) : value;
  }
  const date = instant(value);
  return date ? formatter(locale, zoned({ dateStyle: 'medium' }, zone)).format(date) : String(value);
}

/** An instant with its day: "Dec 6, 2026, 11:33 PM". */
export function formatDateTime(value: string | Date, locale: string, zone: ZoneOptions = {}): string {
  const date = instant(value);
  if (!date) return String(value);
  return withZone(formatter(locale, zoned({ dateStyle: 'medium', timeStyle: 'short' }, zone)).format(date), date, locale, zone);
}

/** An instant's time of day: "2:00 PM" / "14:00". */
export function formatTime(value: string | Date, locale: string, zone: ZoneOptions = {}): string {
  const date = instant(value);
  if (!date) return String(value);
  return withZone(formatter(locale, zoned({ timeStyle: 'short' }, zone)).format(date), date, locale, zone);
}

/** A day written out in full: "Sunday, December 6, 2026". */
export function formatLongDate(value: string | Date, locale: string, zone: ZoneOptions = {}): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = instant(`${value}T00:00:00Z`);
    return day ? formatter(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(day) : value;
  }
  const date = instant(value);
  return date ? formatter(locale, zoned({ dateStyle: 'full' }, zone)).format(date) : String(value);
}

/** A weekday, a day and a time, for what is due soon: "Wed, Jun 4, 4:55 PM". */
export function formatDayAndTime(value: string | Date, locale: string, zone: ZoneOptions = {}): string {
  const date = instant(value);
  if (!date) return String(value);
  const text = formatter(
    locale,
    zoned({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: 'numeric', minute: '2-digit' }, zone),
  ).format(date);
  return withZone(text, date, locale, zone);
}

/** A month (YYYY-MM): "Nov 2026" (short, chart axes) or "November 2026" (long, titles). */
export function formatMonth(month: string, locale: string, style: 'short' | 'long' = 'short'): string {
  const date = instant(`${month}-01T00:00:00Z`);
  if (!/^\d{4}-\d{2}$/.test(month) || !date) return month;
  return formatter(locale, { month: style, year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A weekday's name (0 = Sunday … 6 = Saturday): "Monday". */
export function formatWeekday(day: number, locale: string): string {
  // 4 January 1970 was a Sunday.
  return formatter(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(1970, 0, 4 + day)));
}

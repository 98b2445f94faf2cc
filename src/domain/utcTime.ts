import { z } from 'zod';

/**
 * An instant in UTC with milliseconds, exactly as `Date.toISOString()` writes it
 * ("2026-03-01T14:30:00.000Z"). Used for times the device indexes and compares:
 * one fixed width and one zone, so text order is time order
 * ("10:00+02:00" and "09:00Z" would sort wrongly as text).
 */
export const utcDateTime = z.iso.datetime({ precision: 3 });

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant as stored (UTC with milliseconds). */
export function toUtc(at: Date): string {
  return at.toISOString();
}

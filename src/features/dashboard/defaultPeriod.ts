import { todayIsoDate } from '../../app/format';
import type { ReportFilter } from '../../domain/reports/period';

/** The last 30 days up to today, every site: what a dashboard opens on. */
export function defaultPeriod(now: Date = new Date()): ReportFilter {
  const from = new Date(now.getTime() - 29 * 86_400_000);
  return { from: todayIsoDate(from), to: todayIsoDate(now) };
}

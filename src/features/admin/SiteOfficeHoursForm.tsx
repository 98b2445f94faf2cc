import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Site } from '../../domain/accounts';
import { WEEKDAYS, officeHoursSchema, type OfficeHours, type Weekday } from '../../domain/callbackDue';
import { DEFAULT_OFFICE_HOURS } from '../../domain/officeHours';
import { Field } from '../../ui/Field';
import { FormMessage, failureMessage, successMessage } from '../../ui/FormMessage';
import { api } from '../../sync/apiClient';
import { useApiErrorText } from './useApiErrorText';
import { formatWeekday } from '../../ui/dates';

type DayRow = { open: boolean; start: string; end: string };

/** Monday first, as ISO counts; names in the interface language. */
function weekdayName(day: Weekday, locale: string): string {
  // ISO weekdays run 1 (Monday) to 7 (Sunday); the formatter counts from Sunday = 0.
  return formatWeekday(day % 7, locale);
}

function holidaysByYear(holidays: readonly string[]): Map<string, string> {
  const years = new Map<string, string[]>();
  for (const date of [...holidays].sort()) {
    const year = date.slice(0, 4);
    years.set(year, [...(years.get(year) ?? []), date]);
  }
  return new Map([...years].map(([year, dates]) => [year, dates.join('\n')]));
}

/**
 * A site's office hours, which call-back promises are counted in: its time
 * zone, each weekday's hours, and its holidays, edited one year at a time
 * (one date a line). "Use the default" goes back to the built-in hours.
 */
export function SiteOfficeHoursForm({ site, onDone }: { site: Site; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useApiErrorText();
  const initial: OfficeHours = site.officeHours ?? DEFAULT_OFFICE_HOURS;
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [days, setDays] = useState<Record<Weekday, DayRow>>(
    () =>
      Object.fromEntries(
        WEEKDAYS.map((day) => {
          const hours = initial.days[String(day) as `${Weekday}`];
          return [day, { open: hours !== undefined, start: hours?.start ?? '08:00', end: hours?.end ?? '17:00' }];
        }),
      ) as Record<Weekday, DayRow>,
  );
  const [holidayText, setHolidayText] = useState(() => holidaysByYear(initial.holidays));
  const thisYear = String(new Date().getFullYear());
  const [year, setYear] = useState(thisYear);
  const years = [...new Set([...holidayText.keys(), String(Number(thisYear) - 1), thisYear, String(Number(thisYear) + 1)])].sort();
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState(false);
  const prefix = `site-${site.id}-hours`;

  const save = async (officeHours: OfficeHours | null) => {
    setSaved(false);
    try {
      await api.admin.updateSite(site.id, { officeHours });
      setProblem(undefined);
      setSaved(true);
      onDone();
    } catch (error) {
      setProblem(errorText(error));
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const holidays = [...holidayText.values()].flatMap((text) =>
      text
        .split(/[\s,]+/)
        .map((line) => line.trim())
        .filter(Boolean),
    );
    const parsed = officeHoursSchema.safeParse({
      timeZone: timeZone.trim(),
      days: Object.fromEntries(
        WEEKDAYS.filter((day) => days[day].open).map((day) => [String(day), { start: days[day].start, end: days[day].end }]),
      ),
      holidays,
    });
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')));
      setProblem(
        [
          fields.has('timeZone') ? t('admin.hours.invalidZone') : '',
          fields.has('days') ? t('admin.hours.invalidDay') : '',
          fields.has('holidays') ? t('admin.hours.invalidHoliday') : '',
        ]
          .filter(Boolean)
          .join(' '),
      );
      return;
    }
    void save(parsed.data);
  };

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="office-hours"
      aria-label={t('admin.hours.title', { site: site.name })}
    >
      <h4>{t('admin.hours.title', { site: site.name })}</h4>
      <p className="field__hint">
        {site.officeHours ? t('admin.hours.own') : t('admin.hours.default')}
      </p>
      <Field id={`${prefix}-zone`} label={t('admin.hours.timeZone')} hint={t('admin.hours.timeZoneHint')}>
        {(a11y) => <input {...a11y} value={timeZone} onChange={(e) => setTimeZone(e.target.value)} />}
      </Field>
      <fieldset className="subsection">
        <legend>{t('admin.hours.days')}</legend>
        {WEEKDAYS.map((day) => {
          const row = days[day];
          const name = weekdayName(day, i18n.language);
          const set = (patch: Partial<DayRow>) => setDays((all) => ({ ...all, [day]: { ...all[day], ...patch } }));
          return (
            <div key={day} className="office-hours__day">
              <label className="checkbox">
                <input type="checkbox" checked={row.open} onChange={(e) => set({ open: e.target.checked })} />
                {name}
              </label>
              <input
                type="time"
                aria-label={t('admin.hours.opens', { day: name })}
                value={row.start}
                disabled={!row.open}
                onChange={(e) => set({ start: e.target.value })}
              />
              <input
                type="time"
                aria-label={t('admin.hours.closes', { day: name })}
                value={row.end}
                disabled={!row.open}
                onChange={(e) => set({ end: e.target.value })}
              />
            </div>
          );
        })}
      </fieldset>
      <div className="field-grid">
        <Field id={`${prefix}-year`} label={t('admin.hours.year')}>
          {(a11y) => (
            <select {...a11y} value={year} onChange={(e) => setYear(e.target.value)}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${prefix}-holidays`} label={t('admin.hours.holidays', { year })} hint={t('admin.hours.holidaysHint')}>
          {(a11y) => (
            <textarea
              {...a11y}
              rows={5}
              value={holidayText.get(year) ?? ''}
              onChange={(e) => setHolidayText((all) => new Map(all).set(year, e.target.value))}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('admin.hours.save')}
        </button>
        {site.officeHours ? (
          <button type="button" className="button button--quiet" onClick={() => void save(null)}>
            {t('admin.hours.useDefault')}
          </button>
        ) : null}
      </div>
      <FormMessage message={failureMessage(problem)} />
      <FormMessage message={successMessage(saved ? t('admin.saved') : undefined)} />
    </form>
  );
}

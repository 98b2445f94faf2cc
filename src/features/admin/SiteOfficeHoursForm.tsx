import { useEffect, useState } from 'react';
import { get, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { Site } from '../../domain/accounts';
import { WEEKDAYS, officeHoursSchema, type OfficeHours, type Weekday } from '../../domain/callbackDue';
import { DEFAULT_OFFICE_HOURS } from '../../domain/officeHours';
import { CheckboxField } from '../../ui/CheckboxField';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { InputField, SelectField, TextAreaField } from '../../ui/InputField';
import { api } from '../../sync/apiClient';
import { formatWeekday } from '../../ui/dates';
import { useAdminForm } from './useAdminForm';
import { useApiErrorText } from './useApiErrorText';

/**
 * The form as typed: the zone, the seven days Monday first (ISO order), and
 * each year's holidays as text, one date a line.
 */
const hoursDraftSchema = z.object({
  timeZone: z.string(),
  days: z.array(z.object({ open: z.boolean(), start: z.string(), end: z.string() })),
  holidays: z.array(z.object({ year: z.string(), text: z.string() })),
});
type HoursDraft = z.infer<typeof hoursDraftSchema>;

/** Every year's dates, in the order of the years: the server's list, whose positions its errors name. */
function holidayDates(holidays: HoursDraft['holidays']): { year: string; date: string }[] {
  return holidays.flatMap(({ year, text }) =>
    text
      .split(/[\s,]+/)
      .map((line) => line.trim())
      .filter(Boolean)
      .map((date) => ({ year, date })),
  );
}

/** The draft read as the office hours the server stores, and checked by the schema it applies. */
const hoursFormSchema = hoursDraftSchema
  .transform((draft) => ({
    timeZone: draft.timeZone.trim(),
    days: Object.fromEntries(
      WEEKDAYS.flatMap((day, index) => {
        const row = draft.days[index];
        return row?.open ? [[String(day), { start: row.start, end: row.end }]] : [];
      }),
    ),
    holidays: holidayDates(draft.holidays).map(({ date }) => date),
  }))
  .pipe(officeHoursSchema);

function draftOf(hours: OfficeHours, years: string[]): HoursDraft {
  const sorted = [...hours.holidays].sort();
  return {
    timeZone: hours.timeZone,
    days: WEEKDAYS.map((day) => {
      const window = hours.days[String(day) as `${Weekday}`];
      return { open: window !== undefined, start: window?.start ?? '08:00', end: window?.end ?? '17:00' };
    }),
    holidays: years.map((year) => ({
      year,
      text: sorted.filter((date) => date.startsWith(`${year}-`)).join('\n'),
    })),
  };
}

/** The years the holidays can be edited for: those with holidays, and last, this and next year. */
function yearsOf(hours: OfficeHours, thisYear: number): string[] {
  const years = new Set([thisYear - 1, thisYear, thisYear + 1].map(String));
  for (const date of hours.holidays) years.add(date.slice(0, 4));
  return [...years].sort();
}

/** Monday first, as ISO counts; names in the interface language. */
function weekdayName(day: Weekday, locale: string): string {
  // ISO weekdays run 1 (Monday) to 7 (Sunday); the formatter counts from Sunday = 0.
  return formatWeekday(day % 7, locale);
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
  const [years] = useState(() => yearsOf(initial, new Date().getFullYear()));
  const [yearIndex, setYearIndex] = useState(() =>
    Math.max(0, years.indexOf(String(new Date().getFullYear()))),
  );
  /** Set when a wrong date was found in a year not shown: its box takes the focus once shown. */
  const [focusHolidays, setFocusHolidays] = useState(false);
  const {
    register,
    control,
    getValues,
    setFocus,
    formState: { errors },
    invalid,
    message,
    setMessage,
    submitWith,
  } = useAdminForm(hoursFormSchema, draftOf(initial, years));
  const openDays = useWatch({ control, name: 'days' });
  const prefix = `site-${site.id}-hours`;
  const year = years[yearIndex] ?? '';

  /** The server's errors name days by weekday and holidays by their place in its list. */
  const dayInvalid = (day: Weekday) => Boolean(get(errors, `days.${day}`));
  const saved = async () => {
    onDone();
    return t('admin.saved');
  };

  const onSubmit = submitWith(
    async (officeHours) => {
      await api.admin.updateSite(site.id, { officeHours });
      return saved();
    },
    (wrong) => {
      setMessage(undefined);
      // A wrong time zone takes the focus by itself (its box is named as the server names it); else the first
      // wrong day's closing time, or the box of the year holding the first wrong date.
      if (wrong.timeZone) return;
      const day = WEEKDAYS.findIndex((weekday) => get(wrong, `days.${weekday}`));
      if (day >= 0) return setFocus(`days.${day}.end`);
      // Too many dates is an error on the whole list, not on one date: then the box shown takes the focus.
      const dates: unknown = get(wrong, 'holidays');
      if (!dates) return;
      const first = Array.isArray(dates) ? dates.findIndex(Boolean) : -1;
      const wrongYear = holidayDates(getValues('holidays'))[first]?.year ?? year;
      setYearIndex(years.indexOf(wrongYear));
      setFocusHolidays(true);
    },
  );

  useEffect(() => {
    if (!focusHolidays) return;
    setFocus(`holidays.${yearIndex}.text`);
    setFocusHolidays(false);
  }, [focusHolidays, yearIndex, setFocus]);

  const restoreDefault = async () => {
    try {
      await api.admin.updateSite(site.id, { officeHours: null });
      setMessage({ ok: true, text: await saved() });
    } catch (error) {
      setMessage({ ok: false, text: errorText(error) });
    }
  };

  const problems = {
    timeZone: invalid.has('timeZone') ? t('admin.hours.invalidZone') : undefined,
    days: invalid.has('days') ? t('admin.hours.invalidDay') : undefined,
    holidays: invalid.has('holidays') ? t('admin.hours.invalidHoliday') : undefined,
  };
  // The summary repeats each field's problem where the alert is read out, as before the fields were marked.
  const summary = [problems.timeZone, problems.days, problems.holidays].filter(Boolean).join(' ');

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="office-hours"
      aria-label={t('admin.hours.title', { site: site.name })}
    >
      <h4>{t('admin.hours.title', { site: site.name })}</h4>
      <p className="field__hint">{site.officeHours ? t('admin.hours.own') : t('admin.hours.default')}</p>
      <InputField
        id={`${prefix}-zone`}
        label={t('admin.hours.timeZone')}
        hint={t('admin.hours.timeZoneHint')}
        error={problems.timeZone}
        {...register('timeZone')}
      />
      <fieldset className="subsection">
        <legend>{t('admin.hours.days')}</legend>
        {WEEKDAYS.map((day, index) => {
          const name = weekdayName(day, i18n.language);
          const closed = !openDays[index]?.open;
          const wrong = dayInvalid(day) ? t('admin.hours.invalidDay') : undefined;
          return (
            <div key={day} className="office-hours__day">
              <CheckboxField id={`${prefix}-${day}-open`} label={name} {...register(`days.${index}.open`)} />
              <InputField
                id={`${prefix}-${day}-start`}
                label={t('admin.hours.opens', { day: name })}
                hideLabel
                type="time"
                disabled={closed}
                {...register(`days.${index}.start`)}
              />
              <InputField
                id={`${prefix}-${day}-end`}
                label={t('admin.hours.closes', { day: name })}
                hideLabel
                error={wrong}
                type="time"
                disabled={closed}
                {...register(`days.${index}.end`)}
              />
            </div>
          );
        })}
      </fieldset>
      <div className="field-grid">
        <SelectField
          id={`${prefix}-year`}
          label={t('admin.hours.year')}
          value={year}
          onChange={(event) => setYearIndex(years.indexOf(event.target.value))}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </SelectField>
        {years.map((y, index) =>
          index === yearIndex ? (
            <TextAreaField
              key={y}
              id={`${prefix}-holidays`}
              label={t('admin.hours.holidays', { year })}
              hint={t('admin.hours.holidaysHint')}
              error={problems.holidays}
              rows={5}
              {...register(`holidays.${index}.text`)}
            />
          ) : null,
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          {t('admin.hours.save')}
        </button>
        {site.officeHours ? (
          <button type="button" className="button button--quiet" onClick={() => void restoreDefault()}>
            {t('admin.hours.useDefault')}
          </button>
        ) : null}
      </div>
      <FormMessage message={failureMessage(summary) ?? message} />
    </form>
  );
}

import { useId, useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { languageName } from '../../domain/languages';
import { useHelpline } from './HelplineProvider';
import { isInterfaceLanguage } from '../../app/i18n';
import { callbackPromiseText } from './callbackPromise';
import { formatDayAndTime } from '../../ui/dates';
import { officeHoursOf, type HelplineUnit } from './config';
import { OUTCOME_CHOICES, useCallFieldError, type CallFormValues } from './callForm';
import { SelectField } from '../../ui/InputField';

/** Resolved on the call, escalated to a unit's focal point, or a voicemail to call back — with the promise to say. */
export function OutcomeFieldset({ dueAt }: { dueAt: Date | undefined }) {
  const { t, i18n } = useTranslation();
  const { units, focalPoints, config, promiseTemplates } = useHelpline();
  const id = useId();
  const { register, control, setValue } = useFormContext<CallFormValues>();
  const [kind, unitId, callerLanguage] = useWatch({ control, name: ['outcome', 'unitId', 'callerLanguage'] });
  const errorOf = useCallFieldError();
  const officers = focalPoints.filter((person) => !unitId || person.unitId === unitId);
  // The promise is said in the caller's language: load its translations (only the interface
  // language is loaded at start-up); the promise shows once they are in.
  const callerTranslations = useTranslation(undefined, {
    lng: isInterfaceLanguage(callerLanguage) ? callerLanguage : 'en',
    useSuspense: false,
  });
  // Due times are counted and shown in the office hours of the unit's site, the promise in its sentences.
  const unit = kind === 'escalated' ? units.find((u) => u.id === unitId) : undefined;
  const timeZone = officeHoursOf(unit, config).timeZone;
  const templates = unit?.promiseTemplates ?? promiseTemplates;
  const promise = useMemo(
    () =>
      dueAt && callerTranslations.ready
        ? callbackPromiseText(dueAt, callerLanguage, timeZone, templates)
        : undefined,
    [dueAt, callerLanguage, timeZone, templates, callerTranslations.ready],
  );
  const unitLabel = (unit: HelplineUnit) => {
    const basis = unit.callbackBasis ?? 'working_hours';
    if (basis === 'working_days')
      return t('helpline.unitOptionDays', { name: unit.name, count: unit.callbackHours });
    if (basis === 'calendar_hours')
      return t('helpline.unitOptionCalendar', { name: unit.name, count: unit.callbackHours });
    return t('helpline.unitOption', { name: unit.name, hours: unit.callbackHours });
  };
  return (
    <fieldset className="form-section">
      <legend>{t('helpline.outcome')}</legend>
      <div className="checkbox-grid" role="radiogroup" aria-label={t('helpline.outcome')}>
        {OUTCOME_CHOICES.map((choice) => (
          <label key={choice} className="checkbox">
            <input type="radio" value={choice} {...register('outcome')} />
            {t(`helpline.outcomeKind.${choice}`)}
          </label>
        ))}
      </div>
      {kind === 'escalated' ? (
        <div className="field-grid">
          <SelectField
            id={`${id}-unit`}
            label={t('helpline.unit')}
            error={errorOf('unitId')}
            {...register('unitId', { onChange: () => setValue('focalPointId', '') })}
          >
            <option value="">{t('form.choose')}</option>
            {units.map((unit) => (
              <option key={unit.id} value={unit.id}>
                {unitLabel(unit)}
              </option>
            ))}
          </SelectField>
          <SelectField id={`${id}-focal`} label={t('helpline.focalPoint')} {...register('focalPointId')}>
            <option value="">{t('helpline.wholeUnit')}</option>
            {officers.map((person) => (
              <option key={person.id} value={person.id}>
                {person.displayName}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      {promise ? (
        <div className="callback-promise" role="status">
          <p className="field__label">{t('helpline.tellCaller')}</p>
          <p lang={promise.language} dir="auto" className="callback-promise__text">
            {promise.text}
          </p>
          {dueAt ? (
            <p className="callback-promise__due">
              {t('helpline.dueAt', { when: formatDayAndTime(dueAt, i18n.language, { timeZone }) })}
            </p>
          ) : null}
          {promise.source === 'untranslated' ? (
            <p className="form-message" role="note">
              {t('helpline.noPromiseTranslation', { language: languageName(callerLanguage, i18n.language) })}
            </p>
          ) : null}
        </div>
      ) : null}
    </fieldset>
  );
}

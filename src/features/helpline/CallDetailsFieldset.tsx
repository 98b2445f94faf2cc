import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CALL_CATEGORIES,
  HELPLINE_LANGUAGE_CODES,
  SUMMARY_MAX_LENGTH,
  callerLanguageCodes,
  parseCallerPhone,
  type CallCategory,
} from '../../domain/calls';
import { languageName } from '../../domain/languages';
import { Field } from '../../ui/Field';
import { useHelpline } from './HelplineProvider';

export interface CallDetails {
  phone: string;
  callerLanguage: string;
  category: CallCategory | '';
  summary: string;
}

export type CallDetailsErrors = Partial<Record<keyof CallDetails, string>>;

/** Who called (number, language) and what about (category, one actionable sentence). */
export function CallDetailsFieldset({
  value,
  errors,
  onChange,
}: {
  value: CallDetails;
  errors: CallDetailsErrors;
  onChange: (patch: Partial<CallDetails>) => void;
}) {
  const { t, i18n } = useTranslation();
  const { config } = useHelpline();
  const id = useId();
  const locale = i18n.language;
  const languages = useMemo(() => {
    const codes = callerLanguageCodes();
    const first = codes
      .slice(0, HELPLINE_LANGUAGE_CODES.length)
      .map((code) => ({ code, name: languageName(code, locale) }));
    const collator = new Intl.Collator(locale);
    const rest = codes
      .slice(HELPLINE_LANGUAGE_CODES.length)
      .map((code) => ({ code, name: languageName(code, locale) }))
      .sort((a, b) => collator.compare(a.name, b.name));
    return { first, rest };
  }, [locale]);
  const phone = value.phone.trim() ? parseCallerPhone(value.phone, config.defaultRegion) : undefined;

  return (
    <fieldset className="form-section">
      <legend>{t('helpline.caller')}</legend>
      <div className="field-grid">
        <Field
          id={`${id}-phone`}
          label={t('helpline.callerPhone')}
          hint={
            phone?.ok ? t('helpline.phonePreview', { number: phone.international }) : t('helpline.phoneHint')
          }
          error={errors.phone}
        >
          {(control) => (
            <input
              {...control}
              type="tel"
              dir="ltr"
              autoComplete="off"
              value={value.phone}
              onChange={(e) => onChange({ phone: e.target.value })}
            />
          )}
        </Field>
        <Field id={`${id}-language`} label={t('helpline.callerLanguage')} error={errors.callerLanguage}>
          {(control) => (
            <select
              {...control}
              value={value.callerLanguage}
              onChange={(e) => onChange({ callerLanguage: e.target.value })}
            >
              <option value="">{t('form.choose')}</option>
              <optgroup label={t('helpline.helplineLanguages')}>
                {languages.first.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.name}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t('form.allLanguages')}>
                {languages.rest.map((option) => (
                  <option key={option.code} value={option.code}>
                    {option.name}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
        <Field id={`${id}-category`} label={t('helpline.category')} error={errors.category}>
          {(control) => (
            <select
              {...control}
              value={value.category}
              onChange={(e) => onChange({ category: e.target.value as CallCategory | '' })}
            >
              <option value="">{t('form.choose')}</option>
              {CALL_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {t(`helpline.categories.${category}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field
        id={`${id}-summary`}
        className="field--wide"
        label={t('helpline.summary')}
        hint={t('helpline.summaryHint')}
        error={errors.summary}
        counter={{ length: value.summary.length, max: SUMMARY_MAX_LENGTH }}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={value.summary}
            onChange={(e) => onChange({ summary: e.target.value })}
          />
        )}
      </Field>
    </fieldset>
  );
}

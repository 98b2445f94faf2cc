import { useId, useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import {
  CALL_CATEGORIES,
  HELPLINE_LANGUAGE_CODES,
  SUMMARY_MAX_LENGTH,
  callerLanguageCodes,
} from '../../domain/calls';
import { languageName } from '../../domain/languages';
import { InputField, SelectField, TextAreaField } from '../../ui/InputField';
import { callerPhoneOf, useCallFieldError, type CallFormValues } from './callForm';
import { useHelpline } from './HelplineProvider';

/** Who called (number, language) and what about (category, one actionable sentence). */
export function CallDetailsFieldset() {
  const { t, i18n } = useTranslation();
  const { config } = useHelpline();
  const id = useId();
  const { register, control } = useFormContext<CallFormValues>();
  const [typedPhone, summary] = useWatch({ control, name: ['phone', 'summary'] });
  const errorOf = useCallFieldError();
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
  const phone = callerPhoneOf(typedPhone, config.defaultRegion);

  return (
    <fieldset className="form-section">
      <legend>{t('helpline.caller')}</legend>
      <div className="field-grid">
        <InputField
          id={`${id}-phone`}
          label={t('helpline.callerPhone')}
          hint={
            phone?.ok ? t('helpline.phonePreview', { number: phone.international }) : t('helpline.phoneHint')
          }
          error={errorOf('phone')}
          type="tel"
          dir="ltr"
          autoComplete="off"
          {...register('phone')}
        />
        <SelectField
          id={`${id}-language`}
          label={t('helpline.callerLanguage')}
          error={errorOf('callerLanguage')}
          {...register('callerLanguage')}
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
        </SelectField>
        <SelectField
          id={`${id}-category`}
          label={t('helpline.category')}
          error={errorOf('category')}
          {...register('category')}
        >
          <option value="">{t('form.choose')}</option>
          {CALL_CATEGORIES.map((category) => (
            <option key={category} value={category}>
              {t(`helpline.categories.${category}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id={`${id}-summary`}
        className="field--wide"
        label={t('helpline.summary')}
        hint={t('helpline.summaryHint')}
        error={errorOf('summary')}
        counter={{ length: summary.length, max: SUMMARY_MAX_LENGTH }}
        rows={3}
        {...register('summary')}
      />
    </fieldset>
  );
}

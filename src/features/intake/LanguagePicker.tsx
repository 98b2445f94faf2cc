import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName, languageOptions } from '../../domain/languages';

/** The schema allows at most this many languages per person. */
const MAX_LANGUAGES = 10;

interface LanguagePickerProps {
  id: string;
  value: string[];
  onChange: (languages: string[]) => void;
  error?: string | undefined;
}

/** The options of a group that are not chosen yet. */
function optionsNotIn(options: readonly { code: string; name: string }[], chosen: ReadonlySet<string>) {
  return options
    .filter((option) => !chosen.has(option.code))
    .map((option) => (
      <option key={option.code} value={option.code}>
        {option.name}
      </option>
    ));
}

/**
 * Languages a person speaks: chosen ones shown as removable chips, new ones
 * added from a list with the center's common languages first. A plain select
 * works with touch, keyboard and screen readers alike, unlike a multi-select.
 */
export function LanguagePicker({ id, value, onChange, error }: LanguagePickerProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { common, all } = useMemo(() => languageOptions(locale), [locale]);
  const chosen = new Set(value);
  const labelId = `${id}-label`;
  const addId = `${id}-add`;
  const errorId = `${id}-error`;

  return (
    <div role="group" aria-labelledby={labelId} className={error ? 'field field--invalid' : 'field'}>
      <span className="field__label" id={labelId}>
        {t('member.languages')}
      </span>
      {value.length > 0 ? (
        <ul className="chips">
          {value.map((code) => {
            const name = languageName(code, locale);
            return (
              <li key={code} className="chip">
                <span lang={code.split('-')[0]}>{name}</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('member.removeLanguage', { language: name })}
                  onClick={() => onChange(value.filter((c) => c !== code))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="field__hint">{t('member.noLanguages')}</p>
      )}
      <label className="field__sublabel" htmlFor={addId}>
        {t('member.addLanguage')}
      </label>
      <select
        id={addId}
        value=""
        disabled={value.length >= MAX_LANGUAGES}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(event) => {
          const code = event.target.value;
          if (code && !chosen.has(code)) onChange([...value, code]);
        }}
      >
        <option value="">{t('form.choose')}</option>
        <optgroup label={t('form.commonChoices')}>{optionsNotIn(common, chosen)}</optgroup>
        <optgroup label={t('form.allLanguages')}>{optionsNotIn(all, chosen)}</optgroup>
      </select>
      {error ? (
        <p className="field__error" id={errorId}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

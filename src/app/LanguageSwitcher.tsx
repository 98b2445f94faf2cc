import { useTranslation } from 'react-i18next';
import { changeLanguage, isInterfaceLanguage, LANGUAGE_AUTONYMS, SUPPORTED_LANGUAGES } from './i18n';

/** Interface language picker; each language is written in itself. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isInterfaceLanguage(i18n.language) ? i18n.language : 'en';
  return (
    <div className="language-switcher">
      <label htmlFor="interface-language">{t('language.label')}</label>
      <select
        id="interface-language"
        value={current}
        onChange={(event) => {
          const next = event.target.value;
          if (isInterfaceLanguage(next)) void changeLanguage(next);
        }}
      >
        {SUPPORTED_LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_AUTONYMS[language]}
          </option>
        ))}
      </select>
    </div>
  );
}

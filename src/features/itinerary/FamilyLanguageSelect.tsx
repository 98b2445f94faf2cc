import { useTranslation } from 'react-i18next';
import { LANGUAGE_AUTONYMS, SUPPORTED_LANGUAGES, type InterfaceLanguage } from '../../app/i18n';

/** The language a family's paper (itinerary, card) is printed in, each language named in itself. */
export function FamilyLanguageSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: InterfaceLanguage;
  onChange: (language: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <label htmlFor={id}>{t('itinerary.familyLanguage')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {SUPPORTED_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_AUTONYMS[code]}
          </option>
        ))}
      </select>
    </>
  );
}

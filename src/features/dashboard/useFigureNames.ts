import { useTranslation } from 'react-i18next';
import { knownKey } from '../../app/translationKeys';
import { countryName } from '../../domain/countries';
import { languageName } from '../../domain/languages';
import { UNKNOWN } from '../../domain/reports/welcomeCenter';
import { useDirectory } from '../../sync/useDirectory';

/** Names for the keys figures are grouped by: countries, languages, units, milestone kinds. */
export function useFigureNames() {
  const { t, i18n } = useTranslation();
  const directory = useDirectory();
  const locale = i18n.language;
  const unknown = t('dashboard.unknown');
  return {
    directory,
    country: (code: string) => (code === UNKNOWN ? unknown : countryName(code, locale)),
    language: (code: string) => languageName(code, locale),
    unit: (id: string) => (id === '' ? t('dashboard.voicemail') : (directory.units.get(id) ?? id)),
    destination: (key: string) => (key === UNKNOWN ? unknown : key),
    milestoneKind: (kind: string) => {
      const key = knownKey(`dashboard.milestoneKinds.${kind}`);
      return key ? t(key) : kind;
    },
  };
}

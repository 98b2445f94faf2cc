import { useMemo, type ComponentPropsWithRef } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../../domain/countries';

interface CountrySelectProps extends ComponentPropsWithRef<'select'> {
  /** Text of the empty choice, e.g. "Not known". */
  emptyLabel: string;
}

/** A country picker named in the interface language, the center's common countries first. */
export function CountrySelect({ emptyLabel, ...select }: CountrySelectProps) {
  const { t, i18n } = useTranslation();
  const { common, all } = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  return (
    <select {...select}>
      <option value="">{emptyLabel}</option>
      <optgroup label={t('form.commonChoices')}>
        {common.map((country) => (
          <option key={`common-${country.code}`} value={country.code}>
            {country.name}
          </option>
        ))}
      </optgroup>
      <optgroup label={t('form.allCountries')}>
        {all.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </optgroup>
    </select>
  );
}

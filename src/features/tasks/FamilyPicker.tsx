import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useHouseholdSearch } from '../intake';

export interface ChosenFamily {
  id: string;
  familyName: string;
}

const SHOWN_RESULTS = 5;

/** Chooses the family a task is about, searching the households on this device by name. */
export function FamilyPicker({ value, onChange }: { value: ChosenFamily | undefined; onChange: (family: ChosenFamily | undefined) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const { results } = useHouseholdSearch(query);

  if (value) {
    return (
      <div className="field">
        <span className="field__label" id={`${id}-label`}>
          {t('tasks.family')}
        </span>
        <p className="family-picker__chosen" aria-labelledby={`${id}-label`}>
          <strong>{value.familyName}</strong>{' '}
          <button type="button" className="button button--quiet" onClick={() => onChange(undefined)}>
            {t('tasks.changeFamily')}
          </button>
        </p>
      </div>
    );
  }
  return (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-search`}>
        {t('tasks.family')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('tasks.familyHint')}
      </p>
      <input
        id={`${id}-search`}
        type="search"
        aria-describedby={`${id}-hint`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {query.trim() ? (
        <ul className="family-picker__results">
          {results.slice(0, SHOWN_RESULTS).map((household) => (
            <li key={household.id}>
              <button
                type="button"
                className="button button--quiet"
                onClick={() => {
                  onChange({ id: household.id, familyName: household.familyName });
                  setQuery('');
                }}
              >
                {household.memberCount === undefined
                  ? household.familyName
                  : t('tasks.familyOption', { name: household.familyName, count: household.memberCount })}
              </button>
            </li>
          ))}
          {results.length === 0 ? <li>{t('tasks.noFamilyFound')}</li> : null}
        </ul>
      ) : null}
    </div>
  );
}

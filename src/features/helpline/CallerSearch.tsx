import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallerMatch } from './queries';
import { useCallerSearch } from './useCallerSearch';

/** Find the family the call is about, by name, phone or identifier. Shows names only: details wait for verification. */
export function CallerSearch({ onLink }: { onLink: (match: CallerMatch) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const { matches, searching } = useCallerSearch(query);
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t('helpline.findFamily')}
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        {t('helpline.findFamilyHint')}
      </p>
      <input
        id={id}
        type="search"
        aria-describedby={`${id}-hint`}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        // Enter searches (it already does as you type); it must not save the call around it.
        onKeyDown={(e) => {
          if (e.key === 'Enter') e.preventDefault();
        }}
      />
      {query.trim().length >= 2 && !searching && matches.length === 0 ? <p>{t('helpline.noMatch')}</p> : null}
      {matches.length > 0 ? (
        <ul className="plain-list" aria-label={t('helpline.matches')}>
          {matches.map((match) => (
            <li key={`${match.householdId}/${match.personId ?? ''}`}>
              <button type="button" className="button button--quiet" onClick={() => onLink(match)}>
                {t('helpline.linkTo', { name: match.familyName })}
              </button>{' '}
              <span className="field__hint">{t(`helpline.matchedBy.${match.matchedBy}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/dates';
import type { CallerMatch, CallerMatchFacts } from './queries';
import { useCallerSearch } from './useCallerSearch';

/**
 * Find the family the call is about, by name, phone or identifier. Each
 * result says what tells it from others of the same name (size, arrival,
 * the phone's last digits, and the site where families come from several);
 * the details themselves wait for verification.
 */
export function CallerSearch({ onLink }: { onLink: (match: CallerMatch) => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const { matches, searching } = useCallerSearch(query);
  const severalSites = new Set(matches.map((match) => match.siteId)).size > 1;
  const facts = (match: CallerMatchFacts) =>
    [
      t('list.members', { count: match.memberCount }),
      match.arrivalDate ? t('list.arrived', { date: formatDate(match.arrivalDate, i18n.language) }) : undefined,
      match.phoneEnding ? t('helpline.phoneEnding', { digits: match.phoneEnding }) : undefined,
      severalSites ? t('helpline.atSite', { site: match.siteId }) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
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
              <button type="button" className="button button--quiet caller-match" onClick={() => onLink(match)}>
                {t('helpline.linkTo', { name: match.familyName })}{' '}
                <span className="caller-match__facts">({facts(match)})</span>
              </button>{' '}
              <span className="field__hint">{t(`helpline.matchedBy.${match.matchedBy}`)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { PendingMark } from '../../ui/PendingMark';
import { formatDate } from '../../ui/dates';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useHouseholdSearch } from './useHouseholdSearch';
import { useMayUse } from '../auth/access';

/** Families on this device, searchable by name; the search is kept in the address for "back". */
export function HouseholdListPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('list.title'));
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const { results, loading } = useHouseholdSearch(query);
  const mayRegister = useMayUse('register');

  return (
    <>
      <div className="page-heading">
        <h1>{t('list.title')}</h1>
        {mayRegister ? (
          <Link to="/households/new" className="button button--primary">
            {t('list.register')}
          </Link>
        ) : null}
        <Link to="/scan" className="button">
          {t('card.scanTitle')}
        </Link>
      </div>
      <div role="search" className="search-box">
        <Field id="household-search" label={t('list.searchLabel')} hint={t('list.searchHint')}>
          {(a11y) => (
            <input
              {...a11y}
              type="search"
              autoComplete="off"
              value={query}
              onChange={(event) =>
                setParams(event.target.value ? { q: event.target.value } : {}, { replace: true })
              }
            />
          )}
        </Field>
      </div>
      <section aria-label={t('list.resultsLabel')} aria-busy={loading}>
        {loading && results.length === 0 ? (
          <p role="status">{t('list.loading')}</p>
        ) : results.length === 0 ? (
          <p role="status">{query.trim() ? t('list.noMatches', { query }) : t('list.empty')}</p>
        ) : (
          <ul className="household-list">
            {results.map((household) => (
              <li key={household.id}>
                <Link to={`/households/${household.id}`} className="household-card">
                  <span className="household-card__name">{household.familyName}</span>
                  <span className="household-card__meta">
                    {household.memberCount !== undefined ? (
                      <span>{t('list.members', { count: household.memberCount })}</span>
                    ) : null}
                    {household.arrivalDate ? (
                      <span>{t('list.arrived', { date: formatDate(household.arrivalDate, i18n.language) })}</span>
                    ) : null}
                    {household.arrivalMode ? <span>{t(`arrivalMode.${household.arrivalMode}`)}</span> : null}
                    {household.contactPhone ? <span dir="ltr">{household.contactPhone}</span> : null}
                  </span>
                  {household.pending ? (
                    <PendingMark label={t('pending.mark')} description={t('pending.description')} />
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import { DataTable, tablePage, type DataColumn } from '../../ui/DataTable';
import { SEARCH_LIMIT, type HouseholdSummary } from './queries';
import { useTranslation } from 'react-i18next';
import { SearchField } from '../../ui/InputField';
import { PendingMark } from '../../ui/PendingMark';
import { formatDate } from '../../ui/dates';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useHouseholdSearch } from './useHouseholdSearch';
import { useMayUse } from '../auth';

/**
 * Families on this device, searchable by name. With nothing typed, every
 * family in name order, one page at a time read from the index (100 000 stay
 * quick); a name search shows its first matches. The search, sort and page
 * are kept in the address for "back".
 */
export function HouseholdListPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('list.title'));
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const browsing = query.trim() === '';
  const { offset, limit, sort } = tablePage(params, { defaultSort: 'family' });
  const { results, total, capped, loading } = useHouseholdSearch(query, {
    offset,
    limit,
    descending: sort === '-family',
  });
  const mayRegister = useMayUse('register');
  const language = i18n.language;
  const columns = useMemo(
    (): DataColumn<HouseholdSummary>[] => [
      {
        id: 'family',
        header: t('list.family'),
        cell: (household) => (
          <>
            <Link to={`/households/${household.id}`} className="household-card__name">
              {household.familyName}
            </Link>
            {household.pending ? (
              <PendingMark label={t('pending.mark')} description={t('pending.description')} />
            ) : null}
          </>
        ),
        sortValue: (household) => household.familyName,
      },
      {
        id: 'people',
        header: t('list.people'),
        cell: (household) =>
          household.memberCount !== undefined ? t('list.members', { count: household.memberCount }) : '',
        // Browsing, rows come a page at a time in name order: only a search's few rows sort by other columns.
        sortValue: browsing ? undefined : (household) => household.memberCount ?? 0,
        nowrap: true,
      },
      {
        id: 'arrived',
        header: t('list.arrivedColumn'),
        cell: (household) =>
          household.arrivalDate ? t('list.arrived', { date: formatDate(household.arrivalDate, language) }) : '',
        sortValue: browsing ? undefined : (household) => household.arrivalDate ?? '',
      },
      {
        id: 'mode',
        header: t('list.arrivalMode'),
        cell: (household) => (household.arrivalMode ? t(`arrivalMode.${household.arrivalMode}`) : ''),
        sortValue: browsing ? undefined : (household) => (household.arrivalMode ? t(`arrivalMode.${household.arrivalMode}`) : ''),
      },
      {
        id: 'phone',
        header: t('list.phone'),
        cell: (household) => (household.contactPhone ? <span dir="ltr">{household.contactPhone}</span> : ''),
        nowrap: true,
      },
    ],
    [t, language, browsing],
  );

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
        <SearchField
          id="household-search"
          label={t('list.searchLabel')}
          hint={t('list.searchHint')}
          value={query}
          onSearch={(text) => setParams(text ? { q: text } : {}, { replace: true })}
        />
      </div>
      <section aria-label={t('list.resultsLabel')} aria-busy={loading}>
        {loading && results.length === 0 ? (
          <p role="status">{t('list.loading')}</p>
        ) : results.length === 0 && !total ? (
          <p role="status">{query.trim() ? t('list.noMatches', { query }) : t('list.empty')}</p>
        ) : (
          <DataTable
            className="household-list"
            caption={t('list.resultsLabel')}
            rows={results}
            {...(browsing && total !== undefined ? { total } : {})}
            {...(browsing ? { defaultSort: 'family' } : {})}
            columns={columns}
            getRowId={(household) => household.id}
            rowClassName={() => 'household-card'}
            empty={null}
          />
        )}
        {capped ? <p role="status">{t('list.capped', { count: SEARCH_LIMIT })}</p> : null}
      </section>
    </>
  );
}

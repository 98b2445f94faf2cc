import { useEffect, useState } from 'react';
import { debounceTime, startWith } from 'rxjs';
import { useDatabase } from '../../app/DatabaseProvider';
import { useSyncStatus } from '../../sync/useSyncStatus';
import {
  browseHouseholds,
  householdListChanges$,
  searchHouseholds,
  SEARCH_LIMIT,
  type HouseholdSummary,
} from './queries';

/** Coalesces bursts of changes (a pull writes hundreds of records at once) into one re-query. */
const REFRESH_DEBOUNCE_MS = 150;

/** Which page of every family the list shows when nothing is typed. */
export interface BrowsePage {
  offset: number;
  limit: number;
  descending: boolean;
}

export interface HouseholdListResult {
  results: HouseholdSummary[];
  /** With no query: how many families the device holds (results are one page of them). */
  total?: number;
  /** A name search found more than it shows: the person should type more of the name. */
  capped: boolean;
  loading: boolean;
}

/**
 * Households matching a name prefix (household name, or any member's given or
 * family name); for an empty query, one page of every family in name order,
 * read from the index, or without `browse` the most recently changed ones. Stays current as records change locally or arrive by sync.
 */
export function useHouseholdSearch(query: string, browse?: BrowsePage): HouseholdListResult {
  const db = useDatabase();
  const isPending = useSyncStatus((s) => s.isPending);
  const [state, setState] = useState<{ key: string; results: HouseholdSummary[]; total?: number } | undefined>();
  const { offset, limit, descending } = browse ?? { offset: 0, limit: 0, descending: false };
  const searching = query.trim() !== '' || browse === undefined;
  const key = searching ? `q:${query}` : `page:${offset}:${limit}:${descending}`;

  useEffect(() => {
    let run = 0;
    const subscription = householdListChanges$(db)
      .pipe(debounceTime(REFRESH_DEBOUNCE_MS), startWith(null))
      .subscribe(() => {
        const current = ++run;
        const read = searching
          ? searchHouseholds(db, query, isPending).then((results) => ({ results, total: undefined }))
          : browseHouseholds(db, { offset, limit, descending }, isPending).then(({ rows, total }) => ({
              results: rows,
              total,
            }));
        read.then(
          ({ results, total }) => {
            // Only the latest run may answer: an older, slower one must not overwrite it.
            if (current === run) setState({ key, results, ...(total === undefined ? {} : { total }) });
          },
          (error: unknown) => console.error('household search failed', error),
        );
      });
    return () => {
      run = -1;
      subscription.unsubscribe();
    };
  }, [db, query, searching, key, offset, limit, descending, isPending]);

  const results = state?.results ?? [];
  return {
    results,
    ...(state?.total === undefined ? {} : { total: state.total }),
    capped: query.trim() !== '' && results.length >= SEARCH_LIMIT,
    loading: state?.key !== key,
  };
}

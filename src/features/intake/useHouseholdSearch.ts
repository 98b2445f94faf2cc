import { useEffect, useState } from 'react';
import { debounceTime, startWith } from 'rxjs';
import { useDatabase } from '../../app/DatabaseProvider';
import { useSyncStatus } from '../../sync/useSyncStatus';
import { householdListChanges$, searchHouseholds, type HouseholdSummary } from './queries';

/** Coalesces bursts of changes (a pull writes hundreds of records at once) into one re-query. */
const REFRESH_DEBOUNCE_MS = 150;

/**
 * Households matching a name prefix (household name, or any member's given or
 * family name), or the most recent ones for an empty query. Stays current as
 * records change locally or arrive by sync.
 */
export function useHouseholdSearch(query: string): { results: HouseholdSummary[]; loading: boolean } {
  const db = useDatabase();
  const isPending = useSyncStatus((s) => s.isPending);
  const [state, setState] = useState<{ query: string; results: HouseholdSummary[] } | undefined>();

  useEffect(() => {
    let run = 0;
    const subscription = householdListChanges$(db)
      .pipe(debounceTime(REFRESH_DEBOUNCE_MS), startWith(null))
      .subscribe(() => {
        const current = ++run;
        searchHouseholds(db, query, isPending).then(
          (results) => {
            // Only the latest run may answer: an older, slower one must not overwrite it.
            if (current === run) setState({ query, results });
          },
          (error: unknown) => console.error('household search failed', error),
        );
      });
    return () => {
      run = -1;
      subscription.unsubscribe();
    };
  }, [db, query, isPending]);

  return { results: state?.results ?? [], loading: state?.query !== query };
}

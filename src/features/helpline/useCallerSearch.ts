import { useEffect, useState } from 'react';
import { debounceTime, merge, startWith } from 'rxjs';
import { useDatabase } from '../../app/DatabaseProvider';
import { findCallers, type CallerMatchFacts } from './queries';
import { useHelpline } from './HelplineProvider';

/** Coalesces typing and bursts of synced records into one search. */
const DEBOUNCE_MS = 200;

/** Families matching what the agent typed (name, phone or identifier), kept current as records sync in. */
export function useCallerSearch(query: string): { matches: CallerMatchFacts[]; searching: boolean } {
  const db = useDatabase();
  const { config } = useHelpline();
  const [state, setState] = useState<{ query: string; matches: CallerMatchFacts[] }>({ query: '', matches: [] });
  useEffect(() => {
    let run = 0;
    const changes = [db.households.$, db.people.$, ...('sensitive' in db.collections ? [db.sensitive.$] : [])];
    const subscription = merge(...changes)
      .pipe(startWith(null), debounceTime(DEBOUNCE_MS))
      .subscribe(() => {
        const current = ++run;
        findCallers(db, query, config.defaultRegion).then(
          (matches) => {
            // Only the latest run may answer: an older, slower one must not overwrite it.
            if (current === run) setState({ query, matches });
          },
          (error: unknown) => console.error('caller search failed', error),
        );
      });
    return () => {
      run = -1;
      subscription.unsubscribe();
    };
  }, [db, query, config.defaultRegion]);
  return { matches: state.query === query ? state.matches : [], searching: state.query !== query };
}

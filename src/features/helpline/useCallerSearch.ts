import { useEffect, useState } from 'react';
import { useDatabase } from '../../app/DatabaseProvider';
import { findCallers, type CallerMatch } from './queries';
import { useHelpline } from './HelplineProvider';

const DEBOUNCE_MS = 200;

/** Families matching what the agent typed (name, phone or identifier). */
export function useCallerSearch(query: string): { matches: CallerMatch[]; searching: boolean } {
  const db = useDatabase();
  const { config } = useHelpline();
  const [state, setState] = useState<{ query: string; matches: CallerMatch[] }>({ query: '', matches: [] });
  useEffect(() => {
    let live = true;
    const timer = window.setTimeout(() => {
      findCallers(db, query, config.defaultRegion).then(
        (matches) => live && setState({ query, matches }),
        (error: unknown) => console.error('caller search failed', error),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [db, query, config.defaultRegion]);
  return { matches: state.query === query ? state.matches : [], searching: state.query !== query };
}

import { useEffect, useRef, useState } from 'react';
import type { Observable } from 'rxjs';

/**
 * The latest value of an observable query, re-subscribed when `key` changes.
 * `undefined` while the first value for the current key is loading.
 * Callers build `source` anew every render; `key` says when it means
 * something else, so the latest `source` is read through a ref.
 */
export function useLive<T>(key: string, source: () => Observable<T>): T | undefined {
  const [state, setState] = useState<{ key: string; value: T } | undefined>();
  const latestSource = useRef(source);
  useEffect(() => {
    latestSource.current = source;
  });
  useEffect(() => {
    const subscription = latestSource.current().subscribe({
      next: (value) => setState({ key, value }),
      error: (error: unknown) => console.error(`live query ${key} failed`, error),
    });
    return () => subscription.unsubscribe();
  }, [key]);
  return state?.key === key ? state.value : undefined;
}

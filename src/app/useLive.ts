import { useEffect, useState } from 'react';
import type { Observable } from 'rxjs';

/**
 * The latest value of an observable query, re-subscribed when `key` changes.
 * `undefined` while the first value for the current key is loading.
 */
export function useLive<T>(key: string, source: () => Observable<T>): T | undefined {
  const [state, setState] = useState<{ key: string; value: T } | undefined>();
  useEffect(() => {
    const subscription = source().subscribe({
      next: (value) => setState({ key, value }),
      error: (error: unknown) => console.error(`live query ${key} failed`, error),
    });
    return () => subscription.unsubscribe();
    // `source` is rebuilt every render; `key` says when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state?.key === key ? state.value : undefined;
}

import { useEffect, useState } from 'react';
import { startWith } from 'rxjs';
import { useDatabase } from '../../app/DatabaseProvider';
import type { CallerAttempt } from '../../domain/verification';
import { callerAttempts } from './queries';

/**
 * A caller's verification attempts (saved calls from every desk, and this
 * device's unsaved ones), reloaded when calls sync in or `revision` moves.
 */
export function useCallerAttempts(
  householdId: string,
  personId: string | undefined,
  revision: number,
): CallerAttempt[] | undefined {
  const db = useDatabase();
  const key = `${householdId}/${personId ?? ''}`;
  const [state, setState] = useState<{ key: string; attempts: CallerAttempt[] } | undefined>();
  useEffect(() => {
    let live = true;
    const subscription = db.calls
      .find({ selector: { householdId } })
      .$.pipe(startWith(null))
      .subscribe(() => {
        callerAttempts(db, householdId, personId).then(
          (attempts) => live && setState({ key, attempts }),
          (error: unknown) => console.error('loading verification attempts failed', error),
        );
      });
    return () => {
      live = false;
      subscription.unsubscribe();
    };
  }, [db, householdId, personId, key, revision]);
  return state?.key === key ? state.attempts : undefined;
}

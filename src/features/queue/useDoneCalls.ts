import { of } from 'rxjs';
import { useDatabase } from '../../app/DatabaseProvider';
import { useLive } from '../../app/useLive';
import type { Call } from '../../domain/calls';
import { closedEscalations$ } from './queries';

/** Closed escalations on this device while the "Done" view is open (no query otherwise); undefined while loading. */
export function useDoneCalls(open: boolean): Call[] | undefined {
  const db = useDatabase();
  return useLive(open ? 'done' : 'closed-view', () => (open ? closedEscalations$(db) : of([])));
}

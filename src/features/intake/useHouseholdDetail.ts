import { useEffect, useState } from 'react';
import { useDatabase } from '../../app/DatabaseProvider';
import { useSyncStatus } from '../../sync/useSyncStatus';
import type { HouseholdRecord } from '../../domain/household';
import type { Person } from '../../domain/person';
import type { Sensitive } from '../../domain/sensitive';
import { householdDetail$, isHouseholdPending, type HouseholdDetail } from './queries';

export interface HouseholdDetailState {
  /** Undefined while loading, and when there is no such household (or it was deleted). */
  household: HouseholdRecord | undefined;
  members: Person[];
  sensitiveBySubject: Record<string, Sensitive>;
  /** Some record of the household is not yet synced. */
  pending: boolean;
  loading: boolean;
}

/** One household with its members and sensitive records, kept current. */
export function useHouseholdDetail(id: string): HouseholdDetailState {
  const db = useDatabase();
  const isPending = useSyncStatus((s) => s.isPending);
  const [state, setState] = useState<{ id: string; detail: HouseholdDetail } | undefined>();

  useEffect(() => {
    const subscription = householdDetail$(db, id).subscribe({
      next: (detail) => setState({ id, detail }),
      error: (error: unknown) => console.error('loading the household failed', error),
    });
    return () => subscription.unsubscribe();
  }, [db, id]);

  if (!state || state.id !== id) {
    return { household: undefined, members: [], sensitiveBySubject: {}, pending: false, loading: true };
  }
  return { ...state.detail, pending: isHouseholdPending(state.detail, id, isPending), loading: false };
}

import { useEffect, useState } from 'react';
import { useDatabase } from '../../app/DatabaseProvider';
import type { VerificationFacts } from '../../domain/verification';
import { verificationFacts } from './queries';

/** What the linked record knows for the verification questions (never shown, only compared). */
export function useVerificationFacts(householdId: string, personId?: string): VerificationFacts | undefined {
  const db = useDatabase();
  const [state, setState] = useState<{ key: string; facts: VerificationFacts } | undefined>();
  const key = `${householdId}/${personId ?? ''}`;
  useEffect(() => {
    let live = true;
    verificationFacts(db, householdId, personId).then(
      (facts) => live && setState({ key, facts }),
      (error: unknown) => console.error('loading verification facts failed', error),
    );
    return () => {
      live = false;
    };
  }, [db, householdId, personId, key]);
  return state?.key === key ? state.facts : undefined;
}

import { useEffect, useState } from 'react';
import { useOptionalDatabase } from '../../app/DatabaseProvider';
import type { Identity } from '../../domain/duplicates';
import { findDuplicateCandidates, type DuplicateCandidate } from './candidates';

/** Waits for a pause in typing before looking (each look is a handful of indexed range reads). */
const TYPING_PAUSE_MS = 400;

/**
 * Likely existing registrations of the person being typed; empty until a
 * given and a family name are there, and when no device store is provided.
 */
export function useDuplicateCandidates(identity: Identity, ownHouseholdId?: string): DuplicateCandidate[] {
  const db = useOptionalDatabase();
  const [candidates, setCandidates] = useState<DuplicateCandidate[]>([]);
  const key = JSON.stringify([identity, ownHouseholdId]);

  useEffect(() => {
    const [typed, own] = JSON.parse(key) as [Identity, string | undefined];
    if (!db || typed.givenName.trim().length < 2 || typed.familyName.trim().length < 2) {
      setCandidates([]);
      return;
    }
    let current = true;
    const timer = window.setTimeout(() => {
      findDuplicateCandidates(db, typed, own).then(
        (found) => {
          if (current) setCandidates(found);
        },
        (error: unknown) => console.error('duplicate check failed', error),
      );
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [db, key]);

  return candidates;
}

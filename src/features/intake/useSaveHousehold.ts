import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import type { HouseholdDraft } from '../../domain/householdDraft';
import { saveHousehold } from './operations';

/**
 * Saves a draft through the intake operation, then opens the family's page.
 * A failure leaves the form as it was, with a message beside the button
 * (a full device has its own: nothing of this save was kept, the rest is safe).
 */
export function useSaveHousehold() {
  const db = useDatabase();
  const actor = useActor();
  const navigate = useNavigate();
  const failureText = useSaveFailureText();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const save = useCallback(
    async (draft: HouseholdDraft) => {
      setSubmitting(true);
      setError(undefined);
      try {
        const { householdId } = await saveHousehold(db, actor, draft);
        navigate(`/households/${householdId}`, { state: { saved: true } });
      } catch (failure) {
        console.error('saving the household failed', failure);
        setError(failureText(failure, 'form.saveFailed'));
      } finally {
        setSubmitting(false);
      }
    },
    [db, actor, navigate, failureText],
  );

  return { save, submitting, error };
}

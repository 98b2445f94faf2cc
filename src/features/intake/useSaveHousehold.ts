import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import type { HouseholdDraft } from '../../domain/householdDraft';
import { saveHousehold } from './operations';

/**
 * Saves a draft through the intake operation, then opens the family's page.
 * A failure leaves the form as it was, with a message beside the button.
 */
export function useSaveHousehold() {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const navigate = useNavigate();
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
        setError(t('form.saveFailed'));
      } finally {
        setSubmitting(false);
      }
    },
    [db, actor, navigate, t],
  );

  return { save, submitting, error };
}

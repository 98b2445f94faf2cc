import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { useDatabase } from '../../app/DatabaseProvider';
import { useActor } from '../../app/useActor';
import { useEditSave } from '../../app/useEditSave';
import type { EditClash } from '../../db/recordEdits';
import type { HouseholdDraft, HouseholdDraftInput } from '../../domain/householdDraft';
import { saveHousehold } from './operations';

/**
 * Saves a draft through the intake operation, then opens the family's page.
 * Editing passes the draft the form was loaded from (`base`), so only what
 * the person changed is written; a field changed meanwhile elsewhere is
 * shown with both values (`panel`) for the person to choose. A failure
 * leaves the form as it was, with a message beside the button.
 */
export function useSaveHousehold(base?: HouseholdDraftInput) {
  const db = useDatabase();
  const actor = useActor();
  const navigate = useNavigate();
  const recordName = useCallback(
    (clash: EditClash) => {
      if (clash.collection === 'households' || clash.recordId === base?.id) return base?.familyName;
      const member = base?.members.find((m) => m.id === clash.recordId);
      return member ? `${member.givenName} ${member.familyName ?? ''}`.trim() : undefined;
    },
    [base],
  );
  const { save: run, submitting, error, panel } = useEditSave<{ householdId: string }>({
    failureKey: 'form.saveFailed',
    recordName,
    onSaved: ({ householdId }) => navigate(`/households/${householdId}`, { state: { saved: true } }),
  });
  const save = useCallback(
    (draft: HouseholdDraft) =>
      run((choices) => saveHousehold(db, actor, draft, { ...(base ? { base } : {}), choices })),
    [run, db, actor, base],
  );
  return { save, submitting, error, panel };
}

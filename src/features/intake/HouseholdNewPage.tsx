import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import type { HouseholdDraft } from '../../domain/householdDraft';
import { HouseholdForm } from './HouseholdForm';
import { newHouseholdDefaults } from './householdFormDefaults';
import { discardIntakeDraft, keepIntakeDraft, keptIntakeDraft, type IntakeDraftValues } from './intakeDraft';
import { useSaveHousehold } from './useSaveHousehold';

/**
 * A new registration. What is typed is kept as a draft while the volunteer
 * looks elsewhere (intakeDraft.ts) and restored here, with a way to start
 * afresh; closing the tab with a draft asks first.
 */
export function HouseholdNewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('form.newTitle'));
  const db = useDatabase();
  const [start, setStart] = useState(() => {
    const kept = keptIntakeDraft(db);
    return { values: kept ?? newHouseholdDefaults(), restored: kept !== undefined, form: 0 };
  });
  const { save, submitting, error } = useSaveHousehold();
  const latest = useRef<IntakeDraftValues | undefined>(start.restored ? start.values : undefined);

  // A save that failed leaves the person on the form: their work is a draft again.
  useEffect(() => {
    if (error && latest.current) keepIntakeDraft(db, latest.current);
  }, [db, error]);

  const [hasDraft, setHasDraft] = useState(start.restored);
  useEffect(() => {
    if (!hasDraft) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasDraft]);

  const onValuesChange = (values: IntakeDraftValues) => {
    latest.current = values;
    keepIntakeDraft(db, values);
    setHasDraft(true);
  };
  const onSubmit = async (draft: HouseholdDraft) => {
    discardIntakeDraft(db);
    setHasDraft(false);
    await save(draft);
  };
  const startAfresh = () => {
    discardIntakeDraft(db);
    latest.current = undefined;
    setHasDraft(false);
    setStart((s) => ({ values: newHouseholdDefaults(), restored: false, form: s.form + 1 }));
  };

  return (
    <>
      <h1>{t('form.newTitle')}</h1>
      {start.restored ? (
        <div className="form-message draft-notice" role="status">
          <p>{t('form.draftRestored')}</p>
          <button type="button" className="button button--quiet" onClick={startAfresh}>
            {t('form.draftDiscard')}
          </button>
        </div>
      ) : null}
      <HouseholdForm
        key={start.form}
        defaultValues={start.values}
        onSubmit={onSubmit}
        submitting={submitting}
        submitError={error}
        onValuesChange={onValuesChange}
      />
    </>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { HouseholdForm } from './HouseholdForm';
import { newHouseholdDefaults } from './householdFormDefaults';
import { useSaveHousehold } from './useSaveHousehold';

export function HouseholdNewPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('form.newTitle'));
  const defaultValues = useMemo(() => newHouseholdDefaults(), []);
  const { save, submitting, error } = useSaveHousehold();
  return (
    <>
      <h1>{t('form.newTitle')}</h1>
      <HouseholdForm
        defaultValues={defaultValues}
        onSubmit={save}
        submitting={submitting}
        submitError={error}
      />
    </>
  );
}

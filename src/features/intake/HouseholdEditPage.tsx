import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDatabase } from '../../app/DatabaseProvider';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import type { HouseholdDraftInput } from '../../domain/householdDraft';
import { HouseholdForm } from './HouseholdForm';
import { loadHouseholdDraft } from './operations';
import { useSaveHousehold } from './useSaveHousehold';

type Loaded = { state: 'loading' } | { state: 'missing' } | { state: 'ready'; draft: HouseholdDraftInput };

export function HouseholdEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const db = useDatabase();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const { save, submitting, error, panel } = useSaveHousehold(
    loaded.state === 'ready' ? loaded.draft : undefined,
  );
  const title =
    loaded.state === 'ready' ? t('form.editTitle', { name: loaded.draft.familyName }) : t('detail.loading');
  useDocumentTitle(title);

  useEffect(() => {
    let current = true;
    setLoaded({ state: 'loading' });
    loadHouseholdDraft(db, id).then(
      (draft) => current && setLoaded(draft ? { state: 'ready', draft } : { state: 'missing' }),
      (failure: unknown) => {
        console.error('loading the household failed', failure);
        if (current) setLoaded({ state: 'missing' });
      },
    );
    return () => {
      current = false;
    };
  }, [db, id]);

  if (loaded.state === 'loading') {
    return (
      <>
        <h1>{t('detail.loading')}</h1>
      </>
    );
  }
  if (loaded.state === 'missing') {
    return (
      <>
        <h1>{t('app.notFoundTitle')}</h1>
        <p>{t('detail.notFound')}</p>
        <Link to="/">{t('app.backToFamilies')}</Link>
      </>
    );
  }
  return (
    <>
      <h1>{title}</h1>
      <HouseholdForm
        key={id}
        defaultValues={loaded.draft}
        onSubmit={save}
        submitting={submitting}
        submitError={error}
      />
      {panel}
      <p>
        <Link to={`/households/${id}`}>{t('form.cancel')}</Link>
      </p>
    </>
  );
}

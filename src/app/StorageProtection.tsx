import { useTranslation } from 'react-i18next';
import { useStoragePersistence } from './useStoragePersistence';

export const STORAGE_PROTECTION_ID = 'storage-protection';

/**
 * On the account page: whether this device's data is protected from the
 * browser clearing it, and, when it is not, what the person can do.
 */
export function StorageProtection() {
  const { t } = useTranslation();
  const persistence = useStoragePersistence();
  if (persistence === 'unknown') return null;
  const exposed = persistence === 'refused' || persistence === 'unsupported';
  return (
    <section
      aria-labelledby={`${STORAGE_PROTECTION_ID}-title`}
      className="form-section"
      id={STORAGE_PROTECTION_ID}
      data-testid="storage-protection"
    >
      <h2 id={`${STORAGE_PROTECTION_ID}-title`}>{t('storage.persistence.title')}</h2>
      <p role="status">{t(`storage.persistence.${persistence}`)}</p>
      {exposed ? <p>{t('storage.persistence.whatToDo')}</p> : null}
    </section>
  );
}

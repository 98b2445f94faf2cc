import { useTranslation } from 'react-i18next';
import { useStore } from '../state';
import { storageStatusStore } from '../db/storageStatus';

/**
 * Under the sync bar on every screen while the device is out of storage (a
 * save failed for lack of space and none has succeeded since), so a change
 * made from a button with no message of its own is not refused in silence.
 */
export function StorageFullBanner() {
  const { t } = useTranslation();
  const full = useStore(storageStatusStore, (s) => s.full);
  if (!full) return null;
  return (
    <p className="storage-full-banner" role="status" data-testid="storage-full">
      {t('storage.fullBanner')}
    </p>
  );
}

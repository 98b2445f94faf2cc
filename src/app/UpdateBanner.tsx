import { useTranslation } from 'react-i18next';

interface UpdateBannerProps {
  /** A new version is installed and waiting. */
  needRefresh: boolean;
  /** The app has just been cached for offline use. */
  offlineReady: boolean;
  onReload: () => void;
  onLater: () => void;
  onDismissOfflineReady: () => void;
}

/** What the service worker has to say: a waiting version, or "ready offline". */
export function UpdateBanner({
  needRefresh,
  offlineReady,
  onReload,
  onLater,
  onDismissOfflineReady,
}: UpdateBannerProps) {
  const { t } = useTranslation();
  if (needRefresh) {
    return (
      <div className="banner" role="status">
        <p>{t('update.available')}</p>
        <div className="banner__actions">
          <button type="button" className="button button--primary" onClick={onReload}>
            {t('update.reload')}
          </button>
          <button type="button" className="button" onClick={onLater}>
            {t('update.later')}
          </button>
        </div>
      </div>
    );
  }
  if (offlineReady) {
    return (
      <div className="banner" role="status">
        <p>{t('update.offlineReady')}</p>
        <div className="banner__actions">
          <button type="button" className="button" onClick={onDismissOfflineReady}>
            {t('update.dismiss')}
          </button>
        </div>
      </div>
    );
  }
  return null;
}

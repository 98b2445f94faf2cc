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

interface BannerAction {
  label: string;
  primary?: boolean;
  onClick: () => void;
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
  // One banner, two messages: a waiting version outranks "ready offline".
  const banner: { text: string; actions: BannerAction[] } | undefined = needRefresh
    ? {
        text: t('update.available'),
        actions: [
          { label: t('update.reload'), primary: true, onClick: onReload },
          { label: t('update.later'), onClick: onLater },
        ],
      }
    : offlineReady
      ? {
          text: t('update.offlineReady'),
          actions: [{ label: t('update.dismiss'), onClick: onDismissOfflineReady }],
        }
      : undefined;
  if (!banner) return null;
  return (
    <div className="banner" role="status">
      <p>{banner.text}</p>
      <div className="banner__actions">
        {banner.actions.map((action) => (
          <button
            key={action.label}
            type="button"
            className={action.primary ? 'button button--primary' : 'button'}
            onClick={action.onClick}
          >
            {action.label}
          </button>
        ))}
      </div>
    </div>
  );
}

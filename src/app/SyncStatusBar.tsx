import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSyncStatus } from '../sync/useSyncStatus';
import { waitingUploadsStore } from '../sync/attachmentUploads';
import { useStore } from '../state';
import { formatRelativeTime } from './format';
import { useNow } from './useNow';
import { ReceivingText } from './ReceivingText';
import { useStoragePersistence } from './useStoragePersistence';
import { STORAGE_PROTECTION_ID } from './StorageProtection';

/**
 * Always on screen: whether the device can reach the server, how many changes
 * are kept only on this device, and when it last synced. Volunteers must be
 * able to tell at a glance that nothing is lost while the Wi-Fi is down.
 */
/** Where a record set aside can be opened and fixed (a new edit tries again). */
function recordPath(collection: string, id: string): string | undefined {
  if (collection === 'households') return `/households/${encodeURIComponent(id)}`;
  return undefined;
}

export function SyncStatusBar() {
  const { t, i18n } = useTranslation();
  const online = useSyncStatus((s) => s.online);
  const pendingCount = useSyncStatus((s) => s.pendingCount);
  const pendingKnown = useSyncStatus((s) => s.pendingKnown);
  const lastSyncedAt = useSyncStatus((s) => s.lastSyncedAt);
  const syncing = useSyncStatus((s) => s.syncing);
  const lastError = useSyncStatus((s) => s.lastError);
  const receiving = useSyncStatus((s) => s.receiving);
  const rejected = useSyncStatus((s) => s.rejected);
  const persistence = useStoragePersistence();
  const now = useNow();
  const documentsWaiting = useStore(waitingUploadsStore, (s) => s.count);
  const documentBytes = useStore(waitingUploadsStore, (s) => s.bytes);
  const documentsRefused = useStore(waitingUploadsStore, (s) => s.refused);
  const firstRejected = rejected[0];
  const rejectedLink = firstRejected ? recordPath(firstRejected.collection, firstRejected.id) : undefined;

  const connection = online ? t('sync.online') : t('sync.offline');
  // While offline, retries and errors are expected and say nothing new.
  const activity = !online
    ? undefined
    : lastError
      ? t('sync.error')
      : syncing
        ? t('sync.syncing')
        : undefined;
  const lastSynced = lastSyncedAt
    ? t('sync.lastSynced', { time: formatRelativeTime(new Date(lastSyncedAt), now, i18n.language) })
    : t('sync.neverSynced');

  return (
    <section
      className={`sync-bar ${online ? 'sync-bar--online' : 'sync-bar--offline'}`}
      aria-label={t('sync.label')}
    >
      <p className="sync-bar__item" role="status">
        <span aria-hidden="true" className="sync-bar__dot" />
        {connection}
      </p>
      {/* Never "all synced" before this device's outbox has said so. */}
      {pendingKnown ? (
        <p className="sync-bar__item sync-bar__pending" role="status">
          {pendingCount > 0 ? t('sync.pending', { count: pendingCount }) : t('sync.allSynced')}
        </p>
      ) : null}
      {documentsWaiting > 0 ? (
        <p className="sync-bar__item sync-bar__pending" role="status" data-testid="documents-waiting">
          {t('sync.documentsWaiting', {
            count: documentsWaiting,
            size: new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 }).format(
              documentBytes / (1024 * 1024),
            ),
          })}
        </p>
      ) : null}
      {documentsRefused > 0 ? (
        <p className="sync-bar__item sync-bar__error" role="status" data-testid="documents-refused">
          {t('sync.documentsRefused', { count: documentsRefused })}
        </p>
      ) : null}
      <p className="sync-bar__item sync-bar__time">
        {lastSyncedAt ? <time dateTime={lastSyncedAt}>{lastSynced}</time> : lastSynced}
      </p>
      {firstRejected ? (
        <p className="sync-bar__item sync-bar__error" role="alert">
          {t('sync.rejected', { count: rejected.length, reason: firstRejected.reason })}{' '}
          {rejectedLink ? <Link to={rejectedLink}>{t('sync.rejectedOpen')}</Link> : null}
        </p>
      ) : null}
      {receiving ? (
        <p className="sync-bar__item sync-bar__progress" role="status" data-testid="sync-progress">
          <ReceivingText progress={receiving} />
        </p>
      ) : null}
      {/* Only the bad news here; the account page says when the data is protected. */}
      {persistence === 'refused' || persistence === 'unsupported' ? (
        <p className="sync-bar__item sync-bar__warning" data-testid="storage-not-protected">
          {t('storage.persistence.barWarning')}{' '}
          <Link to={`/account#${STORAGE_PROTECTION_ID}`}>{t('storage.persistence.barLink')}</Link>
        </p>
      ) : null}
      {activity ? (
        <p className={`sync-bar__item ${lastError ? 'sync-bar__error' : ''}`.trim()}>{activity}</p>
      ) : null}
    </section>
  );
}

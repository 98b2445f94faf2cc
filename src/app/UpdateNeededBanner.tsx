import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { currentIncompatibility, subscribeIncompatibility } from '../sync/protocolFetch';

/**
 * Asks the service worker for a new version; the update prompt then offers it
 * (UpdatePrompt.tsx), so a form being filled in is never thrown away. Only when
 * the person asks and there is no service worker (a development build) does
 * the page reload, which locks the app (the keys are in memory) but loses nothing.
 */
async function lookForUpdate(askedByPerson: boolean): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  if (registration) await registration.update();
  else if (askedByPerson) window.location.reload();
}

/**
 * Shown when the server said it cannot serve this app (src/sync/protocolFetch.ts):
 * too old, so the app looks for its update at once; or too new, so the server
 * must be updated. Either way nothing on the device is lost, and it says so.
 */
export function UpdateNeededBanner() {
  const { t } = useTranslation();
  const reason = useSyncExternalStore(subscribeIncompatibility, currentIncompatibility);
  const [looking, setLooking] = useState(false);

  useEffect(() => {
    if (reason === 'client_too_old') void lookForUpdate(false).catch(() => undefined);
  }, [reason]);

  if (!reason) return null;
  if (reason === 'client_too_new') {
    return (
      <div className="banner banner--warning" role="alert">
        <p>{t('update.serverTooOld')}</p>
      </div>
    );
  }
  return (
    <div className="banner banner--warning" role="alert">
      <p>{t('update.appTooOld')}</p>
      <div className="banner__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={looking}
          onClick={() => {
            setLooking(true);
            void lookForUpdate(true).finally(() => setLooking(false));
          }}
        >
          {looking ? t('update.looking') : t('update.updateNow')}
        </button>
      </div>
    </div>
  );
}

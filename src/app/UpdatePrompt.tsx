import { useRegisterSW } from 'virtual:pwa-register/react';
import { UpdateBanner } from './UpdateBanner';

/**
 * Registers the service worker and offers a waiting new version. The page
 * reloads only when the volunteer says so (registerType 'prompt'), so a form
 * being filled in is never thrown away by an update.
 * Rendered in production builds only (see main.tsx): dev has no service worker.
 */
/**
 * Activates the waiting version, then reloads once it controls the page.
 * workbox-window reloads on its own 'controlling' event only when it saw the
 * update begin itself; listening for the controller change covers every way
 * the new version was found (periodic check, another tab, a manual update).
 */
function acceptUpdate(updateServiceWorker: (reloadPage?: boolean) => Promise<void>) {
  navigator.serviceWorker?.addEventListener('controllerchange', () => window.location.reload(), { once: true });
  void updateServiceWorker(true);
}

export function UpdatePrompt() {
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW();
  return (
    <UpdateBanner
      needRefresh={needRefresh}
      offlineReady={offlineReady}
      onReload={() => acceptUpdate(updateServiceWorker)}
      onLater={() => setNeedRefresh(false)}
      onDismissOfflineReady={() => setOfflineReady(false)}
    />
  );
}

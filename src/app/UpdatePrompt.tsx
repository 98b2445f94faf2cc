import { useRegisterSW } from 'virtual:pwa-register/react';
import { UpdateBanner } from './UpdateBanner';

/**
 * Registers the service worker and offers a waiting new version. The page
 * reloads only when the volunteer says so (registerType 'prompt'), so a form
 * being filled in is never thrown away by an update.
 * Rendered in production builds only (see main.tsx): dev has no service worker.
 */
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
      onReload={() => void updateServiceWorker(true)}
      onLater={() => setNeedRefresh(false)}
      onDismissOfflineReady={() => setOfflineReady(false)}
    />
  );
}

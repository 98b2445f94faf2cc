import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './AppHeader';
import { SyncStatusBar } from './SyncStatusBar';
import { StorageFullBanner } from './StorageFullBanner';
import { RouteErrorBoundary } from './RouteErrorBoundary';
import { ToastRegion } from '../ui/Toast';

/** Every screen: skip link, header, sync status, the page, and the version. */
export function AppLayout() {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <SyncStatusBar />
      <StorageFullBanner />
      <main id="main" className="app-main" tabIndex={-1}>
        <RouteErrorBoundary>
          <Outlet />
        </RouteErrorBoundary>
      </main>
      <ToastRegion />
      {/* Which deployment this device runs: support asks for it, and updates are told apart by it. */}
      <footer className="app-footer">
        <small data-build={__BUILD_ID__}>
          {t('app.version', { version: __APP_VERSION__, build: __BUILD_ID__ })}
        </small>
      </footer>
    </div>
  );
}

import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './AppHeader';
import { SyncStatusBar } from './SyncStatusBar';

/** Every screen: skip link, header, sync status, then the page. */
export function AppLayout() {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppHeader />
      <SyncStatusBar />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

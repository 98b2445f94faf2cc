import type { ReactNode } from 'react';
import { Outlet } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AppHeader } from './AppHeader';
import { SyncStatusBar } from './SyncStatusBar';

interface AppLayoutProps {
  /** Shown above the header, e.g. the "new version" prompt (production only). */
  banner?: ReactNode;
}

/** Every screen: skip link, header, sync status, then the page. */
export function AppLayout({ banner }: AppLayoutProps) {
  const { t } = useTranslation();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      {banner}
      <AppHeader />
      <SyncStatusBar />
      <main id="main" className="app-main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

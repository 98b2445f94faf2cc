/** Coordination screens, loaded on first visit (as in app/lazyScreens.tsx). */
import { lazy, Suspense, type ComponentType } from 'react';

function lazyScreen(load: () => Promise<ComponentType>): ComponentType {
  const Screen = lazy(async () => ({ default: await load() }));
  function LazyScreen() {
    return (
      <Suspense fallback={<div className="screen-loading" aria-busy="true" />}>
        <Screen />
      </Suspense>
    );
  }
  return LazyScreen;
}

export const ConflictReviewPage = lazyScreen(async () => (await import('../review/ConflictReviewPage')).ConflictReviewPage);
export const RecordHistoryPage = lazyScreen(async () => (await import('../history/RecordHistoryPage')).RecordHistoryPage);
export const DashboardPage = lazyScreen(async () => (await import('../dashboard/DashboardPage')).DashboardPage);
export const MonthlyReportPage = lazyScreen(async () => (await import('../reports/MonthlyReportPage')).MonthlyReportPage);
export const ImportPage = lazyScreen(async () => (await import('../import/ImportPage')).ImportPage);
export const RequestsPage = lazyScreen(async () => (await import('../requests/RequestsPage')).RequestsPage);
export const ExportPage = lazyScreen(async () => (await import('../export/ExportPage')).ExportPage);

import { Route } from 'react-router';
import { RequireCoordination } from '../features/coordination';
import {
  ConflictReviewPage,
  DashboardPage,
  ExportPage,
  ImportPage,
  MonthlyReportPage,
  RecordHistoryPage,
  RequestsPage,
} from './lazyScreens';

/** Coordination routes, for <Routes> in app/App.tsx (a fragment of <Route>s, as React Router allows). */
export function coordinationRoutes() {
  return (
    <>
      <Route
        path="review"
        element={
          <RequireCoordination screen="review">
            <ConflictReviewPage />
          </RequireCoordination>
        }
      />
      <Route
        path="history/:collection/:id"
        element={
          <RequireCoordination screen="history">
            <RecordHistoryPage />
          </RequireCoordination>
        }
      />
      <Route
        path="dashboard"
        element={
          <RequireCoordination screen="dashboard">
            <DashboardPage />
          </RequireCoordination>
        }
      />
      <Route
        path="reports"
        element={
          <RequireCoordination screen="reports">
            <MonthlyReportPage />
          </RequireCoordination>
        }
      />
      <Route
        path="export"
        element={
          <RequireCoordination screen="export">
            <ExportPage />
          </RequireCoordination>
        }
      />
      <Route
        path="import"
        element={
          <RequireCoordination screen="import">
            <ImportPage />
          </RequireCoordination>
        }
      />
      <Route
        path="requests"
        element={
          <RequireCoordination screen="requests">
            <RequestsPage />
          </RequireCoordination>
        }
      />
    </>
  );
}

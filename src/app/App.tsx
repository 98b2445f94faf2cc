import { BrowserRouter, Route, Routes } from 'react-router';
import { AppLayout } from './AppLayout';
import { NotFoundPage } from './NotFoundPage';
import { HelplinePage } from '../features/helpline/HelplinePage';
import { QueuePage } from '../features/queue/QueuePage';
import { RequireCallAccess } from '../features/helpline/RequireCallAccess';
// Screens load on first visit (see lazyScreens.tsx).
import {
  HouseholdListPage,
  HouseholdNewPage,
  HouseholdDetailPage,
  HouseholdEditPage,
  AccountPage,
  AdminUsersPage,
  AdminUserPage,
  AdminSitesPage,
  AdminDevicesPage,
  AdminDeviceScopePage,
  MessagesPage,
  AuditPage,
  HouseholdCardPage,
  ScanCardPage,
} from './lazyScreens';
import { RequireAccess, RoleHome } from '../features/auth/access';
import { coordinationRoutes } from './coordinationRoutes';
import { welcomeCenterRoutes } from './welcomeCenterRoutes';

/** The screens, inside the shell, each behind the roles that may use it. Separate from the router so tests can use a MemoryRouter. */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<RoleHome households={<HouseholdListPage />} />} />
        {/* The families list for roles whose first screen is another one (a driver, the call desk). */}
        <Route
          path="households"
          element={
            <RequireAccess screen="households">
              <HouseholdListPage />
            </RequireAccess>
          }
        />
        <Route
          path="households/new"
          element={
            <RequireAccess screen="register">
              <HouseholdNewPage />
            </RequireAccess>
          }
        />
        <Route
          path="households/:id"
          element={
            <RequireAccess screen="households">
              <HouseholdDetailPage />
            </RequireAccess>
          }
        />
        <Route
          path="households/:id/edit"
          element={
            <RequireAccess screen="register">
              <HouseholdEditPage />
            </RequireAccess>
          }
        />
        <Route
          path="households/:id/card"
          element={
            <RequireAccess screen="households">
              <HouseholdCardPage />
            </RequireAccess>
          }
        />
        <Route
          path="scan"
          element={
            <RequireAccess screen="households">
              <ScanCardPage />
            </RequireAccess>
          }
        />
        <Route path="account" element={<AccountPage />} />
        <Route
          path="admin"
          element={
            <RequireAccess screen="admin">
              <AdminUsersPage />
            </RequireAccess>
          }
        />
        <Route
          path="admin/users/:id"
          element={
            <RequireAccess screen="admin">
              <AdminUserPage />
            </RequireAccess>
          }
        />
        <Route
          path="admin/sites"
          element={
            <RequireAccess screen="admin">
              <AdminSitesPage />
            </RequireAccess>
          }
        />
        <Route
          path="admin/devices"
          element={
            <RequireAccess screen="admin">
              <AdminDevicesPage />
            </RequireAccess>
          }
        />
        <Route
          path="admin/device-scope"
          element={
            <RequireAccess screen="admin">
              <AdminDeviceScopePage />
            </RequireAccess>
          }
        />
        <Route
          path="messages"
          element={
            <RequireAccess screen="audit">
              <MessagesPage />
            </RequireAccess>
          }
        />
        <Route
          path="audit"
          element={
            <RequireAccess screen="audit">
              <AuditPage />
            </RequireAccess>
          }
        />
        <Route
          path="helpline"
          element={
            <RequireCallAccess screen="desk">
              <HelplinePage />
            </RequireCallAccess>
          }
        />
        <Route
          path="queue"
          element={
            <RequireCallAccess screen="queue">
              <QueuePage />
            </RequireCallAccess>
          }
        />
        {welcomeCenterRoutes()}
        {coordinationRoutes()}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <AppRoutes />
    </BrowserRouter>
  );
}

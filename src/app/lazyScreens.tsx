/**
 * Route screens, each loaded on first visit rather than with the app's entry
 * script. Forms (react-hook-form, field components) and admin/audit screens
 * are most of the app's own code; the sign-in and unlock screens must not wait
 * for them. After install the service worker has them precached, so offline
 * a screen still opens in a few milliseconds.
 *
 * Each export has the same name and props as the screen it stands for, with
 * its own Suspense boundary, so App.tsx only changes where it imports from.
 */
import { lazy, Suspense, type ComponentType } from 'react';

function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Screen = lazy(async () => ({ default: await load() }));
  function LazyScreen(props: P) {
    return (
      <Suspense fallback={<div className="screen-loading" aria-busy="true" />}>
        <Screen {...props} />
      </Suspense>
    );
  }
  return LazyScreen;
}

export const HouseholdListPage = lazyScreen(
  async () => (await import('../features/intake/HouseholdListPage')).HouseholdListPage,
);
export const HouseholdNewPage = lazyScreen(
  async () => (await import('../features/intake/HouseholdNewPage')).HouseholdNewPage,
);
/** The family's page with what the welcome center adds to it, composed here: intake imports no other feature's sections. */
export const HouseholdDetailPage = lazyScreen(async () => {
  const [{ HouseholdDetailPage: FamilyPage }, { HouseholdWelcomeSections }] = await Promise.all([
    import('../features/intake/HouseholdDetailPage'),
    import('../features/welcomeCenter/HouseholdWelcomeSections'),
  ]);
  return function HouseholdDetailPage() {
    return <FamilyPage sections={HouseholdWelcomeSections} />;
  };
});
export const HouseholdEditPage = lazyScreen(
  async () => (await import('../features/intake/HouseholdEditPage')).HouseholdEditPage,
);
export const AccountPage = lazyScreen(async () => (await import('../features/auth/AccountPage')).AccountPage);
export const AdminUsersPage = lazyScreen(
  async () => (await import('../features/admin/AdminUsersPage')).AdminUsersPage,
);
export const AdminUserPage = lazyScreen(
  async () => (await import('../features/admin/AdminUserPage')).AdminUserPage,
);
export const AdminSitesPage = lazyScreen(
  async () => (await import('../features/admin/AdminSitesPage')).AdminSitesPage,
);
export const AdminDevicesPage = lazyScreen(
  async () => (await import('../features/admin/AdminDevicesPage')).AdminDevicesPage,
);
export const AdminDeviceScopePage = lazyScreen(
  async () => (await import('../features/admin/AdminDeviceScopePage')).AdminDeviceScopePage,
);
export const MessagesPage = lazyScreen(async () => (await import('../features/messages/MessagesPage')).MessagesPage);
export const AuditPage = lazyScreen(async () => (await import('../features/audit/AuditPage')).AuditPage);
export const HouseholdCardPage = lazyScreen(
  async () => (await import('../features/card/HouseholdCardPage')).HouseholdCardPage,
);
export const ScanCardPage = lazyScreen(async () => (await import('../features/card/ScanCardPage')).ScanCardPage);

// The welcome center's screens and the coordination screens (routes in welcomeCenterRoutes.tsx, coordinationRoutes.tsx).
export const DriverDayPage = lazyScreen(async () => (await import('../features/driver/DriverDayPage')).DriverDayPage);
export const ItineraryPage = lazyScreen(async () => (await import('../features/itinerary/ItineraryPage')).ItineraryPage);
export const DueSoonPage = lazyScreen(async () => (await import('../features/cases/DueSoonPage')).DueSoonPage);
export const TasksPage = lazyScreen(async () => (await import('../features/tasks/TasksPage')).TasksPage);
export const RemindersPage = lazyScreen(async () => (await import('../features/tasks/RemindersPage')).RemindersPage);
export const ConflictReviewPage = lazyScreen(async () => (await import('../features/review/ConflictReviewPage')).ConflictReviewPage);
export const RecordHistoryPage = lazyScreen(async () => (await import('../features/history/RecordHistoryPage')).RecordHistoryPage);
export const DashboardPage = lazyScreen(async () => (await import('../features/dashboard/DashboardPage')).DashboardPage);
export const MonthlyReportPage = lazyScreen(async () => (await import('../features/reports/MonthlyReportPage')).MonthlyReportPage);
export const ImportPage = lazyScreen(async () => (await import('../features/import/ImportPage')).ImportPage);
export const RequestsPage = lazyScreen(async () => (await import('../features/requests/RequestsPage')).RequestsPage);
export const ExportPage = lazyScreen(async () => (await import('../features/export/ExportPage')).ExportPage);

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
export const HouseholdDetailPage = lazyScreen(
  async () => (await import('../features/intake/HouseholdDetailPage')).HouseholdDetailPage,
);
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

import type { ReactNode } from 'react';
import { Navigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canRead, grantFor, type Role } from '../../domain/access';
import { useSessionRoles } from './useSession';

/** What each screen needs; the nav and the routes ask the same questions. */
export const SCREEN_ACCESS = {
  households: (roles: readonly Role[]) => canRead(roles, 'households'),
  register: (roles: readonly Role[]) => grantFor(roles, 'households').write,
  admin: (roles: readonly Role[]) => roles.includes('admin'),
  audit: (roles: readonly Role[]) => roles.includes('admin') || roles.includes('coordinator'),
} as const;

export type Screen = keyof typeof SCREEN_ACCESS;

/** True when the signed-in user may use the screen. Without a session (component tests) every screen shows. */
export function useMayUse(screen: Screen): boolean {
  const roles = useSessionRoles();
  return roles === undefined || SCREEN_ACCESS[screen](roles);
}

/** Renders the screen only for roles that may use it; others see why not. */
export function RequireAccess({ screen, children }: { screen: Screen; children: ReactNode }) {
  const { t } = useTranslation();
  if (useMayUse(screen)) return <>{children}</>;
  return (
    <>
      <h1>{t('access.deniedTitle')}</h1>
      <p>{t('access.deniedBody')}</p>
    </>
  );
}

/** The first screen of a role: families for those who work with them, else administration or the account. */
export function RoleHome({ households }: { households: ReactNode }) {
  const roles = useSessionRoles();
  if (roles === undefined || SCREEN_ACCESS.households(roles)) return <>{households}</>;
  return <Navigate to={SCREEN_ACCESS.admin(roles) ? '/admin' : '/account'} replace />;
}

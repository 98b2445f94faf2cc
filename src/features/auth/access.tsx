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

/** True when the signed-in user may use the screen. Without a session, none: guards fail closed. */
export function useMayUse(screen: Screen): boolean {
  const roles = useSessionRoles();
  return roles !== undefined && SCREEN_ACCESS[screen](roles);
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

/**
 * Where each role's work is (issue 16): the first role in this order that the
 * user holds decides, so a person with several roles lands on the broadest.
 * A case worker follows families (milestones and notes live on the family's
 * page; their tasks are one tap away in the nav).
 */
const ROLE_HOMES: readonly (readonly [Role, string])[] = [
  ['coordinator', '/dashboard'],
  ['volunteer', '/'],
  ['caseworker', '/'],
  ['case_officer', '/queue'],
  ['helpline_agent', '/helpline'],
  ['driver', '/driver'],
  ['admin', '/admin'],
];

/** The address of the first screen for these roles: "/" is the families list. */
export function homePathFor(roles: readonly Role[]): string {
  return ROLE_HOMES.find(([role]) => roles.includes(role))?.[1] ?? '/account';
}

/** The first screen of a role: its own work, never a screen it cannot use. */
export function RoleHome({ households }: { households: ReactNode }) {
  const roles = useSessionRoles();
  if (roles === undefined) return null;
  const home = homePathFor(roles);
  if (home === '/') return <>{households}</>;
  return <Navigate to={home} replace />;
}

/** The families list's address: "/" where it is the role's first screen, else its own. */
export function useFamiliesPath(): string {
  const roles = useSessionRoles();
  return roles !== undefined && homePathFor(roles) === '/' ? '/' : '/households';
}

/**
 * Which coordination screens a user's roles may use: conflict review, record
 * history, dashboards, monthly reports and exports. Asked from the access
 * matrix and the roles, the same way the nav and the routes ask elsewhere.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canRead, grantFor, type Role } from '../../domain/access';
import { useSessionRoles } from '../auth';

export const COORDINATION_SCREENS = {
  /** Conflicts replicate to whoever may write them: coordinators. */
  review: (roles: readonly Role[]) => grantFor(roles, 'conflicts').write,
  /** The audit log answers coordinators and admins only. */
  history: (roles: readonly Role[]) => roles.includes('coordinator') || roles.includes('admin'),
  /** Figures come from the device's own data: any role that holds families or calls. */
  dashboard: (roles: readonly Role[]) => roles.includes('coordinator') && (canRead(roles, 'households') || canRead(roles, 'calls')),
  reports: (roles: readonly Role[]) => roles.includes('coordinator'),
  /** Exports carry names: coordinators only, and every export is in the audit log. */
  export: (roles: readonly Role[]) => roles.includes('coordinator'),
  /** Imports write people's records at the coordinator's sites through the push service. */
  import: (roles: readonly Role[]) => roles.includes('coordinator'),
  /** A person's request (see or erase their data) is answered by the coordinators of the record's site. */
  requests: (roles: readonly Role[]) => roles.includes('coordinator'),
} as const;

export type CoordinationScreen = keyof typeof COORDINATION_SCREENS;

/** Without a session no screen shows: guards fail closed, as in features/auth/access.tsx. */
export function useMayCoordinate(screen: CoordinationScreen): boolean {
  const roles = useSessionRoles();
  return roles !== undefined && COORDINATION_SCREENS[screen](roles);
}

export function RequireCoordination({ screen, children }: { screen: CoordinationScreen; children: ReactNode }) {
  const { t } = useTranslation();
  if (useMayCoordinate(screen)) return <>{children}</>;
  return (
    <>
      <h1>{t('access.deniedTitle')}</h1>
      <p>{t('access.deniedBody')}</p>
    </>
  );
}

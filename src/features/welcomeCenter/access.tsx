/**
 * Which welcome-center screens and sections a user's roles may use, asked the
 * same way the nav and the routes ask (features/auth/access.tsx): from the
 * access matrix, so a screen shows only where the device holds its data.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { canRead, grantFor, type Role } from '../../domain/access';
import { useSessionRoles } from '../auth';

export const WELCOME_CENTER_SCREENS = {
  /** The driver's day list: reads and changes travel legs. */
  driver: (roles: readonly Role[]) => grantFor(roles, 'travelLegs').write,
  /** Who travels needs the family's members. */
  itinerary: (roles: readonly Role[]) => canRead(roles, 'travelLegs') && canRead(roles, 'people'),
  travelEdit: (roles: readonly Role[]) => grantFor(roles, 'travelLegs').write && canRead(roles, 'people'),
  travelView: (roles: readonly Role[]) => canRead(roles, 'travelLegs'),
  milestones: (roles: readonly Role[]) => canRead(roles, 'milestones'),
  milestonesEdit: (roles: readonly Role[]) => grantFor(roles, 'milestones').write,
  notes: (roles: readonly Role[]) => canRead(roles, 'caseNotes'),
  notesWrite: (roles: readonly Role[]) => grantFor(roles, 'caseNotes').write,
  tasks: (roles: readonly Role[]) => canRead(roles, 'tasks'),
  tasksWrite: (roles: readonly Role[]) => grantFor(roles, 'tasks').write,
  /** Reminders come from my tasks and, for those who work the cases, milestone deadlines. */
  reminders: (roles: readonly Role[]) => canRead(roles, 'tasks') || grantFor(roles, 'milestones').write,
  merge: (roles: readonly Role[]) => roles.includes('coordinator'),
} as const;

export type WelcomeCenterScreen = keyof typeof WELCOME_CENTER_SCREENS;

/** Without a session nothing shows: guards fail closed, as in features/auth/access.tsx. */
export function useMayUseWelcomeCenter(screen: WelcomeCenterScreen): boolean {
  const roles = useSessionRoles();
  return roles !== undefined && WELCOME_CENTER_SCREENS[screen](roles);
}

export function RequireWelcomeCenterAccess({ screen, children }: { screen: WelcomeCenterScreen; children: ReactNode }) {
  const { t } = useTranslation();
  if (useMayUseWelcomeCenter(screen)) return <>{children}</>;
  return (
    <>
      <h1>{t('access.deniedTitle')}</h1>
      <p>{t('access.deniedBody')}</p>
    </>
  );
}

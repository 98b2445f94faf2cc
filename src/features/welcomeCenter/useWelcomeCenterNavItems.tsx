import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../ui/navItem';
import { useSessionUser } from '../auth';
import { ReminderCount, ReminderNotifications } from '../tasks';
import { useMayUseWelcomeCenter } from './access';

/** Reminders read the device store, which is open only once someone is signed in. */
function useMayHaveReminders(): boolean {
  const signedIn = useSessionUser() !== undefined;
  return useMayUseWelcomeCenter('reminders') && signedIn;
}

/** The welcome center's screens for the app's nav, for the roles that may use them. */
export function useWelcomeCenterNavItems(): NavItem[] {
  const { t } = useTranslation();
  const driver = useMayUseWelcomeCenter('driver');
  const milestones = useMayUseWelcomeCenter('milestones');
  const tasks = useMayUseWelcomeCenter('tasks');
  const reminders = useMayHaveReminders();
  return [
    ...(driver ? [{ to: '/driver', label: t('welcomeNav.driver') }] : []),
    ...(milestones ? [{ to: '/cases/due', label: t('welcomeNav.due') }] : []),
    ...(tasks ? [{ to: '/tasks', label: t('welcomeNav.tasks') }] : []),
    ...(reminders ? [{ to: '/reminders', label: t('reminders.title'), badge: <ReminderCount /> }] : []),
  ];
}

/** What the welcome center does from the header whatever the screen: reminders' device notifications. */
export function WelcomeCenterHeaderEffects() {
  return useMayHaveReminders() ? <ReminderNotifications /> : null;
}

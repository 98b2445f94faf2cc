import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../ui/navItem';
import { useMayUseWelcomeCenter } from './access';

/** The welcome center's screens for the app's nav, for the roles that may use them. */
export function useWelcomeCenterNavItems(): NavItem[] {
  const { t } = useTranslation();
  const driver = useMayUseWelcomeCenter('driver');
  const milestones = useMayUseWelcomeCenter('milestones');
  const tasks = useMayUseWelcomeCenter('tasks');
  return [
    ...(driver ? [{ to: '/driver', label: t('welcomeNav.driver') }] : []),
    ...(milestones ? [{ to: '/cases/due', label: t('welcomeNav.due') }] : []),
    ...(tasks ? [{ to: '/tasks', label: t('welcomeNav.tasks') }] : []),
  ];
}

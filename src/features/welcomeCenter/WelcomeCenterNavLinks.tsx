import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMayUseWelcomeCenter } from './access';

/** The welcome center's screens in the app's nav, for the roles that may use them. */
export function WelcomeCenterNavLinks() {
  const { t } = useTranslation();
  const driver = useMayUseWelcomeCenter('driver');
  const milestones = useMayUseWelcomeCenter('milestones');
  const tasks = useMayUseWelcomeCenter('tasks');
  return (
    <>
      {driver ? <NavLink to="/driver">{t('welcomeNav.driver')}</NavLink> : null}
      {milestones ? <NavLink to="/cases/due">{t('welcomeNav.due')}</NavLink> : null}
      {tasks ? <NavLink to="/tasks">{t('welcomeNav.tasks')}</NavLink> : null}
    </>
  );
}

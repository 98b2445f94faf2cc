import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMayUseWelcomeCenter } from './access';
import { RemindersLink } from '../tasks/RemindersLink';
import { useSessionUser } from '../auth/useSession';

/** The welcome center's screens in the app's nav, for the roles that may use them. */
export function WelcomeCenterNavLinks() {
  const { t } = useTranslation();
  const driver = useMayUseWelcomeCenter('driver');
  const milestones = useMayUseWelcomeCenter('milestones');
  const tasks = useMayUseWelcomeCenter('tasks');
  // Reminders read the device store, which is open only once someone is signed in.
  const signedIn = useSessionUser() !== undefined;
  const reminders = useMayUseWelcomeCenter('reminders') && signedIn;
  return (
    <>
      {driver ? <NavLink to="/driver">{t('welcomeNav.driver')}</NavLink> : null}
      {milestones ? <NavLink to="/cases/due">{t('welcomeNav.due')}</NavLink> : null}
      {tasks ? <NavLink to="/tasks">{t('welcomeNav.tasks')}</NavLink> : null}
      {reminders ? <RemindersLink /> : null}
    </>
  );
}

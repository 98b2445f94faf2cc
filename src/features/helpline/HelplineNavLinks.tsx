import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { canRead, grantFor } from '../../domain/access';
import { useSessionRoles } from '../auth/useSession';

/** True when the user may use the call desk and queue. Without a session, neither: guards fail closed. */
export function useMayUseCalls(): { desk: boolean; queue: boolean } {
  const roles = useSessionRoles();
  if (roles === undefined) return { desk: false, queue: false };
  return { desk: grantFor(roles, 'calls').write, queue: canRead(roles, 'calls') };
}

/** The helpline's entries in the app's nav, for the roles that take or follow up calls. */
export function HelplineNavLinks() {
  const { t } = useTranslation();
  const { desk, queue } = useMayUseCalls();
  return (
    <>
      {desk ? <NavLink to="/helpline">{t('helpline.nav')}</NavLink> : null}
      {queue ? <NavLink to="/queue">{t('queue.nav')}</NavLink> : null}
    </>
  );
}

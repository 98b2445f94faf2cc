import { useTranslation } from 'react-i18next';
import { canRead, grantFor } from '../../domain/access';
import { useSessionRoles } from '../auth';
import type { NavItem } from '../../ui/navItem';

/** True when the user may use the call desk and queue. Without a session, neither: guards fail closed. */
export function useMayUseCalls(): { desk: boolean; queue: boolean } {
  const roles = useSessionRoles();
  if (roles === undefined) return { desk: false, queue: false };
  return { desk: grantFor(roles, 'calls').write, queue: canRead(roles, 'calls') };
}

/** The helpline's entries for the app's nav, for the roles that take or follow up calls. */
export function useHelplineNavItems(): NavItem[] {
  const { t } = useTranslation();
  const { desk, queue } = useMayUseCalls();
  return [
    ...(desk ? [{ to: '/helpline', label: t('helpline.nav') }] : []),
    ...(queue ? [{ to: '/queue', label: t('queue.nav') }] : []),
  ];
}

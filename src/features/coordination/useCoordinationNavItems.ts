import { useTranslation } from 'react-i18next';
import type { NavItem } from '../../ui/navItem';
import { useMayCoordinate } from './access';

/** Coordination screens for the app's nav, for the roles that may use them. */
export function useCoordinationNavItems(): NavItem[] {
  const { t } = useTranslation();
  const review = useMayCoordinate('review');
  const dashboard = useMayCoordinate('dashboard');
  const reports = useMayCoordinate('reports');
  const exportScreen = useMayCoordinate('export');
  const importScreen = useMayCoordinate('import');
  const requests = useMayCoordinate('requests');
  return [
    ...(review ? [{ to: '/review', label: t('review.nav') }] : []),
    ...(dashboard ? [{ to: '/dashboard', label: t('dashboard.nav') }] : []),
    ...(reports ? [{ to: '/reports', label: t('reports.nav') }] : []),
    ...(exportScreen ? [{ to: '/export', label: t('export.nav') }] : []),
    ...(importScreen ? [{ to: '/import', label: t('import.nav') }] : []),
    ...(requests ? [{ to: '/requests', label: t('requests.nav') }] : []),
  ];
}

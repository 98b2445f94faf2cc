import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMayCoordinate } from './access';

/** Coordination screens in the app's nav, for the roles that may use them. */
export function CoordinationNavLinks() {
  const { t } = useTranslation();
  const review = useMayCoordinate('review');
  const dashboard = useMayCoordinate('dashboard');
  const reports = useMayCoordinate('reports');
  const exportScreen = useMayCoordinate('export');
  const importScreen = useMayCoordinate('import');
  return (
    <>
      {review ? <NavLink to="/review">{t('review.nav')}</NavLink> : null}
      {dashboard ? <NavLink to="/dashboard">{t('dashboard.nav')}</NavLink> : null}
      {reports ? <NavLink to="/reports">{t('reports.nav')}</NavLink> : null}
      {exportScreen ? <NavLink to="/export">{t('export.nav')}</NavLink> : null}
      {importScreen ? <NavLink to="/import">{t('import.nav')}</NavLink> : null}
    </>
  );
}

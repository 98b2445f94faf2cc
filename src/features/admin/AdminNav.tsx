import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('admin.navLabel')} className="tabs">
      <NavLink to="/admin" end>
        {t('admin.users')}
      </NavLink>
      <NavLink to="/admin/sites">{t('admin.sitesAndUnits')}</NavLink>
      <NavLink to="/admin/devices">{t('admin.devices.title')}</NavLink>
      <NavLink to="/admin/device-scope">{t('admin.scope.title')}</NavLink>
    </nav>
  );
}

import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FormMessage } from '../../ui/FormMessage';

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

/** The top of a page that shows the administration data: its title, the admin tabs, and whether the data came. */
export function AdminDataPageHead({
  title,
  loading,
  failed,
}: {
  title: string;
  loading: boolean;
  failed: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{title}</h1>
      <AdminNav />
      {loading ? <p role="status">{t('admin.loading')}</p> : null}
      <FormMessage message={failed ? { ok: false, text: t('admin.error.loadFailed') } : undefined} />
    </>
  );
}

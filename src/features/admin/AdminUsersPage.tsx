import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataColumn } from '../../ui/DataTable';
import type { AdminUser } from '../../domain/accounts';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useAdminData } from './useAdminData';
import { AddUserForm } from './AddUserForm';
import { AdminDataPageHead } from './AdminNav';

/** Every account: who, which roles and sites, and whether it can sign in. */
export function AdminUsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.users'));
  const { users, sites, units, loading, failed, reload } = useAdminData();
  const columns = useMemo((): DataColumn<AdminUser>[] => {
    const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;
    const roles = (user: AdminUser) => user.roles.map((role) => t(`role.${role}`)).join(', ');
    const status = (user: AdminUser) => (user.disabled ? t('admin.user.disabled') : t('admin.user.active'));
    return [
      {
        id: 'name',
        header: t('admin.user.displayName'),
        cell: (user) => <Link to={`/admin/users/${user.id}`}>{user.displayName}</Link>,
        sortValue: (user) => user.displayName,
      },
      {
        id: 'username',
        header: t('admin.user.username'),
        cell: (user) => user.username,
        sortValue: (user) => user.username,
      },
      { id: 'roles', header: t('admin.user.roles'), cell: roles, sortValue: roles },
      {
        id: 'sites',
        header: t('admin.user.sites'),
        cell: (user) => user.siteIds.map(siteName).join(', '),
        sortValue: (user) => user.siteIds.map(siteName).join(', '),
      },
      { id: 'status', header: t('admin.user.status'), cell: status, sortValue: status },
    ];
  }, [sites, t]);

  return (
    <>
      <AdminDataPageHead title={t('admin.users')} loading={loading} failed={failed} />
      {!loading && !failed ? (
        <DataTable
          caption={t('admin.users')}
          rows={users}
          columns={columns}
          getRowId={(user) => user.id}
          defaultSort="name"
          empty={<p>{t('admin.noUsers')}</p>}
        />
      ) : null}
      {!failed && !loading ? <AddUserForm sites={sites} units={units} onAdded={() => void reload()} /> : null}
    </>
  );
}

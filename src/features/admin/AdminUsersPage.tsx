import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useAdminData } from './useAdminData';
import { AddUserForm } from './AddUserForm';
import { AdminNav } from './AdminNav';

/** Every account: who, which roles and sites, and whether it can sign in. */
export function AdminUsersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.users'));
  const { users, sites, units, loading, failed, reload } = useAdminData();
  const siteName = (id: string) => sites.find((s) => s.id === id)?.name ?? id;

  return (
    <>
      <h1>{t('admin.users')}</h1>
      <AdminNav />
      {loading ? <p role="status">{t('admin.loading')}</p> : null}
      {failed ? (
        <p className="form-message form-message--error" role="alert">
          {t('admin.error.loadFailed')}
        </p>
      ) : null}
      {users.length > 0 ? (
        <div className="table-scroll">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.user.displayName')}</th>
                <th scope="col">{t('admin.user.username')}</th>
                <th scope="col">{t('admin.user.roles')}</th>
                <th scope="col">{t('admin.user.sites')}</th>
                <th scope="col">{t('admin.user.status')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/users/${user.id}`}>{user.displayName}</Link>
                  </td>
                  <td>{user.username}</td>
                  <td>{user.roles.map((role) => t(`role.${role}`)).join(', ')}</td>
                  <td>{user.siteIds.map(siteName).join(', ')}</td>
                  <td>{user.disabled ? t('admin.user.disabled') : t('admin.user.active')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {!failed && !loading ? <AddUserForm sites={sites} units={units} onAdded={() => void reload()} /> : null}
    </>
  );
}

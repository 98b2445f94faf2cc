import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { ROLES } from '../../domain/access';
import type { DeviceScopeSettings } from '../../domain/deviceScope';
import { api } from '../../sync/apiClient';
import { AdminNav } from './AdminNav';
import { DeviceScopeSiteForm } from './DeviceScopeSiteForm';
import { useAdminData } from './useAdminData';
import { useApiErrorText } from './useApiErrorText';

/**
 * How long records stay on devices after the family departed or the call
 * closed, per site and role (issue 21 item 1). Online only, like the rest of
 * administration.
 */
export function AdminDeviceScopePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('admin.scope.title'));
  const errorText = useApiErrorText();
  const { sites } = useAdminData();
  const [settings, setSettings] = useState<DeviceScopeSettings | undefined>();
  const [error, setError] = useState<string | undefined>();

  const load = useCallback(async () => {
    try {
      setSettings(await api.deviceScope.read());
      setError(undefined);
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [errorText]);
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <h1>{t('admin.scope.title')}</h1>
      <AdminNav />
      <p>{t('admin.scope.intro')}</p>
      <p className="field__hint">
        {t('admin.scope.defaults', {
          list: ROLES.map((role) => {
            const days = settings?.defaults[role];
            return `${t(`role.${role}`)}: ${days === null || days === undefined ? t('admin.scope.all') : t('admin.scope.days', { count: days })}`;
          }).join(' · '),
        })}
      </p>
      {error ? (
        <p role="alert" className="form-message form-message--error">
          {error}
        </p>
      ) : null}
      {settings === undefined && !error ? <p>{t('admin.loading')}</p> : null}
      {settings?.sites.map((site) => (
        <DeviceScopeSiteForm
          key={site.siteId}
          siteId={site.siteId}
          siteName={sites.find((s) => s.id === site.siteId)?.name ?? site.siteId}
          keepDays={site.keepDays}
          onSaved={setSettings}
        />
      ))}
    </>
  );
}

import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { formatRelativeTime } from '../../app/format';
import { DEFAULT_STALE_DAYS, type DeviceHealth } from '../../domain/devices';
import { api } from '../../sync/apiClient';
import { AdminNav } from './AdminNav';
import { DeviceRevokeCell } from './DeviceRevokeCell';
import { useAdminData } from './useAdminData';
import { useApiErrorText } from './useApiErrorText';

const STALE_DAY_CHOICES = [1, 3, 7, 14, 30] as const;

function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0);
}

/**
 * Every person's device and its sync health, devices not synced for the
 * chosen number of days or holding set-aside changes first; each can be
 * revoked. Online only, like the rest of administration.
 */
export function AdminDevicesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('admin.devices.title'));
  const errorText = useApiErrorText();
  const { sites } = useAdminData();
  const [staleDays, setStaleDays] = useState<number>(DEFAULT_STALE_DAYS);
  const [devices, setDevices] = useState<DeviceHealth[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const siteName = (id: string) => sites.find((site) => site.id === id)?.name ?? id;

  const reload = useCallback(async () => {
    try {
      const answer = await api.devices.list(staleDays);
      setDevices(answer.devices);
      setError(undefined);
    } catch (failure) {
      setError(errorText(failure));
    }
  }, [staleDays, errorText]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const now = new Date();
  return (
    <>
      <h1>{t('admin.devices.title')}</h1>
      <AdminNav />
      <p>{t('admin.devices.intro')}</p>
      <label className="field" htmlFor="stale-days">
        <span className="field__label">{t('admin.devices.staleDays')}</span>
        <select id="stale-days" value={staleDays} onChange={(event) => setStaleDays(Number(event.target.value))}>
          {STALE_DAY_CHOICES.map((days) => (
            <option key={days} value={days}>
              {t('admin.devices.days', { count: days })}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" className="button" onClick={() => void reload()}>
        {t('admin.devices.refresh')}
      </button>
      {devices === undefined && !error ? <p role="status">{t('admin.loading')}</p> : null}
      {error ? (
        <p className="form-message form-message--error" role="alert">
          {error}
        </p>
      ) : null}
      {devices && devices.length === 0 ? <p>{t('admin.devices.none')}</p> : null}
      {devices && devices.length > 0 ? (
        <div className="table-scroll">
          <table className="admin-table" aria-label={t('admin.devices.title')}>
            <thead>
              <tr>
                <th scope="col">{t('admin.devices.person')}</th>
                <th scope="col">{t('admin.devices.device')}</th>
                <th scope="col">{t('admin.devices.sites')}</th>
                <th scope="col">{t('admin.devices.lastSync')}</th>
                <th scope="col">{t('admin.devices.pending')}</th>
                <th scope="col">{t('admin.devices.setAside')}</th>
                <th scope="col">{t('admin.devices.version')}</th>
                <th scope="col">{t('admin.devices.storage')}</th>
                <th scope="col">{t('admin.devices.action')}</th>
              </tr>
            </thead>
            <tbody>
              {devices.map((device) => {
                const { report } = device;
                return (
                  <tr
                    key={`${device.userId}/${device.deviceId}`}
                    className={device.needsAttention ? 'admin-table__attention' : undefined}
                  >
                    <th scope="row">
                      {device.displayName} <small>({device.username})</small>
                      {device.stale ? <div className="field__error">{t('admin.devices.stale', { count: staleDays })}</div> : null}
                    </th>
                    <td>
                      {device.name ?? report.deviceName ?? t('admin.devices.unnamed')}{' '}
                      <small>{device.name && report.deviceName ? `${report.deviceName} · ${device.deviceId}` : device.deviceId}</small>
                    </td>
                    <td>{device.siteIds.map(siteName).join(', ')}</td>
                    <td>
                      {device.lastSyncAt
                        ? formatRelativeTime(new Date(device.lastSyncAt), now, i18n.language)
                        : t('admin.devices.never')}
                      <br />
                      <small>
                        {t('admin.devices.lastSeen', {
                          when: formatRelativeTime(new Date(device.lastSeenAt), now, i18n.language),
                        })}
                      </small>
                    </td>
                    <td data-label="pending">{report.pendingCount}</td>
                    <td className={report.setAsideCount > 0 ? 'field__error' : undefined}>{report.setAsideCount}</td>
                    <td>{report.appVersion}</td>
                    <td>
                      {report.storageUsedBytes === undefined
                        ? t('admin.devices.unknown')
                        : t('admin.devices.megabytes', { value: megabytes(report.storageUsedBytes) })}
                      <br />
                      <small>
                        {report.storagePersisted === undefined
                          ? t('admin.devices.unknown')
                          : report.storagePersisted
                            ? t('admin.devices.persisted')
                            : t('admin.devices.notPersisted')}
                      </small>
                    </td>
                    <td>
                      <DeviceRevokeCell device={device} onRevoked={() => void reload()} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

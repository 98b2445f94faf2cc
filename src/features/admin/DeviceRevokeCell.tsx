import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceHealth } from '../../domain/devices';
import { api } from '../../sync/apiClient';
import { useApiErrorText } from './useApiErrorText';

/** "Revoke device", asked twice: the person's sessions on it end and the device removes its data. */
export function DeviceRevokeCell({ device, onRevoked }: { device: DeviceHealth; onRevoked: () => void }) {
  const { t } = useTranslation();
  const errorText = useApiErrorText();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const name = device.report.deviceName ?? device.deviceId;

  if (device.wipedAt) return <span>{t('admin.devices.wiped')}</span>;
  if (device.revokedAt) return <span>{t('admin.devices.revoked')}</span>;
  if (!confirming) {
    return (
      <button type="button" className="button" onClick={() => setConfirming(true)}>
        {t('admin.devices.revoke')}
      </button>
    );
  }
  const revoke = async () => {
    setBusy(true);
    try {
      await api.devices.revoke({ userId: device.userId, deviceId: device.deviceId });
      setConfirming(false);
      onRevoked();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div role="group" aria-label={t('admin.devices.revoke')}>
      <p>{t('admin.devices.revokeExplain', { person: device.displayName, device: name })}</p>
      <button type="button" className="button button--danger" disabled={busy} onClick={() => void revoke()}>
        {t('admin.devices.revokeConfirm')}
      </button>{' '}
      <button type="button" className="button" onClick={() => setConfirming(false)}>
        {t('admin.devices.cancel')}
      </button>
      {error ? (
        <p className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

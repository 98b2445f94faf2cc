import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DatabaseProvider } from './DatabaseProvider';
import { openDeviceStore, type DeviceStore } from './deviceStore';

type Startup = { state: 'opening' } | { state: 'failed' } | { state: 'ready'; store: DeviceStore };

/** Opens the device store before anything that reads it renders; says so if it cannot. */
export function AppRoot({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [startup, setStartup] = useState<Startup>({ state: 'opening' });

  const start = useCallback(() => {
    let current = true;
    setStartup({ state: 'opening' });
    openDeviceStore().then(
      (store) => current && setStartup({ state: 'ready', store }),
      (failure: unknown) => {
        console.error('opening the device store failed', failure);
        if (current) setStartup({ state: 'failed' });
      },
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(start, [start]);

  if (startup.state === 'ready') {
    return <DatabaseProvider db={startup.store.db}>{children}</DatabaseProvider>;
  }
  return (
    <main className="startup" id="main">
      {startup.state === 'opening' ? (
        <h1 role="status">{t('app.loading')}</h1>
      ) : (
        <>
          <h1>{t('app.startFailed')}</h1>
          <p>{t('app.startFailedHint')}</p>
          <button type="button" className="button button--primary" onClick={start}>
            {t('app.retry')}
          </button>
        </>
      )}
    </main>
  );
}

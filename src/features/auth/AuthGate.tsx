import { useCallback, useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state';
import { DatabaseProvider } from '../../app/DatabaseProvider';
import { forgetLegacyDeviceKey } from '../../db/deviceKey';
import { idleSettingsStore } from './idleSettings';
import { authStore, lockNow, startAuth } from './session';
import { useIdleLock } from './useIdleLock';
import { SignInPage } from './SignInPage';
import { PinSetupPage } from './PinSetupPage';
import { ChoosePasswordPage } from './ChoosePasswordPage';
import { UnlockPage } from './UnlockPage';
import { SessionEndedBanner } from './SessionEndedBanner';
import './auth.css';

function IdleLock() {
  const minutes = useStore(idleSettingsStore, (state) => state.idleMinutes);
  const onIdle = useCallback(() => void lockNow(), []);
  useIdleLock(minutes, onIdle);
  return null;
}

/** Nothing below renders until a user has unlocked their own database on this device. */
export function AuthGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const screen = useStore(authStore, (state) => state.screen);

  useEffect(() => {
    forgetLegacyDeviceKey();
    startAuth();
  }, []);

  switch (screen.view) {
    case 'signIn':
      return <SignInPage notice={screen.notice} canGoBack={screen.canGoBack} />;
    case 'choosePassword':
      return <ChoosePasswordPage displayName={screen.displayName} />;
    case 'setPin':
      return <PinSetupPage displayName={screen.displayName} />;
    case 'locked':
      return (
        <UnlockPage
          key={screen.account.userId}
          account={screen.account}
          passwordChanged={screen.passwordChanged}
        />
      );
    case 'unlocked':
      return (
        <DatabaseProvider db={screen.db}>
          <IdleLock />
          <SessionEndedBanner />
          {children}
        </DatabaseProvider>
      );
    case 'revoking':
      return (
        <main className="startup" id="main">
          <h1>{t('auth.revoking.title')}</h1>
          <p role="status">{t('auth.revoking.body', { name: screen.displayName })}</p>
        </main>
      );
    case 'failed':
      return (
        <main className="startup" id="main">
          <h1>{t('app.startFailed')}</h1>
          <p>{t('app.startFailedHint')}</p>
          <button type="button" className="button button--primary" onClick={startAuth}>
            {t('app.retry')}
          </button>
        </main>
      );
    case 'starting':
    case 'opening':
      return (
        <main className="startup" id="main">
          <h1 role="status">{t('app.loading')}</h1>
        </main>
      );
  }
}

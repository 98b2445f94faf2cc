import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { LanguageSwitcher } from '../../app/LanguageSwitcher';
import { MAX_PIN_ATTEMPTS, PIN_MAX_LENGTH, WARN_PIN_ATTEMPTS } from '../../db/keyring';
import { forgotPin, switchUser, unlockWithPin, type LockedAccount } from './session';

/** The app is locked: the PIN opens this user's data, offline. */
export function UnlockPage({
  account,
  passwordChanged,
}: {
  account: LockedAccount;
  passwordChanged: boolean;
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.unlock.title'));
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [attemptsLeft, setAttemptsLeft] = useState<number | undefined>();
  const [failed, setFailed] = useState(false);
  const failedSoFar = account.failedPinAttempts;
  const left = attemptsLeft ?? MAX_PIN_ATTEMPTS - failedSoFar;
  const warn = failedSoFar >= WARN_PIN_ATTEMPTS;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!pin) return;
    setBusy(true);
    setFailed(false);
    try {
      const result = await unlockWithPin(account.userId, pin);
      if (!result.ok) setAttemptsLeft(result.attemptsLeft);
    } catch (error) {
      console.error('unlocking failed', error);
      setFailed(true);
    }
    setPin('');
    setBusy(false);
  };

  return (
    <main className="startup auth-screen" id="main">
      <div className="auth-screen__top">
        <LanguageSwitcher />
      </div>
      <h1>{t('auth.unlock.title')}</h1>
      <p>{t('auth.unlock.who', { name: account.displayName, username: account.username })}</p>
      {passwordChanged ? <p className="form-message">{t('auth.unlock.passwordChanged')}</p> : null}
      <form className="auth-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field id="unlock-pin" label={t('auth.unlock.pin')}>
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              maxLength={PIN_MAX_LENGTH}
              value={pin}
              onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
            />
          )}
        </Field>
        {attemptsLeft !== undefined ? (
          <p className="form-message form-message--error" role="alert">
            {t('auth.unlock.wrongPin', { count: attemptsLeft })}
          </p>
        ) : null}
        {failed ? (
          <p className="form-message form-message--error" role="alert">
            {t('auth.unlock.failed')}
          </p>
        ) : null}
        {warn ? (
          <div className="form-message form-message--error" role="note">
            <p>
              {t('auth.unlock.wipeWarning', {
                count: left,
                max: MAX_PIN_ATTEMPTS,
                name: account.displayName,
              })}
            </p>
            <p>
              {account.unsyncedAtLock > 0
                ? t('auth.unlock.wipeLosesChanges', { count: account.unsyncedAtLock })
                : t('auth.unlock.wipeLosesUnsynced')}
            </p>
          </div>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('auth.unlock.busy') : t('auth.unlock.submit')}
          </button>
        </div>
      </form>
      <div className="form-actions">
        <button type="button" className="button button--quiet" onClick={forgotPin}>
          {t('auth.unlock.forgotPin')}
        </button>
        <button type="button" className="button button--quiet" onClick={() => void switchUser()}>
          {t('auth.unlock.switchUser')}
        </button>
      </div>
    </main>
  );
}

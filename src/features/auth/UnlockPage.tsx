import { useState, type ChangeEvent } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { InputField } from '../../ui/InputField';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { LanguageSwitcher } from '../../app/LanguageSwitcher';
import { MAX_PIN_ATTEMPTS, PIN_MAX_LENGTH, WARN_PIN_ATTEMPTS } from '../../db/keyring';
import { forgotPin, switchUser, unlockWithPin, type LockedAccount } from './session';

/** Only an empty box is refused here: any other PIN is tried, and a wrong one counts against the device. */
const unlockSchema = z.object({ pin: z.string().min(1) });

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
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(unlockSchema), defaultValues: { pin: '' } });
  const [attemptsLeft, setAttemptsLeft] = useState<number | undefined>();
  const [failed, setFailed] = useState(false);
  const failedSoFar = account.failedPinAttempts;
  const left = attemptsLeft ?? MAX_PIN_ATTEMPTS - failedSoFar;
  const warn = failedSoFar >= WARN_PIN_ATTEMPTS;
  const pin = register('pin');

  const onSubmit = handleSubmit(async (values) => {
    setFailed(false);
    try {
      const result = await unlockWithPin(account.userId, values.pin);
      if (!result.ok) setAttemptsLeft(result.attemptsLeft);
    } catch (error) {
      console.error('unlocking failed', error);
      setFailed(true);
    }
    setValue('pin', '');
  });

  return (
    <main className="startup auth-screen" id="main">
      <div className="auth-screen__top">
        <LanguageSwitcher />
      </div>
      <h1>{t('auth.unlock.title')}</h1>
      <p>{t('auth.unlock.who', { name: account.displayName, username: account.username })}</p>
      {passwordChanged ? <p className="form-message">{t('auth.unlock.passwordChanged')}</p> : null}
      <form className="auth-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <InputField
          id="unlock-pin"
          label={t('auth.unlock.pin')}
          error={errors.pin ? t('auth.unlock.required') : undefined}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={PIN_MAX_LENGTH}
          {...pin}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            // Digits only, as the PIN was chosen.
            event.target.value = event.target.value.replace(/\D/g, '');
            return pin.onChange(event);
          }}
        />
        <FormMessage
          message={failureMessage(
            attemptsLeft !== undefined ? t('auth.unlock.wrongPin', { count: attemptsLeft }) : undefined,
          )}
        />
        <FormMessage message={failureMessage(failed ? t('auth.unlock.failed') : undefined)} />
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
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            {isSubmitting ? t('auth.unlock.busy') : t('auth.unlock.submit')}
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

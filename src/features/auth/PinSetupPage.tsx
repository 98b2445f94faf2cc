import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { isGuessablePin, isValidPin, PIN_MAX_LENGTH, PIN_MIN_LENGTH } from '../../db/keyring';
import { describeBrowser, getDeviceName } from '../../db/deviceKey';
import { DEVICE_NAME_MAX_LENGTH } from '../../domain/accounts';
import { choosePin } from './session';

type PinProblem = 'format' | 'guessable' | 'mismatch';

function problemOf(pin: string, confirm: string): { pin?: PinProblem; confirm?: PinProblem } {
  if (!isValidPin(pin)) return { pin: 'format' };
  if (isGuessablePin(pin)) return { pin: 'guessable' };
  if (pin !== confirm) return { confirm: 'mismatch' };
  return {};
}

/** After the first online sign-in: the PIN that unlocks this device's data offline. */
export function PinSetupPage({ displayName }: { displayName: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.pinSetup.title'));
  const [defaultName] = useState(() => {
    const { browser, system } = describeBrowser(navigator.userAgent);
    return browser && system ? t('auth.pinSetup.deviceDefault', { browser, system }) : t('auth.pinSetup.deviceFallback');
  });
  const [deviceName, setDeviceName] = useState(() => getDeviceName() ?? defaultName);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const problems = submitted ? problemOf(pin, confirm) : {};
  const text = (problem: PinProblem | undefined) =>
    problem ? t(`auth.pinSetup.error.${problem}`, { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH }) : undefined;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    const found = problemOf(pin, confirm);
    if (found.pin || found.confirm) return;
    setBusy(true);
    setFailed(false);
    try {
      await choosePin(pin, deviceName.trim() || defaultName);
    } catch (error) {
      console.error('setting the PIN failed', error);
      setFailed(true);
      setBusy(false);
    }
  };

  return (
    <main className="startup auth-screen" id="main">
      <h1>{t('auth.pinSetup.title')}</h1>
      <p>{t('auth.pinSetup.intro', { name: displayName, min: PIN_MIN_LENGTH })}</p>
      <form className="auth-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <Field
          id="pin-new"
          label={t('auth.pinSetup.pin')}
          hint={t('auth.pinSetup.hint', { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH })}
          error={text(problems.pin)}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              maxLength={PIN_MAX_LENGTH}
              value={pin}
              onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
            />
          )}
        </Field>
        <Field id="pin-confirm" label={t('auth.pinSetup.confirm')} error={text(problems.confirm)}>
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              inputMode="numeric"
              autoComplete="new-password"
              maxLength={PIN_MAX_LENGTH}
              value={confirm}
              onChange={(event) => setConfirm(event.target.value.replace(/\D/g, ''))}
            />
          )}
        </Field>
        <Field id="device-name" label={t('auth.pinSetup.deviceName')} hint={t('auth.pinSetup.deviceNameHint')}>
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="off"
              maxLength={DEVICE_NAME_MAX_LENGTH}
              placeholder={defaultName}
              value={deviceName}
              onChange={(event) => setDeviceName(event.target.value)}
            />
          )}
        </Field>
        {failed ? (
          <p className="form-message form-message--error" role="alert">
            {t('auth.pinSetup.failed')}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('auth.pinSetup.busy') : t('auth.pinSetup.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}

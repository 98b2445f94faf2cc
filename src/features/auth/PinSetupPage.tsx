import { useState, type ChangeEvent } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { InputField } from '../../ui/InputField';
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

/** One problem at a time, on the field it belongs to; its message is the problem's name. */
const pinSetupSchema = z
  .object({ pin: z.string(), confirm: z.string(), deviceName: z.string() })
  .superRefine((values, context) => {
    for (const [field, problem] of Object.entries(problemOf(values.pin, values.confirm))) {
      context.addIssue({ code: 'custom', path: [field], message: problem });
    }
  });

function isPinProblem(message: string | undefined): message is PinProblem {
  return message === 'format' || message === 'guessable' || message === 'mismatch';
}

/** A PIN box: numeric keypad, hidden, and anything but digits is dropped as it is typed. */
function pinInput(field: UseFormRegisterReturn) {
  return {
    ...field,
    type: 'password',
    inputMode: 'numeric',
    autoComplete: 'new-password',
    maxLength: PIN_MAX_LENGTH,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      event.target.value = event.target.value.replace(/\D/g, '');
      return field.onChange(event);
    },
  } as const;
}

/** After the first online sign-in: the PIN that unlocks this device's data offline. */
export function PinSetupPage({ displayName }: { displayName: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.pinSetup.title'));
  const [defaultName] = useState(() => {
    const { browser, system } = describeBrowser(navigator.userAgent);
    return browser && system
      ? t('auth.pinSetup.deviceDefault', { browser, system })
      : t('auth.pinSetup.deviceFallback');
  });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({
    resolver: zodResolver(pinSetupSchema),
    defaultValues: { pin: '', confirm: '', deviceName: getDeviceName() ?? defaultName },
  });
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const text = (message: string | undefined) =>
    isPinProblem(message)
      ? t(`auth.pinSetup.error.${message}`, { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH })
      : undefined;

  const onSubmit = handleSubmit(async ({ pin, deviceName }) => {
    setBusy(true);
    setFailed(false);
    try {
      await choosePin(pin, deviceName.trim() || defaultName);
    } catch (error) {
      console.error('setting the PIN failed', error);
      setFailed(true);
      setBusy(false);
    }
  });

  return (
    <main className="startup auth-screen" id="main">
      <h1>{t('auth.pinSetup.title')}</h1>
      <p>{t('auth.pinSetup.intro', { name: displayName, min: PIN_MIN_LENGTH })}</p>
      <form className="auth-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <InputField
          id="pin-new"
          label={t('auth.pinSetup.pin')}
          hint={t('auth.pinSetup.hint', { min: PIN_MIN_LENGTH, max: PIN_MAX_LENGTH })}
          error={text(errors.pin?.message)}
          {...pinInput(register('pin', { deps: ['confirm'] }))}
        />
        <InputField
          id="pin-confirm"
          label={t('auth.pinSetup.confirm')}
          error={text(errors.confirm?.message)}
          {...pinInput(register('confirm'))}
        />
        <InputField
          id="device-name"
          label={t('auth.pinSetup.deviceName')}
          hint={t('auth.pinSetup.deviceNameHint')}
          type="text"
          autoComplete="off"
          maxLength={DEVICE_NAME_MAX_LENGTH}
          placeholder={defaultName}
          {...register('deviceName')}
        />
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

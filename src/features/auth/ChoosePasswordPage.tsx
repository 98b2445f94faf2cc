import { useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { InputField } from '../../ui/InputField';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/accounts';
import { cancelOwnPassword, chooseOwnPassword } from './session';

type Problem = 'tooShort' | 'tooLong' | 'mismatch';
type Failure = 'wrongCurrent' | 'tooWeak' | 'sameAsCurrent' | 'offline' | 'server' | 'cannotOpen';

/** The same rules the server applies (newPasswordSchema), checked here so the person hears them at once. */
function problemOf(password: string, confirm: string): { password?: Problem; confirm?: Problem } {
  if (password.length < PASSWORD_MIN_LENGTH) return { password: 'tooShort' };
  if (password.length > PASSWORD_MAX_LENGTH) return { password: 'tooLong' };
  if (password !== confirm) return { confirm: 'mismatch' };
  return {};
}

/** One problem at a time, on the field it belongs to; its message is the problem's name. */
const choosePasswordSchema = z
  .object({ password: z.string(), confirm: z.string() })
  .superRefine((values, context) => {
    for (const [field, problem] of Object.entries(problemOf(values.password, values.confirm))) {
      context.addIssue({ code: 'custom', path: [field], message: problem });
    }
  });

function isProblem(message: string | undefined): message is Problem {
  return message === 'tooShort' || message === 'tooLong' || message === 'mismatch';
}

/**
 * After signing in with a password someone else chose (the first admin's, or
 * one an administrator set): the person chooses their own before anything
 * else, and before the PIN, so this device keeps their data under it.
 */
export function ChoosePasswordPage({ displayName }: { displayName: string }) {
  const { t } = useTranslation();
  useDocumentTitle(t('auth.choosePassword.title'));
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({ resolver: zodResolver(choosePasswordSchema), defaultValues: { password: '', confirm: '' } });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();
  const limits = { min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH };
  const text = (message: string | undefined) =>
    isProblem(message) ? t(`auth.choosePassword.error.${message}`, limits) : undefined;

  const onSubmit = handleSubmit(async ({ password }) => {
    setBusy(true);
    setFailure(undefined);
    try {
      const result = await chooseOwnPassword(password);
      if (!result.ok) {
        setFailure(result.reason);
        setBusy(false);
      }
    } catch (error) {
      console.error('changing the password failed', error);
      setFailure('server');
      setBusy(false);
    }
  });

  return (
    <main className="startup auth-screen" id="main">
      <h1>{t('auth.choosePassword.title')}</h1>
      <p>{t('auth.choosePassword.intro', { name: displayName })}</p>
      <form className="auth-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <InputField
          id="password-new"
          label={t('auth.choosePassword.password')}
          hint={t('auth.choosePassword.hint', limits)}
          error={text(errors.password?.message)}
          type="password"
          autoComplete="new-password"
          {...register('password', { deps: ['confirm'] })}
        />
        <InputField
          id="password-confirm"
          label={t('auth.choosePassword.confirm')}
          error={text(errors.confirm?.message)}
          type="password"
          autoComplete="new-password"
          {...register('confirm')}
        />
        {failure ? (
          <p className="form-message form-message--error" role="alert">
            {failure === 'cannotOpen'
              ? t('auth.error.cannotOpen')
              : t(`auth.choosePassword.failed.${failure}`, limits)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('auth.choosePassword.busy') : t('auth.choosePassword.submit')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void cancelOwnPassword()}>
            {t('auth.choosePassword.cancel')}
          </button>
        </div>
      </form>
    </main>
  );
}

import { useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { loginRequestSchema, PASSWORD_MAX_LENGTH } from '../../domain/accounts';
import { InputField } from '../../ui/InputField';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { LanguageSwitcher } from '../../app/LanguageSwitcher';
import { DemoAccounts } from '../demo';
import { formatTime } from '../../ui/dates';
import {
  backToLock,
  deviceAccountNamed,
  showLockScreenFor,
  signIn,
  type SignInNotice,
  type SignInResult,
} from './session';

type Failure = Exclude<SignInResult, { ok: true }>;

/** What the server accepts as a sign-in (loginRequestSchema), the username as typed less its outer spaces. */
const signInSchema = loginRequestSchema.pick({ username: true, password: true }).extend({
  username: z.string().trim().pipe(loginRequestSchema.shape.username),
});

/** Online sign-in: username and password. The first sign-in on a device needs a connection. */
export function SignInPage({ notice, canGoBack }: { notice?: SignInNotice | undefined; canGoBack: boolean }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('auth.signIn.title'));
  const {
    register,
    control,
    handleSubmit,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(signInSchema), defaultValues: { username: '', password: '' } });
  const username = useWatch({ control, name: 'username' });
  const [failure, setFailure] = useState<Failure | undefined>();

  const onSubmit = handleSubmit(async (credentials) => {
    setFailure(undefined);
    const result = await signIn(credentials, notice === 'forgotPin');
    if (!result.ok) {
      setFailure(result);
      setValue('password', '');
    }
  });

  /** An empty box is asked for; one longer than any account's cannot be right. */
  const fieldText = (error: FieldError | undefined, tooLong: string): string | undefined => {
    if (!error) return undefined;
    return error.type === 'too_small' ? t('auth.error.required') : tooLong;
  };

  const offlineAccount = failure?.reason === 'offline' ? deviceAccountNamed(username) : undefined;

  function failureText(f: Failure): string {
    switch (f.reason) {
      case 'invalidCredentials':
        return t('auth.error.invalidCredentials');
      case 'locked':
        return f.retryAt
          ? t('auth.error.lockedUntil', {
              time: formatTime(f.retryAt, i18n.language),
            })
          : t('auth.error.locked');
      case 'offline':
        return offlineAccount ? t('auth.error.offlineUsePin') : t('auth.error.offlineFirstSignIn');
      case 'cannotOpen':
        return t('auth.error.cannotOpen');
      case 'server':
        return t('auth.error.server', { status: f.status });
    }
  }

  return (
    <main className="startup auth-screen" id="main">
      <div className="auth-screen__top">
        <LanguageSwitcher />
      </div>
      <h1>{t('auth.signIn.title')}</h1>
      {notice && notice !== 'forgotPin' ? (
        <p className="form-message" role="status">
          {t(`auth.signIn.notice.${notice}`)}
        </p>
      ) : null}
      {notice === 'forgotPin' ? <p>{t('auth.signIn.forgotPinIntro')}</p> : <p>{t('auth.signIn.intro')}</p>}
      <form className="auth-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <InputField
          id="sign-in-username"
          label={t('auth.signIn.username')}
          error={fieldText(errors.username, t('auth.error.invalidCredentials'))}
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...register('username')}
        />
        <InputField
          id="sign-in-password"
          label={t('auth.signIn.password')}
          error={fieldText(
            errors.password,
            t('auth.choosePassword.error.tooLong', { max: PASSWORD_MAX_LENGTH }),
          )}
          type="password"
          autoComplete="current-password"
          {...register('password')}
        />
        <FormMessage message={failureMessage(failure && failureText(failure))} />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={isSubmitting}>
            {isSubmitting ? t('auth.signIn.busy') : t('auth.signIn.submit')}
          </button>
          {offlineAccount ? (
            <button type="button" className="button" onClick={() => showLockScreenFor(offlineAccount.userId)}>
              {t('auth.signIn.usePin')}
            </button>
          ) : null}
          {canGoBack ? (
            <button type="button" className="button button--quiet" onClick={backToLock}>
              {t('auth.signIn.back')}
            </button>
          ) : null}
        </div>
      </form>
      <DemoAccounts
        onPick={(demoUsername, demoPassword) => {
          setValue('username', demoUsername, { shouldValidate: true });
          setValue('password', demoPassword, { shouldValidate: true });
        }}
      />
    </main>
  );
}

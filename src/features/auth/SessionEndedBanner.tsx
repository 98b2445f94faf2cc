import { useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state';
import { loginRequestSchema, PASSWORD_MAX_LENGTH } from '../../domain/accounts';
import { InputField } from '../../ui/InputField';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { authStore, signIn, type SignInResult } from './session';

/** The password as the server accepts it at sign-in (loginRequestSchema); the username is the session's. */
const passwordSchema = loginRequestSchema.pick({ password: true });

type Failure = Exclude<SignInResult, { ok: true }>;

/**
 * The server ended the session (expired or revoked). Sync is stopped, nothing
 * on the device is touched; the password signs in again right here.
 */
export function SessionEndedBanner() {
  const sessionEnded = useStore(authStore, (state) => state.sessionEnded);
  const user = useStore(authStore, (state) =>
    state.screen.view === 'unlocked' ? state.screen.user : undefined,
  );
  if (!sessionEnded || !user) return null;
  return <SignInAgainForm username={user.username} />;
}

function SignInAgainForm({ username }: { username: string }) {
  const { t } = useTranslation();
  const {
    register,
    handleSubmit,
    setValue,
    formState: { errors, isSubmitting },
  } = useForm({ resolver: zodResolver(passwordSchema), defaultValues: { password: '' } });
  const [failure, setFailure] = useState<Failure['reason']>();

  const onSubmit = handleSubmit(async ({ password }) => {
    const result = await signIn({ username, password });
    setValue('password', '');
    setFailure(result.ok ? undefined : result.reason);
  });

  const failureText = (reason: Failure['reason']): string => {
    switch (reason) {
      case 'offline':
        return t('auth.sessionEnded.offline');
      case 'invalidCredentials':
        return t('auth.error.invalidCredentials');
      case 'locked':
        return t('auth.error.locked');
      default:
        return t('auth.sessionEnded.failed');
    }
  };

  return (
    <section className="banner session-ended" role="alert" aria-labelledby="session-ended-title">
      <p id="session-ended-title">
        <strong>{t('auth.sessionEnded.title')}</strong> {t('auth.sessionEnded.kept')}
      </p>
      <form className="banner__actions" onSubmit={(event) => void onSubmit(event)} noValidate>
        <InputField
          id="session-ended-password"
          label={t('auth.signIn.password')}
          hideLabel
          error={
            errors.password &&
            (errors.password.type === 'too_small'
              ? t('auth.error.required')
              : t('auth.choosePassword.error.tooLong', { max: PASSWORD_MAX_LENGTH }))
          }
          type="password"
          autoComplete="current-password"
          placeholder={t('auth.signIn.password')}
          {...register('password')}
        />
        <button type="submit" className="button button--primary" disabled={isSubmitting}>
          {t('auth.sessionEnded.submit')}
        </button>
      </form>
      <FormMessage message={failureMessage(failure && failureText(failure))} />
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../ui/Field';
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

/** Online sign-in: username and password. The first sign-in on a device needs a connection. */
export function SignInPage({ notice, canGoBack }: { notice?: SignInNotice | undefined; canGoBack: boolean }) {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('auth.signIn.title'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | undefined>();
  const [missing, setMissing] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    setFailure(undefined);
    const result = await signIn({ username: username.trim(), password }, notice === 'forgotPin');
    setBusy(false);
    if (!result.ok) {
      setFailure(result);
      setPassword('');
    }
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
        <Field
          id="sign-in-username"
          label={t('auth.signIn.username')}
          error={missing && !username.trim() ? t('auth.error.required') : undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="text"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(event) => setUsername(event.target.value)}
            />
          )}
        </Field>
        <Field
          id="sign-in-password"
          label={t('auth.signIn.password')}
          error={missing && !password ? t('auth.error.required') : undefined}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        {failure ? (
          <p className="form-message form-message--error" role="alert">
            {failureText(failure)}
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? t('auth.signIn.busy') : t('auth.signIn.submit')}
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
          setUsername(demoUsername);
          setPassword(demoPassword);
        }}
      />
    </main>
  );
}

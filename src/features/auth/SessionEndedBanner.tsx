import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../state';
import { authStore, signIn } from './session';

/**
 * The server ended the session (expired or revoked). Sync is stopped, nothing
 * on the device is touched; the password signs in again right here.
 */
export function SessionEndedBanner() {
  const { t } = useTranslation();
  const sessionEnded = useStore(authStore, (state) => state.sessionEnded);
  const user = useStore(authStore, (state) =>
    state.screen.view === 'unlocked' ? state.screen.user : undefined,
  );
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  if (!sessionEnded || !user) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) return;
    setBusy(true);
    const result = await signIn({ username: user.username, password });
    setBusy(false);
    setPassword('');
    if (result.ok) setError(undefined);
    else if (result.reason === 'offline') setError(t('auth.sessionEnded.offline'));
    else if (result.reason === 'invalidCredentials') setError(t('auth.error.invalidCredentials'));
    else if (result.reason === 'locked') setError(t('auth.error.locked'));
    else setError(t('auth.sessionEnded.failed'));
  };

  return (
    <section className="banner session-ended" role="alert" aria-labelledby="session-ended-title">
      <p id="session-ended-title">
        <strong>{t('auth.sessionEnded.title')}</strong> {t('auth.sessionEnded.kept')}
      </p>
      <form className="banner__actions" onSubmit={(event) => void onSubmit(event)}>
        <label className="visually-hidden" htmlFor="session-ended-password">
          {t('auth.signIn.password')}
        </label>
        <input
          id="session-ended-password"
          type="password"
          autoComplete="current-password"
          placeholder={t('auth.signIn.password')}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <button type="submit" className="button button--primary" disabled={busy}>
          {t('auth.sessionEnded.submit')}
        </button>
      </form>
      {error ? <p className="field__error">{error}</p> : null}
    </section>
  );
}

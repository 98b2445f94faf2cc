import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useStore } from '../../state';
import { StorageProtection } from '../../app/StorageProtection';
import { IDLE_MINUTE_CHOICES, idleSettingsStore } from './idleSettings';
import { lockNow } from './session';
import { SignOutPanel } from './SignOutPanel';
import { useSessionUser } from './useSession';

/** Who is signed in, the idle lock, lock now and sign out. */
export function AccountPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('account.title'));
  const user = useSessionUser();
  const idleMinutes = useStore(idleSettingsStore, (state) => state.idleMinutes);
  const setIdleMinutes = useStore(idleSettingsStore, (state) => state.setIdleMinutes);

  return (
    <>
      <h1>{t('account.title')}</h1>
      {user ? (
        <dl className="details">
          <dt>{t('account.name')}</dt>
          <dd>{user.displayName}</dd>
          <dt>{t('account.username')}</dt>
          <dd>{user.username}</dd>
          <dt>{t('account.roles')}</dt>
          <dd>{user.roles.map((role) => t(`role.${role}`)).join(', ')}</dd>
        </dl>
      ) : null}
      <section aria-labelledby="lock-title" className="form-section">
        <h2 id="lock-title">{t('account.lock.title')}</h2>
        <div className="field">
          <label className="field__label" htmlFor="idle-minutes">
            {t('account.lock.idleLabel')}
          </label>
          <p className="field__hint" id="idle-minutes-hint">
            {t('account.lock.idleHint')}
          </p>
          <select
            id="idle-minutes"
            aria-describedby="idle-minutes-hint"
            value={idleMinutes}
            onChange={(event) => setIdleMinutes(Number(event.target.value))}
          >
            {IDLE_MINUTE_CHOICES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t('account.lock.minutes', { count: minutes })}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={() => void lockNow()}>
          {t('account.lock.now')}
        </button>
      </section>
      <StorageProtection />
      <SignOutPanel />
    </>
  );
}

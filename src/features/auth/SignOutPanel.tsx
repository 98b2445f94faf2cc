import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSyncStatus } from '../../sync/useSyncStatus';
import { currentSync, signOut } from './session';

type Step = 'idle' | 'confirm' | 'waiting';

/**
 * Sign-out removes this user's data from the device. When changes have not
 * reached the server, it says how many and offers to wait for sync; wiping
 * them needs an explicit "sign out anyway".
 */
export function SignOutPanel({ onSignOut = signOut }: { onSignOut?: () => Promise<void> }) {
  const { t } = useTranslation();
  const pendingCount = useSyncStatus((status) => status.pendingCount);
  const online = useSyncStatus((status) => status.online);
  const [step, setStep] = useState<Step>('idle');
  const [busy, setBusy] = useState(false);

  const waitForSync = () => {
    setStep('waiting');
    const sync = currentSync();
    sync?.reSync();
    void sync?.awaitInSync().then(() => setStep('confirm'));
  };

  const doSignOut = async () => {
    setBusy(true);
    await onSignOut();
  };

  if (step === 'idle') {
    return (
      <section aria-labelledby="sign-out-title" className="form-section">
        <h2 id="sign-out-title">{t('account.signOut.title')}</h2>
        <p>{t('account.signOut.explain')}</p>
        <button type="button" className="button" onClick={() => setStep('confirm')}>
          {t('account.signOut.start')}
        </button>
      </section>
    );
  }

  return (
    <section aria-labelledby="sign-out-title" className="form-section">
      <h2 id="sign-out-title">{t('account.signOut.title')}</h2>
      {pendingCount > 0 ? (
        <div role="alert" className="form-message form-message--error">
          <p>{t('account.signOut.unsynced', { count: pendingCount })}</p>
          <p>{t('account.signOut.syncFirst')}</p>
          {!online ? <p>{t('account.signOut.offline')}</p> : null}
        </div>
      ) : (
        <p role="status">{t('account.signOut.allSynced')}</p>
      )}
      {step === 'waiting' && pendingCount > 0 ? <p role="status">{t('account.signOut.waiting')}</p> : null}
      <div className="form-actions">
        {pendingCount > 0 ? (
          <>
            <button
              type="button"
              className="button button--primary"
              onClick={waitForSync}
              disabled={step === 'waiting'}
            >
              {t('account.signOut.waitForSync')}
            </button>
            <button
              type="button"
              className="button button--danger"
              onClick={() => void doSignOut()}
              disabled={busy}
            >
              {t('account.signOut.anyway', { count: pendingCount })}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="button button--danger"
            onClick={() => void doSignOut()}
            disabled={busy}
          >
            {t('account.signOut.confirm')}
          </button>
        )}
        <button type="button" className="button button--quiet" onClick={() => setStep('idle')}>
          {t('account.signOut.cancel')}
        </button>
      </div>
    </section>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useActor } from '../../app/useActor';
import { useNow } from '../../app/useNow';
import { useSessionUser } from '../auth/useSession';
import { HelplineProvider } from '../helpline/HelplineProvider';
import { QueueItemCard } from './QueueItemCard';
import { queueFor, type QueueScope } from './queueOrder';
import { useOpenCalls } from './useOpenCalls';

const SCOPES: QueueScope[] = ['unit', 'mine', 'voicemail', 'all'];

/** Escalations waiting for a call-back: for my unit or for me, overdue first. */
export function QueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('queue.title'));
  const user = useSessionUser();
  const actor = useActor();
  const now = useNow(30_000);
  const [scope, setScope] = useState<QueueScope>(user?.unitId ? 'unit' : 'all');
  const { calls, loading } = useOpenCalls();
  const items = queueFor(calls, scope, { userId: actor.userId, unitId: user?.unitId }, now);
  return (
    <HelplineProvider>
      <div className="page-heading">
        <h1>{t('queue.title')}</h1>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="queue-scope">
          {t('queue.show')}
        </label>
        <select id="queue-scope" value={scope} onChange={(e) => setScope(e.target.value as QueueScope)}>
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`queue.scope.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {loading ? <p>{t('verification.loading')}</p> : null}
      {!loading && items.length === 0 ? <p>{t('queue.empty')}</p> : null}
      <ul className="household-list" aria-label={t('queue.title')}>
        {items.map((item) => (
          <QueueItemCard key={item.call.id} item={item} now={now} />
        ))}
      </ul>
    </HelplineProvider>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useActor } from '../../app/useActor';
import { useToast } from '../../ui/toastStore';
import { useNow } from '../../app/useNow';
import { useSessionUser } from '../auth/useSession';
import { HelplineProvider } from '../helpline/HelplineProvider';
import { DoneCallCard } from './DoneCallCard';
import { QueueItemCard, type RecordedCallback } from './QueueItemCard';
import { doneFor, queueFor, type QueueScope } from './queueOrder';
import { useDoneCalls } from './useDoneCalls';
import { useOpenCalls } from './useOpenCalls';

type QueueView = QueueScope | 'done';
const VIEWS: QueueView[] = ['unit', 'mine', 'voicemail', 'all', 'done'];
/** The done view is history to look back on, not work: the latest ones are enough on a screen. */
const DONE_SHOWN = 50;

/** Escalations waiting for a call-back, for my unit or for me, overdue first; and those a call-back closed. */
export function QueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('queue.title'));
  const user = useSessionUser();
  const actor = useActor();
  const now = useNow(30_000);
  const [view, setView] = useState<QueueView>(user?.unitId ? 'unit' : 'all');
  const [recorded, setRecorded] = useState<RecordedCallback | undefined>();
  const toast = useToast();
  const { calls, loading } = useOpenCalls();
  const viewer = { userId: actor.userId, unitId: user?.unitId };
  const closed = useDoneCalls(view === 'done');
  const items = view === 'done' ? [] : queueFor(calls, view, viewer, now);
  const done = view === 'done' ? doneFor(closed ?? [], viewer).slice(0, DONE_SHOWN) : [];
  const loadingView = view === 'done' ? closed === undefined : loading;
  const shown = view === 'done' ? done.length : items.length;
  return (
    <HelplineProvider>
      <div className="page-heading">
        <h1>{t('queue.title')}</h1>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="queue-scope">
          {t('queue.show')}
        </label>
        <select id="queue-scope" value={view} onChange={(e) => setView(e.target.value as QueueView)}>
          {VIEWS.map((s) => (
            <option key={s} value={s}>
              {t(`queue.scope.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {/* Stays after the card leaves the open queue: the officer sees what was recorded and where the call went. */}
      <div role="status" className="queue-recorded">
        {recorded ? (
          <p className="form-message form-message--success">
            {t('queue.recorded', { summary: recorded.summary, result: t(`queue.result.${recorded.result}`) })}{' '}
            {recorded.closed ? t('queue.recordedClosed') : t('queue.recordedOpen')}{' '}
            {recorded.closed && view !== 'done' ? (
              <button type="button" className="button button--quiet" onClick={() => setView('done')}>
                {t('queue.showDone')}
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
      {loadingView ? <p>{t('verification.loading')}</p> : null}
      {!loadingView && shown === 0 ? <p>{view === 'done' ? t('queue.emptyDone') : t('queue.empty')}</p> : null}
      <ul className="household-list" aria-label={view === 'done' ? t('queue.scope.done') : t('queue.title')}>
        {items.map((item) => (
          <QueueItemCard
            key={item.call.id}
            item={item}
            now={now}
            onRecorded={(done) => {
              setRecorded(done);
              toast.show(t('toast.callbackRecorded'));
            }}
          />
        ))}
        {done.map((call) => (
          <DoneCallCard key={call.id} call={call} />
        ))}
      </ul>
    </HelplineProvider>
  );
}

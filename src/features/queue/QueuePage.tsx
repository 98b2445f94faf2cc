import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useActor } from '../../app/useActor';
import { useToast } from '../../ui/toastStore';
import { useNow } from '../../app/useNow';
import { CALL_CATEGORIES, type CallCategory } from '../../domain/calls';
import { useSessionUser } from '../auth';
import { HelplineProvider } from '../helpline';
import { DoneCallsTable } from './DoneCallsTable';
import { OpenCallsTable } from './OpenCallsTable';
import type { RecordedCallback } from './QueueCallActions';
import { doneFor, queueFor, type QueueScope } from './queueOrder';
import { useDoneCalls } from './useDoneCalls';
import { useOpenCalls } from './useOpenCalls';

type QueueView = QueueScope | 'done';
const VIEWS: QueueView[] = ['unit', 'mine', 'voicemail', 'all', 'done'];

function isView(value: string | null): value is QueueView {
  return VIEWS.includes(value as QueueView);
}

function isCategory(value: string | null): value is CallCategory {
  return CALL_CATEGORIES.includes(value as CallCategory);
}

/**
 * Escalations waiting for a call-back, for my unit or for me, overdue first;
 * and those a call-back closed. The view and the category are in the address
 * (`show`, `category`), with the table's sort and page, so Back and reload keep them.
 */
export function QueuePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('queue.title'));
  const user = useSessionUser();
  const actor = useActor();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const shown = params.get('show');
  const view: QueueView = isView(shown) ? shown : user?.unitId ? 'unit' : 'all';
  const chosenCategory = params.get('category');
  const category = isCategory(chosenCategory) ? chosenCategory : undefined;
  const [recorded, setRecorded] = useState<RecordedCallback | undefined>();
  const toast = useToast();
  const { calls, loading } = useOpenCalls();
  const viewer = { userId: actor.userId, unitId: user?.unitId };
  const closed = useDoneCalls(view === 'done');
  const inCategory = (c: { category: CallCategory }) => category === undefined || c.category === category;
  const loadingView = view === 'done' ? closed === undefined : loading;

  /** A new filter starts the table on its first page, in the queue's own order. */
  const setFilter = (name: 'show' | 'category', value: string) =>
    setParams((old) => {
      const next = new URLSearchParams(old);
      if (value) next.set(name, value);
      else next.delete(name);
      next.delete('page');
      if (name === 'show') next.delete('sort');
      return next;
    });

  return (
    <HelplineProvider>
      <div className="page-heading">
        <h1>{t('queue.title')}</h1>
      </div>
      <div className="list-filters" role="search" aria-label={t('queue.filters')}>
        <div className="field">
          <label className="field__label" htmlFor="queue-scope">
            {t('queue.show')}
          </label>
          <select id="queue-scope" value={view} onChange={(e) => setFilter('show', e.target.value)}>
            {VIEWS.map((s) => (
              <option key={s} value={s}>
                {t(`queue.scope.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor="queue-category">
            {t('queue.columns.category')}
          </label>
          <select id="queue-category" value={category ?? ''} onChange={(e) => setFilter('category', e.target.value)}>
            <option value="">{t('queue.anyCategory')}</option>
            {CALL_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`helpline.categories.${c}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {/* Stays after the row leaves the open queue: the officer sees what was recorded and where the call went. */}
      <div role="status" className="queue-recorded">
        {recorded ? (
          <p className="form-message form-message--success">
            {t('queue.recorded', { summary: recorded.summary, result: t(`queue.result.${recorded.result}`) })}{' '}
            {recorded.closed ? t('queue.recordedClosed') : t('queue.recordedOpen')}{' '}
            {recorded.closed && view !== 'done' ? (
              <button type="button" className="button button--quiet" onClick={() => setFilter('show', 'done')}>
                {t('queue.showDone')}
              </button>
            ) : null}
          </p>
        ) : null}
      </div>
      {loadingView ? <p>{t('verification.loading')}</p> : null}
      {loadingView ? null : view === 'done' ? (
        <DoneCallsTable calls={doneFor(closed ?? [], viewer).filter(inCategory)} caption={t('queue.scope.done')} />
      ) : (
        <OpenCallsTable
          items={queueFor(calls, view, viewer, now).filter((item) => inCategory(item.call))}
          now={now}
          caption={t('queue.title')}
          onRecorded={(done) => {
            setRecorded(done);
            toast.show(t('toast.callbackRecorded'));
          }}
        />
      )}
    </HelplineProvider>
  );
}

import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActor } from '../../app/useActor';
import { useToast } from '../../ui/toastStore';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import { useDatabase } from '../../app/DatabaseProvider';
import { CALLBACK_RESULTS, callStatusOf, type Call, type CallbackResult } from '../../domain/calls';
import { useHelpline, recordCallback, reassignCall } from '../helpline';
import { CallbackHistory } from './CallbackHistory';
import { CallerMessagesList } from '../messages';
import { DocumentsSection } from '../documents';

/** What a recorded call-back did, for the page's confirmation (the card may leave the open queue). */
export interface RecordedCallback {
  callId: string;
  summary: string;
  result: CallbackResult;
  /** The call-back closed the call: it moved to the "Done" view. */
  closed: boolean;
}

/**
 * Under an escalation's row in the queue: its history, and the officer's two
 * actions, recording a call-back and reassigning; folded until opened, so the
 * queue reads as a table.
 */
export function QueueCallActions({
  call,
  onRecorded,
}: {
  call: Call;
  onRecorded: (recorded: RecordedCallback) => void;
}) {
  const { t } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const failureText = useSaveFailureText();
  const toast = useToast();
  const { units, focalPoints } = useHelpline();
  const id = useId();
  const [result, setResult] = useState<CallbackResult | ''>('');
  const [note, setNote] = useState('');
  const [unitId, setUnitId] = useState('');
  const [focalPointId, setFocalPointId] = useState('');
  const [failure, setFailure] = useState<string | undefined>();
  const run = (action: Promise<unknown>, saved?: string) =>
    action.then(
      () => {
        setFailure(undefined);
        if (saved) toast.show(saved);
      },
      (error: unknown) => {
        console.error('queue action failed', error);
        setFailure(failureText(error, 'queue.actionFailed'));
      },
    );

  return (
    <details className="queue-item__act">
      <summary>{t('queue.act')}</summary>
      <h3 className="queue-item__history-heading">{t('queue.history')}</h3>
      <CallbackHistory call={call} />
      {call.messaging ? <CallerMessagesList callId={call.id} consent={call.messaging} /> : null}
      <DocumentsSection collection="calls" record={call} headingLevel={3} />
      <form
        className="queue-item__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!result) return;
          void run(
            recordCallback(db, actor, call.id, { result, note }).then((saved) => {
              setResult('');
              setNote('');
              onRecorded({ callId: call.id, summary: call.summary, result, closed: callStatusOf(saved) === 'closed' });
            }),
          );
        }}
      >
        <label className="field__label" htmlFor={`${id}-result`}>
          {t('queue.callbackResult')}
        </label>
        <select
          id={`${id}-result`}
          value={result}
          onChange={(e) => setResult(e.target.value as CallbackResult | '')}
        >
          <option value="">{t('form.choose')}</option>
          {CALLBACK_RESULTS.map((r) => (
            <option key={r} value={r}>
              {t(`queue.result.${r}`)}
            </option>
          ))}
        </select>
        <label className="field__label" htmlFor={`${id}-note`}>
          {t('queue.note')}
        </label>
        <input id={`${id}-note`} value={note} maxLength={280} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="button button--primary" disabled={!result}>
          {t('queue.recordCallback')}
        </button>
      </form>
      <form
        className="queue-item__form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!unitId) return;
          void run(reassignCall(db, actor, call.id, { unitId, focalPointId }), t('toast.callReassigned'));
        }}
      >
        <label className="field__label" htmlFor={`${id}-unit`}>
          {t('queue.reassignTo')}
        </label>
        <select id={`${id}-unit`} value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          <option value="">{t('form.choose')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <label className="field__label" htmlFor={`${id}-person`}>
          {t('helpline.focalPoint')}
        </label>
        <select id={`${id}-person`} value={focalPointId} onChange={(e) => setFocalPointId(e.target.value)}>
          <option value="">{t('helpline.wholeUnit')}</option>
          {focalPoints
            .filter((p) => !unitId || p.unitId === unitId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
        </select>
        <button type="submit" className="button" disabled={!unitId}>
          {t('queue.reassign')}
        </button>
      </form>
      {failure ? <p className="form-message form-message--error">{failure}</p> : null}
    </details>
  );
}

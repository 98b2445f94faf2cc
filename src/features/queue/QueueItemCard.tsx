import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActor } from '../../app/useActor';
import { useToast } from '../../ui/toastStore';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import { useDatabase } from '../../app/DatabaseProvider';
import { formatRelativeTime } from '../../app/format';
import { CALLBACK_RESULTS, callStatusOf, needsSupervisor, type CallbackResult } from '../../domain/calls';
import { languageName } from '../../domain/languages';
import { useHelpline } from '../helpline/HelplineProvider';
import { recordCallback, reassignCall } from '../helpline/operations';
import type { QueueItem } from './queueOrder';
import { CallbackHistory } from './CallbackHistory';

/** What a recorded call-back did, for the page's confirmation (the card may leave the open queue). */
export interface RecordedCallback {
  callId: string;
  summary: string;
  result: CallbackResult;
  /** The call-back closed the call: it moved to the "Done" view. */
  closed: boolean;
}
import { officeHoursOf } from '../helpline/config';
import { formatDayAndTime } from '../../ui/dates';

/** One escalation: what the caller needs, when the call-back is due, and the officer's actions. */
export function QueueItemCard({
  item,
  now,
  onRecorded,
}: {
  item: QueueItem;
  now: Date;
  onRecorded: (recorded: RecordedCallback) => void;
}) {
  const { t, i18n } = useTranslation();
  const db = useDatabase();
  const actor = useActor();
  const failureText = useSaveFailureText();
  const toast = useToast();
  const { units, focalPoints, config } = useHelpline();
  const id = useId();
  const { call, overdue } = item;
  const [result, setResult] = useState<CallbackResult | ''>('');
  const [note, setNote] = useState('');
  const [unitId, setUnitId] = useState('');
  const [focalPointId, setFocalPointId] = useState('');
  const [failure, setFailure] = useState<string | undefined>();
  const unitName = (uid: string) => units.find((u) => u.id === uid)?.name ?? uid;
  const personName = (uid: string) => focalPoints.find((p) => p.id === uid)?.displayName ?? uid;
  const due = new Date(call.dueAt);
  // In the zone of the unit's office, and saying which zone: an officer elsewhere is never misled.
  const dueText = formatDayAndTime(due, i18n.language, {
    timeZone: officeHoursOf(
      units.find((u) => u.id === call.assignedUnitId),
      config,
    ).timeZone,
  });
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
    <li
      className={overdue ? 'queue-item queue-item--overdue' : 'queue-item'}
      aria-labelledby={`${id}-summary`}
    >
      <p id={`${id}-summary`} className="household-card__name">
        {call.summary}
      </p>
      <p className="household-card__meta">
        {overdue ? <strong className="queue-item__overdue">{t('queue.overdue')} </strong> : null}
        {needsSupervisor(call, config.verification.maxFailedAttempts) ? (
          <strong className="queue-item__overdue">{t('queue.flagged')} </strong>
        ) : null}
        {t('queue.due', { when: dueText, relative: formatRelativeTime(due, now, i18n.language) })}
      </p>
      <p className="household-card__meta">
        {t(`helpline.categories.${call.category}`)} · {languageName(call.callerLanguage, i18n.language)} ·{' '}
        {t(`queue.verification.${call.verificationStatus}`)}
        {call.callerPhone ? (
          <>
            {' · '}
            <a href={`tel:${call.callerPhone}`} dir="ltr">
              {call.callerPhone}
            </a>
          </>
        ) : null}
      </p>
      <p className="household-card__meta">
        {call.assignedUnitId
          ? t('queue.assigned', {
              unit: unitName(call.assignedUnitId),
              person: call.assignedTo ? personName(call.assignedTo) : t('helpline.wholeUnit'),
            })
          : t('queue.voicemail')}
      </p>
      <details>
        <summary>{t('queue.history')}</summary>
        <CallbackHistory call={call} />
      </details>
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
    </li>
  );
}

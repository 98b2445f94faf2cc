import { useId, useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { useActor } from '../../app/useActor';
import { useToast } from '../../ui/toastStore';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import { useDatabase } from '../../app/DatabaseProvider';
import {
  assignmentSchema,
  callbackSchema,
  CALLBACK_RESULTS,
  callStatusOf,
  SUMMARY_MAX_LENGTH,
  type Call,
  type CallbackResult,
} from '../../domain/calls';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { InputField, SelectField } from '../../ui/InputField';
import { useHelpline, recordCallback, reassignCall } from '../helpline';
import { CallbackHistory } from './CallbackHistory';
import { CallerMessagesList } from '../messages';
import { DocumentsSection } from '../documents';
import { useErrorText } from '../intake';

/** A call-back as the call keeps it; the form's "Choose…" (empty) is no result yet. */
const callbackFormSchema = callbackSchema
  .pick({ result: true, note: true })
  .extend({ result: callbackSchema.shape.result.or(z.literal('')) })
  .pipe(callbackSchema.pick({ result: true, note: true }));

/** A reassignment as the call keeps it; the form's "Whole unit" (empty) is no focal point. */
const reassignFormSchema = assignmentSchema
  .pick({ unitId: true })
  .extend({ focalPointId: z.string() })
  .transform(({ focalPointId, ...rest }) => (focalPointId ? { ...rest, focalPointId } : rest))
  .pipe(assignmentSchema.pick({ unitId: true, focalPointId: true }));

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
  const errorText = useErrorText();
  const callback = useForm({
    resolver: zodResolver(callbackFormSchema),
    defaultValues: { result: '', note: '' },
  });
  const reassign = useForm({
    resolver: zodResolver(reassignFormSchema),
    defaultValues: { unitId: '', focalPointId: '' },
  });
  const result = useWatch({ control: callback.control, name: 'result' });
  const unitId = useWatch({ control: reassign.control, name: 'unitId' });
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
        noValidate
        onSubmit={(event) =>
          void callback.handleSubmit(({ result, note }) =>
            run(
              recordCallback(db, actor, call.id, { result, note }).then((saved) => {
                callback.reset();
                onRecorded({
                  callId: call.id,
                  summary: call.summary,
                  result,
                  closed: callStatusOf(saved) === 'closed',
                });
              }),
            ),
          )(event)
        }
      >
        <SelectField
          id={`${id}-result`}
          label={t('queue.callbackResult')}
          error={errorText(callback.formState.errors.result)}
          {...callback.register('result')}
        >
          <option value="">{t('form.choose')}</option>
          {CALLBACK_RESULTS.map((r) => (
            <option key={r} value={r}>
              {t(`queue.result.${r}`)}
            </option>
          ))}
        </SelectField>
        <InputField
          id={`${id}-note`}
          label={t('queue.note')}
          maxLength={SUMMARY_MAX_LENGTH}
          error={errorText(callback.formState.errors.note)}
          {...callback.register('note')}
        />
        <button type="submit" className="button button--primary" disabled={!result}>
          {t('queue.recordCallback')}
        </button>
      </form>
      <form
        className="queue-item__form"
        noValidate
        onSubmit={(event) =>
          void reassign.handleSubmit((assignment) =>
            run(reassignCall(db, actor, call.id, assignment), t('toast.callReassigned')),
          )(event)
        }
      >
        <SelectField
          id={`${id}-unit`}
          label={t('queue.reassignTo')}
          error={errorText(reassign.formState.errors.unitId)}
          {...reassign.register('unitId')}
        >
          <option value="">{t('form.choose')}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${id}-person`}
          label={t('helpline.focalPoint')}
          error={errorText(reassign.formState.errors.focalPointId)}
          {...reassign.register('focalPointId')}
        >
          <option value="">{t('helpline.wholeUnit')}</option>
          {focalPoints
            .filter((p) => !unitId || p.unitId === unitId)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName}
              </option>
            ))}
        </SelectField>
        <button type="submit" className="button" disabled={!unitId}>
          {t('queue.reassign')}
        </button>
      </form>
      <FormMessage message={failureMessage(failure)} />
    </details>
  );
}

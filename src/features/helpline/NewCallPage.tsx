import { useMemo, useRef, useState } from 'react';
import { zodResolver } from '@hookform/resolvers/zod';
import { FormProvider, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useActor } from '../../app/useActor';
import { useSaveFailureText } from '../../app/useSaveFailureText';
import { useDatabase } from '../../app/DatabaseProvider';
import { useDocumentTitle } from '../../app/useDocumentTitle';
import { useNow } from '../../app/useNow';
import { callbackDueAt, callbackDueFor } from '../../domain/callbackDue';
import { newId } from '../../domain/common';
import {
  verificationStatusOf,
  type CallOutcome,
  type VerificationAttempt,
  type VerificationOverride,
} from '../../domain/calls';
import { CallDetailsFieldset } from './CallDetailsFieldset';
import { callerPhoneOf, callFormSchema, EMPTY_CALL, messagesPhoneOf, type OutcomeChoice } from './callForm';
import { CallerSearch } from './CallerSearch';
import { CallTimer } from './CallTimer';
import { useHelpline } from './HelplineProvider';
import { LinkedRecordSummary } from './LinkedRecordSummary';
import { OutcomeFieldset } from './OutcomeFieldset';
import { CallerMessagesConsent } from './CallerMessagesConsent';
import { FormMessage, failureMessage } from '../../ui/FormMessage';
import { ShortcutHelp } from './ShortcutHelp';
import { VerificationGate } from './VerificationGate';
import { forgetAttempts, unsavedCallAttempts } from './unsavedAttempts';
import type { CallerMatch } from './queries';
import { saveCall } from './operations';
import { useShortcuts } from './useShortcuts';
import { VOICEMAIL_CALLBACK_HOURS, officeHoursOf, promiseOf } from './config';

/** Logging one call: caller, verification before any detail, summary, and the outcome with its promise. */
export function NewCallPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('helpline.newCallTitle'));
  const db = useDatabase();
  const actor = useActor();
  const failureText = useSaveFailureText();
  const navigate = useNavigate();
  const { units, config } = useHelpline();
  const now = useNow(30_000);
  const [callId] = useState(newId);
  const [startedAt] = useState(() => new Date().toISOString());
  const [endedAt, setEndedAt] = useState<string | undefined>();
  const schema = useMemo(
    () =>
      callFormSchema(
        config.defaultRegion,
        units.map((u) => u.id),
      ),
    [config.defaultRegion, units],
  );
  const form = useForm({ resolver: zodResolver(schema), defaultValues: EMPTY_CALL });
  const [outcomeKind, unitId] = useWatch({ control: form.control, name: ['outcome', 'unitId'] });
  const [link, setLink] = useState<CallerMatch | undefined>();
  const [attempts, setAttempts] = useState<Record<string, VerificationAttempt>>({});
  const [override, setOverride] = useState<VerificationOverride | undefined>();
  const [saveError, setSaveError] = useState<string | undefined>();
  const outcomeRef = useRef<HTMLDivElement>(null);

  const verificationStatus = verificationStatusOf({ attempts, ...(override ? { override } : {}) });
  const unit = units.find((u) => u.id === unitId);
  const dueAtFor = (at: Date): Date | undefined => {
    if (outcomeKind === 'voicemail_followup')
      return callbackDueAt(at, VOICEMAIL_CALLBACK_HOURS, config.officeHours);
    if (outcomeKind === 'escalated' && unit)
      return callbackDueFor(at, promiseOf(unit), officeHoursOf(unit, config));
    return undefined;
  };

  const chooseOutcome = (kind: OutcomeChoice) => {
    form.setValue('outcome', kind);
    window.setTimeout(() =>
      outcomeRef.current
        ?.querySelector<HTMLElement>(kind === 'escalated' ? 'select' : 'input:checked')
        ?.focus(),
    );
  };

  const save = form.handleSubmit(async (values) => {
    const at = new Date();
    const phone = callerPhoneOf(values.phone, config.defaultRegion);
    const messagesPhone = messagesPhoneOf(values.phone, config.defaultRegion);
    const wantsMessages = values.outcome === 'escalated' && values.messagesAsked;
    const due = dueAtFor(at)?.toISOString();
    let callOutcome: CallOutcome = { kind: 'resolved_on_call' };
    if (values.outcome === 'escalated' && unit && due) {
      callOutcome = {
        kind: 'escalated',
        unitId: unit.id,
        callbackDueAt: due,
        ...(values.focalPointId ? { focalPointId: values.focalPointId } : {}),
      };
    } else if (values.outcome === 'voicemail_followup' && due)
      callOutcome = { kind: 'voicemail_followup', callbackDueAt: due };
    setSaveError(undefined);
    try {
      await saveCall(
        db,
        actor,
        {
          id: callId,
          startedAt,
          endedAt,
          callerPhone: phone?.ok ? phone.e164 : undefined,
          callerLanguage: values.callerLanguage,
          category: values.category,
          summary: values.summary,
          householdId: link?.householdId,
          personId: link?.personId,
          attempts,
          override,
          outcome: callOutcome,
          messaging:
            wantsMessages && messagesPhone
              ? {
                  phone: messagesPhone,
                  channel: values.messagesChannel,
                  language: values.callerLanguage,
                  consentedAt: at.toISOString(),
                }
              : undefined,
        },
        at,
      );
      forgetAttempts(Object.keys(attempts));
      void navigate('/helpline', { state: { saved: true } });
    } catch (error) {
      console.error('saving the call failed', error);
      setSaveError(failureText(error, 'helpline.saveFailed'));
    }
  });

  useShortcuts({
    R: () => chooseOutcome('resolved_on_call'),
    E: () => chooseOutcome('escalated'),
    V: () => chooseOutcome('voicemail_followup'),
    // A save already under way is not started again.
    S: () => {
      if (!form.formState.isSubmitting) void save();
    },
  });

  return (
    <>
      <div className="page-heading">
        <h1>{t('helpline.newCallTitle')}</h1>
        <CallTimer
          startedAt={startedAt}
          endedAt={endedAt}
          onEnd={() => setEndedAt(new Date().toISOString())}
        />
      </div>
      <ShortcutHelp />
      <FormProvider {...form}>
        <form className="household-form" noValidate onSubmit={(event) => void save(event)}>
          <CallDetailsFieldset />
          <fieldset className="form-section">
            <legend>{t('helpline.linkedFamily')}</legend>
            {link ? (
              <>
                <p>
                  {t('helpline.linkedTo', { name: link.familyName })}{' '}
                  <button type="button" className="button button--quiet" onClick={() => setLink(undefined)}>
                    {t('helpline.unlink')}
                  </button>
                </p>
                <VerificationGate
                  callId={callId}
                  householdId={link.householdId}
                  personId={link.personId}
                  userId={actor.userId}
                  status={verificationStatus}
                  onAttempt={(id, attempt) => setAttempts((a) => ({ ...a, [id]: attempt }))}
                  onOverride={setOverride}
                >
                  <LinkedRecordSummary householdId={link.householdId} />
                </VerificationGate>
              </>
            ) : (
              <CallerSearch
                onLink={(match) => {
                  setLink(match);
                  // Attempts made for this caller in a call never saved (a reload, an abandoned call) count here too.
                  setAttempts((a) => ({ ...unsavedCallAttempts(match.householdId, match.personId), ...a }));
                }}
              />
            )}
          </fieldset>
          <div ref={outcomeRef}>
            <OutcomeFieldset dueAt={dueAtFor(now)} />
          </div>
          {outcomeKind === 'escalated' ? <CallerMessagesConsent siteId={actor.siteId} /> : null}
          <div className="form-actions">
            <FormMessage message={failureMessage(saveError)} />
            <button type="submit" className="button button--primary" disabled={form.formState.isSubmitting}>
              {t('helpline.save')}
            </button>
          </div>
        </form>
      </FormProvider>
    </>
  );
}

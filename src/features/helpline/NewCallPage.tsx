import { useRef, useState } from 'react';
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
  parseCallerPhone,
  SUMMARY_MAX_LENGTH,
  verificationStatusOf,
  type CallOutcome,
  type VerificationAttempt,
  type VerificationOverride,
} from '../../domain/calls';
import { CallDetailsFieldset, type CallDetails, type CallDetailsErrors } from './CallDetailsFieldset';
import { CallerSearch } from './CallerSearch';
import { CallTimer } from './CallTimer';
import { useHelpline } from './HelplineProvider';
import { LinkedRecordSummary } from './LinkedRecordSummary';
import { OutcomeFieldset, type OutcomeChoice } from './OutcomeFieldset';
import { CallerMessagesConsent, type CallerMessagesChoice } from './CallerMessagesConsent';
import { toE164 } from '../../domain/messaging';
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
  const [details, setDetails] = useState<CallDetails>({
    phone: '',
    callerLanguage: '',
    category: '',
    summary: '',
  });
  const [errors, setErrors] = useState<CallDetailsErrors & { unit?: string; messagesPhone?: string }>({});
  const [callerMessages, setCallerMessages] = useState<CallerMessagesChoice>({ asked: false, channel: 'sms' });
  const [link, setLink] = useState<CallerMatch | undefined>();
  const [attempts, setAttempts] = useState<Record<string, VerificationAttempt>>({});
  const [override, setOverride] = useState<VerificationOverride | undefined>();
  const [outcome, setOutcome] = useState<{ kind: OutcomeChoice; unitId: string; focalPointId: string }>({
    kind: 'resolved_on_call',
    unitId: '',
    focalPointId: '',
  });
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>();
  const outcomeRef = useRef<HTMLDivElement>(null);

  const verificationStatus = verificationStatusOf({ attempts, ...(override ? { override } : {}) });
  const unit = units.find((u) => u.id === outcome.unitId);
  const dueAtFor = (at: Date): Date | undefined => {
    if (outcome.kind === 'voicemail_followup')
      return callbackDueAt(at, VOICEMAIL_CALLBACK_HOURS, config.officeHours);
    if (outcome.kind === 'escalated' && unit) return callbackDueFor(at, promiseOf(unit), officeHoursOf(unit, config));
    return undefined;
  };

  const chooseOutcome = (kind: OutcomeChoice) => {
    setOutcome((o) => ({ ...o, kind }));
    window.setTimeout(() =>
      outcomeRef.current
        ?.querySelector<HTMLElement>(kind === 'escalated' ? 'select' : 'input:checked')
        ?.focus(),
    );
  };

  const save = async () => {
    if (saving) return;
    const next: typeof errors = {};
    const phone = details.phone.trim() ? parseCallerPhone(details.phone, config.defaultRegion) : undefined;
    if (phone && !phone.ok) next.phone = t('helpline.errors.phone');
    if (!details.callerLanguage) next.callerLanguage = t('helpline.errors.required');
    if (!details.category) next.category = t('helpline.errors.required');
    if (!details.summary.trim()) next.summary = t('helpline.errors.required');
    else if (details.summary.trim().length > SUMMARY_MAX_LENGTH) {
      next.summary = t('errors.too_big_text', { max: SUMMARY_MAX_LENGTH });
    }
    if (outcome.kind === 'escalated' && !unit) next.unit = t('helpline.errors.unit');
    // Messages need a number that can receive them, with its country code (E.164).
    const messagesPhone = phone?.ok ? toE164(phone.e164) : undefined;
    const wantsMessages = outcome.kind === 'escalated' && callerMessages.asked;
    if (wantsMessages && !messagesPhone) next.messagesPhone = t('helpline.callerMessages.phoneNeeded');
    setErrors(next);
    if (Object.keys(next).length > 0 || !details.category) return;
    const at = new Date();
    const due = dueAtFor(at)?.toISOString();
    let callOutcome: CallOutcome = { kind: 'resolved_on_call' };
    if (outcome.kind === 'escalated' && unit && due) {
      callOutcome = {
        kind: 'escalated',
        unitId: unit.id,
        callbackDueAt: due,
        ...(outcome.focalPointId ? { focalPointId: outcome.focalPointId } : {}),
      };
    } else if (outcome.kind === 'voicemail_followup' && due)
      callOutcome = { kind: 'voicemail_followup', callbackDueAt: due };
    setSaving(true);
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
          callerLanguage: details.callerLanguage,
          category: details.category,
          summary: details.summary.trim(),
          householdId: link?.householdId,
          personId: link?.personId,
          attempts,
          override,
          outcome: callOutcome,
          messaging:
            wantsMessages && messagesPhone
              ? {
                  phone: messagesPhone,
                  channel: callerMessages.channel,
                  language: details.callerLanguage,
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
      setSaving(false);
    }
  };

  useShortcuts({
    R: () => chooseOutcome('resolved_on_call'),
    E: () => chooseOutcome('escalated'),
    V: () => chooseOutcome('voicemail_followup'),
    S: () => void save(),
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
      <form
        className="household-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <CallDetailsFieldset
          value={details}
          errors={errors}
          onChange={(patch) => setDetails((d) => ({ ...d, ...patch }))}
        />
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
          <OutcomeFieldset
            kind={outcome.kind}
            unitId={outcome.unitId}
            focalPointId={outcome.focalPointId}
            callerLanguage={details.callerLanguage}
            dueAt={dueAtFor(now)}
            onChange={(patch) => setOutcome((o) => ({ ...o, ...patch }))}
          />
          {errors.unit ? <p className="field__error">{errors.unit}</p> : null}
        </div>
        {outcome.kind === 'escalated' ? (
          <CallerMessagesConsent
            value={callerMessages}
            phone={details.phone.trim() ? parsedPhoneE164(details.phone, config.defaultRegion) : undefined}
            callerLanguage={details.callerLanguage}
            siteId={actor.siteId}
            error={errors.messagesPhone}
            onChange={setCallerMessages}
          />
        ) : null}
        <div className="form-actions">
          <FormMessage message={failureMessage(saveError)} />
          <button type="submit" className="button button--primary" disabled={saving}>
            {t('helpline.save')}
          </button>
        </div>
      </form>
    </>
  );
}

function parsedPhoneE164(input: string, region: Parameters<typeof parseCallerPhone>[1]): string | undefined {
  const parsed = parseCallerPhone(input, region);
  return parsed.ok ? toE164(parsed.e164) : undefined;
}

import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { OVERRIDE_REASON_MIN_LENGTH, type VerificationOverride } from '../../domain/calls';
import { Field } from '../../ui/Field';
import { ApiCallError } from '../../sync/apiClient';
import { useHelpline } from './HelplineProvider';

interface SupervisorOverrideProps {
  callId: string;
  householdId: string;
  personId?: string | undefined;
  /** The approved override, recorded under the supervisor's id. */
  onApproved: (override: VerificationOverride, supervisorName: string) => void;
}

/**
 * A second person opens verification: a case officer or coordinator types
 * their own username and password on the agent's device; the server checks
 * them like a sign-in and records the override under their name.
 */
export function SupervisorOverride({ callId, householdId, personId, onApproved }: SupervisorOverrideProps) {
  const { t } = useTranslation();
  const { requestOverride } = useHelpline();
  const baseId = useId();
  const [open, setOpen] = useState(false);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string; reason?: string }>({});
  const [failure, setFailure] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <button type="button" className="button button--quiet" onClick={() => setOpen(true)}>
        {t('verification.override')}
      </button>
    );
  }

  const failureText = (error: unknown): string => {
    if (!(error instanceof ApiCallError) || error.status === 0) return t('verification.overrideOffline');
    if (error.code === 'invalid_credentials') return t('verification.overrideWrongPassword');
    if (error.code === 'locked' || error.code === 'rate_limited') return t('verification.overrideLocked');
    if (error.status === 403) return t('verification.overrideNotSupervisor');
    return t('verification.overrideFailed');
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const next: typeof errors = {};
    if (!username.trim()) next.username = t('helpline.errors.required');
    if (!password) next.password = t('helpline.errors.required');
    if (reason.trim().length < OVERRIDE_REASON_MIN_LENGTH) {
      next.reason = t('verification.reasonRequired', { min: OVERRIDE_REASON_MIN_LENGTH });
    }
    setErrors(next);
    if (Object.keys(next).length > 0 || busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      const approval = await requestOverride({
        callId,
        householdId,
        ...(personId ? { personId } : {}),
        username: username.trim(),
        password,
        reason: reason.trim(),
      });
      onApproved({ by: approval.approvedBy, reason: reason.trim(), at: approval.at }, approval.approvedByName);
    } catch (error) {
      setFailure(failureText(error));
    } finally {
      // The supervisor's password never outlives the attempt on this screen.
      setPassword('');
      setBusy(false);
    }
  };

  return (
    // Not a <form>: it sits inside the call's form, and Enter here must not save the call.
    <div className="subsection" role="group" aria-label={t('verification.override')}>
      <p className="field__hint">{t('verification.overrideIntro')}</p>
      <Field id={`${baseId}-user`} label={t('verification.supervisorUsername')} error={errors.username}>
        {(control) => (
          <input
            {...control}
            autoComplete="off"
            autoCapitalize="none"
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        )}
      </Field>
      <Field id={`${baseId}-password`} label={t('verification.supervisorPassword')} error={errors.password}>
        {(control) => (
          <input
            {...control}
            type="password"
            autoComplete="off"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${baseId}-reason`}
        label={t('verification.overrideReason')}
        hint={t('verification.overrideHint')}
        error={errors.reason}
      >
        {(control) => (
          <textarea
            {...control}
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      {failure ? (
        <p className="form-message form-message--error" role="alert">
          {failure}
        </p>
      ) : null}
      <button type="button" className="button button--danger" disabled={busy} onClick={() => void submit()}>
        {t('verification.recordOverride')}
      </button>
    </div>
  );
}
